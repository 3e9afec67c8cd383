import { useMemo } from 'preact/hooks';
import { viewQuery } from '../graphql-client.ts';
import { OpenInGraphiQL } from '../open-in-graphiql.tsx';
import { ROLES_OF_THE_BRIEF } from '../roles-of-the-brief.ts';
import { RoutePicker } from '../route-picker.tsx';
import { Link, type Place } from '../router.tsx';
import { useQuery } from '../use-query.ts';
import { connectionElements } from './connection-drawing.ts';
import { GraphCanvas } from './graph-canvas.tsx';
import { type PlanStep, planDrawing } from './plan-graph.ts';
import ROUTE_CONNECTION from './route-connection.graphql?raw';
import ROUTE_PLAN from './route-plan.graphql?raw';
import { storedDirection, type WalkedStep } from './stored-direction.ts';

interface PlanAnswer {
  target: { key: string; name: string } | null;
  skillGap: { coverage: number; hoursToClose: number; covered: { key: string; name: string }[] };
  learningPlan: { totalHours: number; hoursEstimated: boolean; steps: PlanStep[] };
}

interface ConnectionAnswer {
  shortestPath: { length: number; steps: WalkedStep[] } | null;
}

const REASONS: Record<PlanStep['reason'], string> = {
  ESSENTIAL: 'essential for the role',
  OPTIONAL: 'optional for the role',
  PREREQUISITE: 'needed first',
};

const listOf = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** `/route?from=<role>&to=<role>` (or `skills=a,b` as the start, or no start at all). */
export function RouteView({ place }: { place: Place }) {
  const from = place.query.get('from') || undefined;
  const skills = listOf(place.query.get('skills'));
  const to = place.query.get('to') || undefined;
  if (!to || (!from && skills.length === 0))
    return (
      <>
        <h1>Route</h1>
        <p>
          Say where you start and where you want to go: a role to a role (or add <code>skills=a,b</code> to the address
          to start from skills you have).
        </p>
        <RoutePicker from={from} to={to} />
      </>
    );
  const startName = from
    ? (ROLES_OF_THE_BRIEF.find((role) => role.key === from)?.name ?? from)
    : `your ${skills.length === 1 ? 'skill' : 'skills'}`;
  return (
    <>
      <Plan from={from} skills={skills} to={to} startName={startName} />
      {(from ?? skills[0]) && <Connection from={(from ?? skills[0]) as string} to={to} />}
    </>
  );
}

function Plan({ from, skills, to, startName }: { from?: string; skills: string[]; to: string; startName: string }) {
  const profile = { role: from, skills: skills.length > 0 ? skills : undefined };
  const query = useMemo(() => viewQuery(ROUTE_PLAN, { from: profile, to }), [from, skills.join(), to]);
  const state = useQuery<PlanAnswer>(query);
  const drawing = useMemo(
    () =>
      state.status === 'done' && state.data.target
        ? planDrawing({
            target: state.data.target,
            covered: state.data.skillGap.covered,
            steps: state.data.learningPlan.steps,
          })
        : undefined,
    [state],
  );
  if (state.status === 'loading') return <p role="status">Working out the route…</p>;
  if (state.status === 'error')
    return (
      <>
        <h1>No route</h1>
        <p role="alert">{state.error.message}</p>
        <OpenInGraphiQL query={query} />
      </>
    );
  const { target, skillGap, learningPlan } = state.data;
  const targetName = target?.name ?? to;
  let runningTotal = 0;
  return (
    <>
      <h1>
        From {startName} to {targetName}
      </h1>
      <p class="lead">
        {skillGap.covered.length > 0
          ? `${capitalise(startName)} already has ${skillGap.covered.length} of the skills ${targetName} asks for (${Math.round(skillGap.coverage * 100)}% of its essential ones). `
          : ''}
        {learningPlan.steps.length > 0
          ? `To become ${article(targetName)} ${targetName}: ${learningPlan.steps.length} skills to learn, about ${learningPlan.totalHours} hours${learningPlan.hoursEstimated ? ' (partly estimated)' : ''}.`
          : `Nothing is missing: ${startName} has every skill ${targetName} needs.`}
      </p>
      <div class="route-layout">
        <div class="route-text">
          <section aria-labelledby="have-heading">
            <h2 id="have-heading">Already there</h2>
            {skillGap.covered.length > 0 ? (
              <ul aria-labelledby="have-heading" class="have-list">
                {skillGap.covered.map((skill) => (
                  <li key={skill.key}>
                    <Link href={`/skill/${skill.key}`}>{skill.name}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p>None of the skills {targetName} asks for.</p>
            )}
          </section>
          <section aria-labelledby="learn-heading">
            <h2 id="learn-heading">What to learn, in order</h2>
            <ol aria-label="Steps to learn" class="steps">
              {learningPlan.steps.map((step) => {
                runningTotal += step.hours;
                return (
                  <li key={step.skill.key} data-key={step.skill.key}>
                    <Link href={`/skill/${step.skill.key}`}>{step.skill.name}</Link>
                    <span class="hours"> · {step.hours} h</span>
                    <span class="total"> · {runningTotal} h in all</span>
                    <span class="reason"> · {REASONS[step.reason]}</span>
                  </li>
                );
              })}
            </ol>
            <p class="arrival">
              Then: <strong>{targetName}</strong>, after {learningPlan.totalHours} hours.
            </p>
          </section>
          <p>
            <OpenInGraphiQL query={query} />
          </p>
        </div>
        {drawing && (
          <figure class="route-figure">
            <GraphCanvas
              elements={drawing.elements}
              label={`Layered graph: ${skillGap.covered.length} skills already there, ${learningPlan.steps.length} to learn, then ${targetName}. The lists beside it say the same.`}
            />
            <figcaption>
              Green: already there; blue: to learn, numbered in order; orange: the target. Arrows run from a skill to
              what needs it.
              {(drawing.drawnSteps < learningPlan.steps.length || drawing.drawnHave < skillGap.covered.length) &&
                ` The drawing shows the first ${drawing.drawnSteps} of ${learningPlan.steps.length} steps and ${drawing.drawnHave} of ${skillGap.covered.length} skills already there; the list has them all.`}
            </figcaption>
          </figure>
        )}
      </div>
    </>
  );
}

function Connection({ from, to }: { from: string; to: string }) {
  const query = useMemo(() => viewQuery(ROUTE_CONNECTION, { from, to }), [from, to]);
  const state = useQuery<ConnectionAnswer>(query);
  const relationships = useMemo(
    () => (state.status === 'done' ? (state.data.shortestPath?.steps ?? []).map(storedDirection) : []),
    [state],
  );
  const elements = useMemo(() => connectionElements(relationships), [relationships]);
  return (
    <section aria-labelledby="connection-heading" class="connection">
      <h2 id="connection-heading">How they are connected</h2>
      {state.status === 'loading' && <p role="status">Finding the shortest path…</p>}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}
      {state.status === 'done' && relationships.length === 0 && <p>No path connects them within 8 steps.</p>}
      {relationships.length > 0 && (
        <div class="route-layout">
          <ol aria-label="Shortest path" class="sentences">
            {relationships.map((relationship, index) => (
              <li key={`${index}-${relationship.relation}`}>{relationship.sentence}</li>
            ))}
          </ol>
          <figure class="route-figure small">
            <GraphCanvas
              elements={elements}
              direction="TB"
              label={`The shortest path as a graph: ${relationships.map((r) => r.sentence).join('; ')}.`}
            />
          </figure>
        </div>
      )}
      <p>
        <OpenInGraphiQL query={query} label="Open the path in GraphiQL" />
      </p>
    </section>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const article = (name: string) => (/^[AEIOU]|^ML|^MLOps/i.test(name) ? 'an' : 'a');

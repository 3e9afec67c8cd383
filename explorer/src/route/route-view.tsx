import { useMemo, useState } from 'preact/hooks';
import { useDocumentTitle } from '../document-title.ts';
import { GraphCanvas } from '../graph-canvas.tsx';
import { viewQuery } from '../graphql-client.ts';
import { OpenInGraphiQL } from '../open-in-graphiql.tsx';
import { listOf, RoutePicker } from '../route-picker.tsx';
import { Link, type Place } from '../router.tsx';
import { useQuery } from '../use-query.ts';
import { connectionElements } from './connection-drawing.ts';
import { type PlanStep, planDrawing } from './plan-graph.ts';
import ROUTE_ALTERNATIVES from './route-alternatives.graphql?raw';
import ROUTE_CONNECTION from './route-connection.graphql?raw';
import ROUTE_PLAN from './route-plan.graphql?raw';
import { type StoredRelationship, storedDirection, type WalkedStep } from './stored-direction.ts';

interface PlanAnswer {
  start?: { key: string; name: string } | null;
  target: { key: string; name: string } | null;
  skillGap: { coverage: number; hoursToClose: number; covered: { key: string; name: string }[] };
  learningPlan: { totalHours: number; hoursEstimated: boolean; steps: PlanStep[] };
}

interface ConnectionAnswer {
  shortestPath: { length: number; steps: WalkedStep[] } | null;
}

interface AlternativesAnswer {
  shortestPaths: { length: number; steps: WalkedStep[] }[];
}

const REASONS: Record<PlanStep['reason'], string> = {
  ESSENTIAL: 'essential for the role',
  OPTIONAL: 'optional for the role',
  PREREQUISITE: 'needed first',
};

/** How many paths "Show alternative paths" asks for (the shortest among them). */
const ALTERNATIVES = 5;

/**
 * `/route?from=<role>&to=<role>`; the start can also be skills one has (`skills=a,b`), a role and skills, or
 * nothing at all (`/route?to=<role>`: from scratch).
 */
export function RouteView({ place }: { place: Place }) {
  const from = place.query.get('from') || undefined;
  const skills = listOf(place.query.get('skills'));
  const to = place.query.get('to') || undefined;
  if (!to)
    return (
      <>
        <RouteTitle title="Route" />
        <h1>Route</h1>
        <p>Say where you start (a role, skills you have, both, or nothing yet) and the role you aim for.</p>
        <RoutePicker from={from} skills={skills} />
      </>
    );
  return <Plan from={from} skills={skills} to={to} showAlternatives={place.query.get('alternatives') === '1'} />;
}

/** The picker again, filled in with this route, to change its start or its target. */
function AnotherRoute({
  from,
  skills,
  to,
  names,
}: {
  from?: string;
  skills: string[];
  to: string;
  names: Record<string, string>;
}) {
  return (
    <section aria-labelledby="another-heading">
      <h2 id="another-heading">Another route</h2>
      <RoutePicker from={from ?? ''} skills={skills} to={to} names={names} />
    </section>
  );
}

function RouteTitle({ title }: { title: string | undefined }) {
  useDocumentTitle(title);
  return null;
}

interface PlanProps {
  from?: string;
  skills: string[];
  to: string;
  showAlternatives: boolean;
}

/** The learning plan, then how the start and the target are connected, then a picker for another route. */
function Plan({ from, skills, to, showAlternatives }: PlanProps) {
  const query = useMemo(
    () =>
      viewQuery(ROUTE_PLAN, {
        from: { role: from, skills: skills.length > 0 ? skills : undefined },
        to,
        startRole: from ?? '',
        hasStartRole: from !== undefined,
      }),
    [from, skills.join(), to],
  );
  const state = useQuery<PlanAnswer>(query);
  const roleName = state.status === 'done' ? (state.data.start?.name ?? from) : from;
  const yours = `your ${skills.length === 1 ? 'skill' : 'skills'}`;
  const startName = roleName
    ? skills.length > 0
      ? `${roleName} and ${yours}`
      : roleName
    : skills.length > 0
      ? yours
      : undefined;
  const targetName = state.status === 'done' ? (state.data.target?.name ?? to) : to;
  const title = `From ${startName ?? 'scratch'} to ${targetName}`;
  // the path is drawn from the role, or from the first skill when the start is only skills
  const pathFrom = from ?? skills[0];
  const another = (
    <AnotherRoute
      from={from}
      skills={skills}
      to={to}
      names={{ ...(from && roleName ? { [from]: roleName } : {}), [to]: targetName }}
    />
  );
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
        <RouteTitle title="No route" />
        <h1>No route</h1>
        <p role="alert">{state.error.message}</p>
        <OpenInGraphiQL query={query} />
        {another}
      </>
    );
  const { skillGap, learningPlan } = state.data;
  let runningTotal = 0;
  return (
    <>
      <RouteTitle title={title} />
      <h1>{title}</h1>
      <p class="lead">
        {startName && skillGap.covered.length > 0
          ? `${capitalise(startName)} already ${startName === roleName ? 'covers' : 'cover'} ${skillGap.covered.length} of the skills ${targetName} asks for (${Math.round(skillGap.coverage * 100)}% of its essential ones). `
          : ''}
        {learningPlan.steps.length > 0
          ? `To become ${article(targetName)} ${targetName}${startName ? '' : ' from scratch'}: ${learningPlan.steps.length} skills to learn, about ${learningPlan.totalHours} hours${learningPlan.hoursEstimated ? ' (partly estimated)' : ''}.`
          : `Nothing is missing: ${startName ?? 'the start'} covers every skill ${targetName} needs.`}
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
              <p>
                {startName
                  ? `None of the skills ${targetName} asks for.`
                  : 'Nothing yet: this route starts from scratch.'}
              </p>
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
                ` The drawing shows the first ${drawing.drawnSteps} of ${learningPlan.steps.length} steps${skillGap.covered.length > 0 ? ` and ${drawing.drawnHave} of ${skillGap.covered.length} skills already there` : ''}; the list has them all.`}
            </figcaption>
          </figure>
        )}
      </div>
      {pathFrom && <Connection key={`${pathFrom} ${to}`} from={pathFrom} to={to} showAlternatives={showAlternatives} />}
      {another}
    </>
  );
}

/** How the start and the target are connected: the literal shortest path, and the alternatives on demand. */
function Connection({ from, to, showAlternatives }: { from: string; to: string; showAlternatives: boolean }) {
  const query = useMemo(() => viewQuery(ROUTE_CONNECTION, { from, to }), [from, to]);
  const state = useQuery<ConnectionAnswer>(query);
  const [alternatives, setAlternatives] = useState(showAlternatives);
  const relationships = useMemo(
    () => (state.status === 'done' ? (state.data.shortestPath?.steps ?? []).map(storedDirection) : []),
    [state],
  );
  const elements = useMemo(() => connectionElements([relationships]), [relationships]);
  const onShowAlternatives = () => {
    setAlternatives(true);
    // kept in the address, so a reload or a shared link shows them too
    const url = new URL(location.href);
    url.searchParams.set('alternatives', '1');
    history.replaceState(history.state, '', url);
  };
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
        <OpenInGraphiQL query={query} label="Open the path in GraphiQL" />{' '}
        {relationships.length > 0 && !alternatives && (
          <button type="button" onClick={onShowAlternatives}>
            Show alternative paths
          </button>
        )}
      </p>
      {alternatives && <AlternativePaths from={from} to={to} />}
    </section>
  );
}

/** The k shortest paths (the API's shortestPaths), as sentences and drawn together. */
function AlternativePaths({ from, to }: { from: string; to: string }) {
  const query = useMemo(() => viewQuery(ROUTE_ALTERNATIVES, { from, to, k: ALTERNATIVES }), [from, to]);
  const state = useQuery<AlternativesAnswer>(query);
  const paths = useMemo(
    () => (state.status === 'done' ? state.data.shortestPaths.map((path) => path.steps.map(storedDirection)) : []),
    [state],
  );
  const elements = useMemo(() => connectionElements(paths), [paths]);
  return (
    <section aria-labelledby="alternatives-heading">
      <h3 id="alternatives-heading">The {ALTERNATIVES} shortest paths</h3>
      {state.status === 'loading' && <p role="status">Finding the alternative paths…</p>}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}
      {paths.length > 0 && (
        <div class="route-layout">
          <ol aria-label="Alternative paths" class="paths">
            {paths.map((path, index) => (
              <li key={pathKey(path)}>
                <p class="path-label" id={`path-${index + 1}`}>
                  Path {index + 1}, {stepsText(path.length)}
                  {index === 0 && ' (the one above)'}
                </p>
                <ol aria-labelledby={`path-${index + 1}`} class="sentences">
                  {path.map((relationship, step) => (
                    <li key={`${step}-${relationship.relation}`}>{relationship.sentence}</li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
          <figure class="route-figure small">
            <GraphCanvas
              elements={elements}
              direction="TB"
              label={`The ${paths.length} shortest paths drawn together: ${paths.map((path) => path.map((r) => r.sentence).join(', ')).join('; ')}.`}
            />
            <figcaption>
              {paths.length < ALTERNATIVES ? `Only ${paths.length} paths connect them within 8 steps. ` : ''}
              Every node and relationship once; arrows in each relationship's stored direction.
            </figcaption>
          </figure>
        </div>
      )}
      <p>
        <OpenInGraphiQL query={query} label="Open the alternative paths in GraphiQL" />
      </p>
    </section>
  );
}

const pathKey = (path: readonly StoredRelationship[]) =>
  path.map((r) => `${r.source.key} ${r.relation} ${r.target.key}`).join(' ');
const stepsText = (steps: number) => `${steps} ${steps === 1 ? 'step' : 'steps'}`;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const article = (name: string) => (/^[AEIOU]|^ML|^MLOps/i.test(name) ? 'an' : 'a');

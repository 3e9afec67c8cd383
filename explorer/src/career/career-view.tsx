import { useMemo } from 'preact/hooks';
import { useDocumentTitle } from '../document-title.ts';
import { viewQuery } from '../graphql-client.ts';
import { OpenInGraphiQL } from '../open-in-graphiql.tsx';
import { Link, type Place } from '../router.tsx';
import { useQuery } from '../use-query.ts';
import { CareerForm, type CareerQuestion, careerHref } from './career-form.tsx';
import CAREER_PATH from './career-path.graphql?raw';
import './career.css';

interface Role {
  key: string;
  name: string;
}

interface CareerStep {
  hours: number;
  hoursEstimated: boolean;
  from: Role;
  to: Role;
  learn: (Role & { learningHours: number })[];
}

interface CareerAnswer {
  fromRole: Role | null;
  toRole: Role | null;
  careerPathSearch: {
    outcome: 'FOUND' | 'NO_CHAIN_WITHIN_LIMIT' | 'SAME_ROLE';
    limitGiven: boolean;
    stepLimitHours: number;
    smallestFeasibleStepHours: number;
    directMoveHours: number;
    cheapestFirstMove: { hours: number; to: Role } | null;
    path: {
      totalHours: number;
      largestStepHours: number;
      hoursEstimated: boolean;
      steps: CareerStep[];
    } | null;
  };
}

const hours = (value: number) => `${value.toLocaleString('en-GB')} h`;

function readQuestion(query: URLSearchParams): Partial<CareerQuestion> {
  const limit = query.get('maxStepHours')?.trim();
  return {
    from: query.get('from')?.trim() || undefined,
    to: query.get('to')?.trim() || undefined,
    maxStepHours: limit && /^\d+$/.test(limit) ? Number(limit) : undefined,
  };
}

/** `/career?from=<role>&to=<role>&maxStepHours=<h>`: the cheapest chain of role changes, move by move. */
export function CareerView({ place }: { place: Place }) {
  const question = readQuestion(place.query);
  const { from, to } = question;
  if (!from || !to)
    return (
      <>
        <Title text="Career moves" />
        <h1>Career moves</h1>
        <p class="lead">
          The chain of role changes with the fewest learning hours from one role to another, each move no larger than
          the limit you give.
        </p>
        <CareerForm key={careerHref({ from: from ?? '', to: to ?? '' })} question={question} roles={[]} />
      </>
    );
  return <CareerChain question={{ ...question, from, to }} />;
}

function CareerChain({ question }: { question: CareerQuestion }) {
  const { from, to, maxStepHours } = question;
  const query = useMemo(
    () => viewQuery(CAREER_PATH, { from, to, maxStepHours: maxStepHours ?? null }),
    [from, to, maxStepHours],
  );
  const state = useQuery<CareerAnswer>(query);
  const form = (roles: Role[]) => <CareerForm key={careerHref(question)} question={question} roles={roles} />;
  if (state.status === 'loading') return <p role="status">Working out the moves…</p>;
  if (state.status === 'error')
    return (
      <>
        <Title text="Career moves" />
        <h1>Career moves</h1>
        <p role="alert">{state.error.message}</p>
        {form([])}
        <p>
          <OpenInGraphiQL query={query} />
        </p>
      </>
    );
  const { fromRole, toRole, careerPathSearch: search } = state.data;
  const fromName = fromRole?.name ?? search.path?.steps[0]?.from.name ?? from;
  const toName = toRole?.name ?? search.path?.steps.at(-1)?.to.name ?? to;
  const known = [fromRole, toRole].filter((role): role is Role => role !== null);
  return (
    <>
      <Title text={`Career moves: ${fromName} to ${toName}`} />
      <h1>
        Career moves from {fromName} to {toName}
      </h1>
      {form(known)}
      {search.path && search.outcome === 'FOUND' && (
        <Chain
          path={search.path}
          limit={search.stepLimitHours}
          limitGiven={search.limitGiven}
          smallest={search.smallestFeasibleStepHours}
          direct={search.directMoveHours}
          fromName={fromName}
          toName={toName}
        />
      )}
      {search.outcome === 'SAME_ROLE' && (
        <p class="lead">
          {fromName} and {toName} are the same role: there is no move to make.
        </p>
      )}
      {search.outcome === 'NO_CHAIN_WITHIN_LIMIT' && (
        <NoChain search={search} question={question} fromName={fromName} toName={toName} />
      )}
      <p>
        <OpenInGraphiQL query={query} />
      </p>
    </>
  );
}

function Title({ text }: { text: string }) {
  useDocumentTitle(text);
  return null;
}

function Chain({
  path,
  limit,
  limitGiven,
  smallest,
  direct,
  fromName,
  toName,
}: {
  path: NonNullable<CareerAnswer['careerPathSearch']['path']>;
  limit: number;
  limitGiven: boolean;
  smallest: number;
  direct: number;
  fromName: string;
  toName: string;
}) {
  let runningTotal = 0;
  const moves = path.steps.length;
  return (
    <>
      <p class="lead" id="career-summary">
        {moves} {moves === 1 ? 'move' : 'moves'}, {hours(path.totalHours)} of learning in all
        {path.hoursEstimated ? ' (partly estimated)' : ''}; the largest move needs {hours(path.largestStepHours)},{' '}
        {limitGiven
          ? `within the limit of ${hours(limit)} a move.`
          : `the smallest limit under which any chain exists.`}{' '}
        Straight from {fromName} to {toName} would be one move of {hours(direct)}
        {limitGiven && smallest < limit ? `; chains exist from a limit of ${hours(smallest)}.` : '.'}
      </p>
      <section aria-labelledby="career-moves-heading">
        <h2 id="career-moves-heading">The moves, in order</h2>
        <ol class="timeline" aria-label="Career moves">
          {path.steps.map((step, index) => {
            runningTotal += step.hours;
            return (
              <li key={`${step.from.key}-${step.to.key}`} class="move">
                <h3>
                  <span class="move-number">Move {index + 1}:</span>{' '}
                  <Link href={`/role/${step.from.key}`}>{step.from.name}</Link> →{' '}
                  <Link href={`/role/${step.to.key}`}>{step.to.name}</Link>
                </h3>
                <p class="move-hours">
                  <strong>{hours(step.hours)}</strong>
                  {step.hoursEstimated ? ' (partly estimated)' : ''} · {hours(runningTotal)} in all ·{' '}
                  {step.learn.length} {step.learn.length === 1 ? 'skill' : 'skills'} to learn
                </p>
                <ul class="move-skills" aria-label={`Skills for ${step.to.name}`}>
                  {step.learn.map((skill) => (
                    <li key={skill.key}>
                      <Link href={`/skill/${skill.key}`}>{skill.name}</Link>{' '}
                      <span class="skill-hours">{skill.learningHours} h</span>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ol>
        <p class="arrival">
          Then: <strong>{toName}</strong>, after {hours(path.totalHours)}.
        </p>
      </section>
    </>
  );
}

function NoChain({
  search,
  question,
  fromName,
  toName,
}: {
  search: CareerAnswer['careerPathSearch'];
  question: CareerQuestion;
  fromName: string;
  toName: string;
}) {
  const first = search.cheapestFirstMove;
  return (
    <section aria-labelledby="no-chain-heading" class="no-chain">
      <h2 id="no-chain-heading">No chain with moves of at most {hours(search.stepLimitHours)}</h2>
      <p id="no-chain-reason">
        Every chain from {fromName} to {toName} has a move of at least {hours(search.smallestFeasibleStepHours)} (the
        direct move needs {hours(search.directMoveHours)}).
        {first && first.hours > search.stepLimitHours
          ? ` Even the cheapest move out of ${fromName}, to ${first.to.name}, needs ${hours(first.hours)}.`
          : ''}
      </p>
      <p>
        <Link href={careerHref({ ...question, maxStepHours: search.smallestFeasibleStepHours })}>
          Allow moves of up to {hours(search.smallestFeasibleStepHours)}
        </Link>{' '}
        — the smallest limit that gives a chain.
      </p>
    </section>
  );
}

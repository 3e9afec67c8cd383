import { useMemo } from 'preact/hooks';
import { viewQuery } from '../graphql-client.ts';
import { OpenInGraphiQL } from '../open-in-graphiql.tsx';
import { Link } from '../router.tsx';
import { useQuery } from '../use-query.ts';
import { formatJaccard, type Role } from './heatmap.ts';
import ROLE_OVERLAP from './role-overlap.graphql?raw';

interface PairAnswer {
  roleOverlap: {
    jaccard: number;
    a: Role;
    b: Role;
    sharedSkills: Role[];
    onlyA: Role[];
    onlyB: Role[];
  };
}

/** One cell of the heatmap opened: the skills the two roles share, and those only one of them requires. */
export function PairDetails({ a, b }: { a: Role; b: Role }) {
  const query = useMemo(() => viewQuery(ROLE_OVERLAP, { a: a.key, b: b.key }), [a.key, b.key]);
  const state = useQuery<PairAnswer>(query);
  return (
    <section aria-labelledby="pair-heading" aria-live="polite" class="pair-details">
      <h3 id="pair-heading">
        {a.name} and {b.name}
      </h3>
      {state.status === 'loading' && <p role="status">Comparing their skills…</p>}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}
      {state.status === 'done' && (
        <>
          <p>
            Jaccard {formatJaccard(state.data.roleOverlap.jaccard)}: {state.data.roleOverlap.sharedSkills.length} shared
            of{' '}
            {state.data.roleOverlap.sharedSkills.length +
              state.data.roleOverlap.onlyA.length +
              state.data.roleOverlap.onlyB.length}{' '}
            skills.
          </p>
          <div class="pair-columns">
            <SkillList id="pair-shared" title="Shared" skills={state.data.roleOverlap.sharedSkills} />
            <SkillList id="pair-only-a" title={`Only ${a.name}`} skills={state.data.roleOverlap.onlyA} />
            <SkillList id="pair-only-b" title={`Only ${b.name}`} skills={state.data.roleOverlap.onlyB} />
          </div>
        </>
      )}
      <p>
        <OpenInGraphiQL query={query} label="Open this pair in GraphiQL" />
      </p>
    </section>
  );
}

function SkillList({ id, title, skills }: { id: string; title: string; skills: readonly Role[] }) {
  return (
    <div>
      <h4 id={id}>
        {title} ({skills.length})
      </h4>
      {skills.length > 0 ? (
        <ul aria-labelledby={id}>
          {skills.map((skill) => (
            <li key={skill.key}>
              <Link href={`/skill/${skill.key}`}>{skill.name}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>None.</p>
      )}
    </div>
  );
}

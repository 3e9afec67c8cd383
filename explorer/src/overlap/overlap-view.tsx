import { useMemo, useState } from 'preact/hooks';
import { useDocumentTitle } from '../document-title.ts';
import { type ViewQuery, viewQuery } from '../graphql-client.ts';
import { OpenInGraphiQL } from '../open-in-graphiql.tsx';
import { Link, type Place } from '../router.tsx';
import { useQuery } from '../use-query.ts';
import { type BridgeSkill, bridgeChartOptions, formatScore } from './bridge-chart.ts';
import BRIDGE_SKILLS from './bridge-skills.graphql?raw';
import {
  clickablePairs,
  closestPair,
  formatJaccard,
  HEATMAP_LEGEND,
  heatmapOptions,
  type OverlapCell,
  overlapCells,
  type Role,
} from './heatmap.ts';
import OVERLAP_MATRIX from './overlap-matrix.graphql?raw';
import OVERLAP_ROLES from './overlap-roles.graphql?raw';
import { PairDetails } from './pair-details.tsx';
import { PlotFigure } from './plot-figure.tsx';
import { BRIEF_ROLES_HREF, RolePicker } from './role-picker.tsx';
import './overlap.css';

/** roles=all: the best-connected roles up to this many (ESCO has about 3,000; a heatmap of 30 is readable). */
export const ALL_ROLES_CAP = 30;
/** Bridge skills in the ranking. */
const BRIDGE_COUNT = 10;

interface RolesAnswer {
  roles: { totalCount: number; edges: { node: Role & { skills: { totalCount: number } } }[] };
}

/** Roles asked for with roles=all, best connected first, before those requiring no skill are left out. */
const ALL_ROLES_CANDIDATES = 100;

interface MatrixAnswer {
  overlapMatrix: { roles: Role[]; jaccard: number[][] };
}

/** `/overlap?roles=a,b,c` or `roles=all`: the Jaccard overlaps of roles' skills, and the bridge skills. */
export function OverlapView({ place }: { place: Place }) {
  const param = place.query.get('roles')?.trim() ?? '';
  const keys = param
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  useDocumentTitle(param === 'all' ? 'Overlap of all roles' : 'Overlap of roles');
  return (
    <>
      <h1>How much roles overlap</h1>
      <p class="lead">
        The Jaccard index of two roles’ skills: the skills both require over the skills either requires (0: nothing
        shared, 1: the same skills). Choose a cell for the skills the two share and those only one of them needs.
      </p>
      {param === 'all' ? (
        <AllRoles />
      ) : keys.length > 0 ? (
        <Overlap keys={keys} />
      ) : (
        <>
          <p>
            Choose roles to compare, or compare <Link href={BRIEF_ROLES_HREF}>the ten roles of the brief</Link>.
          </p>
          <RolePicker shown={[]} offered={[]} />
        </>
      )}
      <BridgeSkills />
    </>
  );
}

/** roles=all: first the list of roles (capped), then their matrix. */
function AllRoles() {
  const query = useMemo(() => viewQuery(OVERLAP_ROLES, { first: ALL_ROLES_CANDIDATES }), []);
  const state = useQuery<RolesAnswer>(query);
  if (state.status === 'loading') return <p role="status">Finding the roles…</p>;
  if (state.status === 'error') return <p role="alert">{state.error.message}</p>;
  const { totalCount, edges } = state.data.roles;
  const withSkills = edges.map((edge) => edge.node).filter((role) => role.skills.totalCount > 0);
  const roles = withSkills
    .slice(0, ALL_ROLES_CAP)
    .map(({ key, name }) => ({ key, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const note =
    roles.length === totalCount
      ? `All ${totalCount} roles of the graph.`
      : `The ${roles.length} best-connected roles that require skills, of the ${totalCount.toLocaleString('en-GB')} in the graph (a heatmap of them all would say nothing; roles requiring no skill, such as O*NET’s occupations, which bring tools only, all overlap fully).`;
  return <Overlap keys={roles.map((role) => role.key)} note={note} rolesQuery={query} />;
}

function Overlap({ keys, note, rolesQuery }: { keys: string[]; note?: string; rolesQuery?: ViewQuery }) {
  const query = useMemo(() => viewQuery(OVERLAP_MATRIX, { roles: keys }), [keys.join(',')]);
  const state = useQuery<MatrixAnswer>(query);
  const [selected, setSelected] = useState<OverlapCell>();
  const matrix = state.status === 'done' ? state.data.overlapMatrix : undefined;
  const cells = useMemo(() => (matrix ? overlapCells(matrix.roles, matrix.jaccard) : []), [matrix]);
  const options = useMemo(
    () => (matrix ? heatmapOptions(matrix.roles, cells, clickablePairs(setSelected)) : undefined),
    [matrix, cells],
  );
  const links = (
    <p class="graphiql-links">
      {rolesQuery && <OpenInGraphiQL query={rolesQuery} label="Open the role list in GraphiQL" />}
      <OpenInGraphiQL query={query} />
    </p>
  );
  if (state.status === 'loading') return <p role="status">Comparing the roles…</p>;
  if (state.status === 'error')
    return (
      <>
        <p role="alert">{state.error.message}</p>
        <RolePicker shown={keys.map((key) => ({ key, name: key }))} offered={[]} />
        {links}
      </>
    );
  const roles = matrix?.roles ?? [];
  const closest = closestPair(cells);
  const csvHref = `/export/overlap.csv?${new URLSearchParams({ roles: roles.map((role) => role.key).join(',') })}`;
  return (
    <>
      {note && <p class="cap-note">{note}</p>}
      <RolePicker shown={roles} offered={roles} />
      <section aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">
          Overlaps of {roles.length} {roles.length === 1 ? 'role' : 'roles'}
        </h2>
        {closest && (
          <p>
            Closest: {closest.a.name} and {closest.b.name}, {formatJaccard(closest.jaccard)}.
          </p>
        )}
        <div class="overlap-layout">
          {options && (
            <figure class="heatmap-figure">
              <PlotFigure
                options={options}
                colorLegend={HEATMAP_LEGEND}
                download={{ file: 'role-overlap', what: 'the heatmap' }}
                class="heatmap"
                label={`Heatmap of the Jaccard overlaps of ${roles.length} roles${closest ? `; the closest pair: ${closest.a.name} and ${closest.b.name}, ${formatJaccard(closest.jaccard)}` : ''}. The table “Jaccard overlaps” has every figure.`}
              />
              <figcaption>
                Darker: more skills in common; the diagonal (each role with itself) is grey. Choose a cell, here or in
                the table, for the skills behind it.
              </figcaption>
            </figure>
          )}
          {selected ? (
            <PairDetails a={selected.a} b={selected.b} />
          ) : (
            <p class="pair-hint">Choose a cell for the skills the two roles share and those only one of them needs.</p>
          )}
        </div>
        <MatrixTable roles={roles} cells={cells} open={roles.length <= 12} onSelect={setSelected} />
        <p class="downloads">
          <a href={csvHref} download="role-overlap.csv">
            Download the matrix as CSV
          </a>{' '}
          (the service’s <code>/export/overlap.csv</code>, the same figures in full precision)
        </p>
        {links}
      </section>
    </>
  );
}

/** The matrix as a table, every figure in text; each pair's figure is a button (keyboard) for its skills. */
function MatrixTable({
  roles,
  cells,
  open,
  onSelect,
}: {
  roles: readonly Role[];
  cells: readonly OverlapCell[];
  open: boolean;
  onSelect: (cell: OverlapCell) => void;
}) {
  return (
    <details class="matrix-table" open={open}>
      <summary>The figures as a table</summary>
      <div class="table-scroll">
        <table>
          <caption>Jaccard overlaps</caption>
          <thead>
            <tr>
              <td />
              {roles.map((role) => (
                <th key={role.key} scope="col">
                  {role.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {roles.map((role, row) => (
              <tr key={role.key}>
                <th scope="row">{role.name}</th>
                {cells
                  .filter((cell) => cell.row === row)
                  .map((cell) => (
                    <td key={cell.b.key}>
                      {cell.row === cell.column ? (
                        formatJaccard(cell.jaccard)
                      ) : (
                        <button
                          type="button"
                          aria-label={`${cell.a.name} and ${cell.b.name}: ${formatJaccard(cell.jaccard)}`}
                          onClick={() => onSelect(cell)}
                        >
                          {formatJaccard(cell.jaccard)}
                        </button>
                      )}
                    </td>
                  ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

interface BridgeAnswer {
  bridgeSkills: BridgeSkill[];
}

/** The skills most shortest paths run through, for the whole graph. */
function BridgeSkills() {
  const query = useMemo(() => viewQuery(BRIDGE_SKILLS, { first: BRIDGE_COUNT }), []);
  const state = useQuery<BridgeAnswer>(query);
  const ranking = state.status === 'done' ? state.data.bridgeSkills : undefined;
  const options = useMemo(() => (ranking ? bridgeChartOptions(ranking) : undefined), [ranking]);
  const exact = ranking?.every((bridge) => bridge.exact) ?? true;
  return (
    <section aria-labelledby="bridge-heading">
      <h2 id="bridge-heading">Bridge skills</h2>
      <p>
        The skills of the whole graph that most shortest paths between roles and skills run through (betweenness):
        learning one of them connects many roles.
        {!exact && ` Sampled estimates, each within ±${formatScore(ranking?.[0]?.errorBound ?? 0)}.`}
      </p>
      {state.status === 'loading' && <p role="status">Ranking the skills…</p>}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}
      {ranking && options && (
        <div class="bridge-layout">
          <ol class="bridge-list" aria-label="Bridge skills, highest first">
            {ranking.map((bridge) => (
              <li key={bridge.skill.key}>
                <Link href={`/skill/${bridge.skill.key}`}>{bridge.skill.name}</Link>{' '}
                <span class="score">{formatScore(bridge.score)}</span>
              </li>
            ))}
          </ol>
          <PlotFigure
            options={options}
            download={{ file: 'bridge-skills', what: 'the bridge-skill chart' }}
            class="bridge-chart"
            label={`Bar chart of the ${ranking.length} bridge skills by betweenness, highest first: ${ranking.map((bridge) => `${bridge.skill.name} ${formatScore(bridge.score)}`).join(', ')}.`}
          />
        </div>
      )}
      <p>
        <OpenInGraphiQL query={query} label="Open the ranking in GraphiQL" />
      </p>
    </section>
  );
}

import { ROLES_OF_THE_BRIEF } from '../roles-of-the-brief.ts';
import { RoutePicker } from '../route-picker.tsx';
import { Link } from '../router.tsx';
import { SearchBox } from './search-box.tsx';

export const HEADLINE_ROUTE = '/route?from=data-scientist&to=mlops-engineer';

export function HomeView() {
  return (
    <>
      <h1>Explore AI and ML careers</h1>
      <p class="lead">
        Find a role, a skill or a tool, or see what it takes to move from one role to another, computed from the skill
        graph.
      </p>
      <SearchBox />
      <section aria-labelledby="headline-heading">
        <h2 id="headline-heading">Routes between roles</h2>
        <p>
          <Link href={HEADLINE_ROUTE} class="headline">
            From Data Scientist to MLOps Engineer: what to learn, in order
          </Link>
        </p>
        <RoutePicker />
      </section>
      <section aria-labelledby="analysis-heading">
        <h2 id="analysis-heading">Careers and overlaps</h2>
        <p>
          <Link href="/career?from=data-analyst&to=mlops-engineer&maxStepHours=800">
            Career moves from Data Analyst to MLOps Engineer, no move over 800 hours
          </Link>
        </p>
        <p>
          <Link href="/overlap?roles=data-scientist,mlops-engineer,data-engineer">
            How much Data Scientist, MLOps Engineer and Data Engineer overlap
          </Link>{' '}
          (or <Link href="/overlap?roles=all">all roles</Link>)
        </p>
      </section>
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">Roles</h2>
        <ul class="quick-picks">
          {ROLES_OF_THE_BRIEF.map((role) => (
            <li key={role.key}>
              <Link href={`/role/${role.key}`}>{role.name}</Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

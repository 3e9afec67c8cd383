import { ROLES_OF_THE_BRIEF } from './roles-of-the-brief.ts';
import { navigate } from './router.tsx';

/** `/route?from=…&skills=…&to=…`, leaving out what is not given (no role, no skills: a complete beginner). */
export function routeHref({ from, skills, to }: { from?: string; skills?: readonly string[]; to: string }): string {
  const parts: string[] = [];
  if (from) parts.push(`from=${encodeURIComponent(from)}`);
  // commas left as they are: `skills=python-programming,statistics` reads as the list it is
  if (skills && skills.length > 0) parts.push(`skills=${skills.map(encodeURIComponent).join(',')}`);
  parts.push(`to=${encodeURIComponent(to)}`);
  return `/route?${parts.join('&')}`;
}

/** "python, statistics ," → ["python", "statistics"] */
export const listOf = (value: string | null | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

interface RoutePickerProps {
  /** The start role; '' for none. Default: Data Scientist. */
  from?: string;
  /** Skills the start has: keys, names or aliases. */
  skills?: readonly string[];
  /** The target role. Default: MLOps Engineer. */
  to?: string;
  /** Names of roles not among the brief's ten, by key, so they can be offered too. */
  names?: Readonly<Record<string, string>>;
}

/**
 * Picks a route: where one starts (a role, skills one has, both, or nothing) and the role one aims for.
 * A plain GET form to /route, so it works as a link would; with scripts it moves within the explorer.
 */
export function RoutePicker({
  from = 'data-scientist',
  skills = [],
  to = 'mlops-engineer',
  names = {},
}: RoutePickerProps) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(
      routeHref({
        from: String(form.get('from') ?? ''),
        skills: listOf(String(form.get('skills') ?? '')),
        to: String(form.get('to')),
      }),
    );
  };
  const options = (selected: string) => {
    const roles =
      ROLES_OF_THE_BRIEF.some((role) => role.key === selected) || !selected
        ? ROLES_OF_THE_BRIEF
        : [...ROLES_OF_THE_BRIEF, { key: selected, name: names[selected] ?? selected }];
    return roles.map((role) => (
      <option key={role.key} value={role.key} selected={role.key === selected}>
        {role.name}
      </option>
    ));
  };
  return (
    <form class="route-form" action="/route" method="get" onSubmit={onSubmit}>
      <label for="route-from">From</label>
      <select id="route-from" name="from">
        <option value="" selected={from === ''}>
          no role yet
        </option>
        {options(from)}
      </select>
      <label for="route-skills">with skills</label>
      <input
        id="route-skills"
        name="skills"
        type="text"
        value={skills.join(', ')}
        placeholder="optional: Python, statistics"
        aria-describedby="route-skills-hint"
      />
      <label for="route-to">to</label>
      <select id="route-to" name="to">
        {options(to)}
      </select>
      <button type="submit">Show the route</button>
      <span id="route-skills-hint" class="hint">
        Skills by name, separated by commas; no role and no skills: starting from scratch.
      </span>
    </form>
  );
}

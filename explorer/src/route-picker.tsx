import { ROLES_OF_THE_BRIEF } from './roles-of-the-brief.ts';
import { navigate } from './router.tsx';

/**
 * Picks a route's two roles. A plain GET form to /route, so it works as a link would; with scripts it moves
 * within the explorer. (The API needs a start: a role, skills or both.)
 */
export function RoutePicker({ from, to }: { from?: string; to?: string }) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(`/route?${new URLSearchParams({ from: String(form.get('from')), to: String(form.get('to')) })}`);
  };
  const options = (selected: string | undefined) =>
    ROLES_OF_THE_BRIEF.map((role) => (
      <option key={role.key} value={role.key} selected={role.key === selected}>
        {role.name}
      </option>
    ));
  return (
    <form class="route-form" action="/route" method="get" onSubmit={onSubmit}>
      <label for="route-from">From</label>
      <select id="route-from" name="from">
        {options(from ?? 'data-scientist')}
      </select>
      <label for="route-to">to</label>
      <select id="route-to" name="to">
        {options(to ?? 'mlops-engineer')}
      </select>
      <button type="submit">Show the route</button>
    </form>
  );
}

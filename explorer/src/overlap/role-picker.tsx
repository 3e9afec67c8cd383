import { ROLES_OF_THE_BRIEF } from '../roles-of-the-brief.ts';
import { Link, navigate } from '../router.tsx';
import '../analysis-form.css';
import type { Role } from './heatmap.ts';

/** `/overlap?roles=a,b,c` (commas left as they are, so the address stays readable). */
export function overlapHref(roles: readonly string[] | 'all'): string {
  return `/overlap?roles=${roles === 'all' ? 'all' : roles.map(encodeURIComponent).join(',')}`;
}

export const BRIEF_ROLES_HREF = overlapHref(ROLES_OF_THE_BRIEF.map((role) => role.key));

/**
 * The roles compared: each can be removed, another added (key, name or alias: the API resolves it). Every
 * change is a new address, so the comparison can be shared.
 */
export function RolePicker({ shown, offered }: { shown: readonly Role[]; offered: readonly Role[] }) {
  const keys = shown.map((role) => role.key);
  const onAdd = (event: SubmitEvent) => {
    event.preventDefault();
    const added = String(new FormData(event.currentTarget as HTMLFormElement).get('role') ?? '').trim();
    if (added && !keys.includes(added)) navigate(overlapHref([...keys, added]));
  };
  const choices = new Map([...ROLES_OF_THE_BRIEF, ...offered].map((role) => [role.key, role.name]));
  for (const key of keys) choices.delete(key);
  return (
    <div class="role-picker">
      {shown.length > 0 && (
        <ul class="chosen-roles" aria-label="Roles compared">
          {shown.map((role) => (
            <li key={role.key}>
              <Link href={`/role/${role.key}`}>{role.name}</Link>
              <button
                type="button"
                aria-label={`Remove ${role.name}`}
                title={`Remove ${role.name}`}
                onClick={() => navigate(overlapHref(keys.filter((key) => key !== role.key)))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="analysis-form" action="/overlap" method="get" onSubmit={onAdd}>
        <div>
          <label for="overlap-add">Add a role</label>
          <input id="overlap-add" name="role" list="overlap-roles" required />
        </div>
        <datalist id="overlap-roles">
          {[...choices].map(([key, name]) => (
            <option key={key} value={key}>
              {name}
            </option>
          ))}
        </datalist>
        <button type="submit">Add</button>
      </form>
      <span class="picker-links">
        Or compare <Link href={BRIEF_ROLES_HREF}>the ten roles of the brief</Link> ·{' '}
        <Link href={overlapHref('all')}>all roles</Link>
      </span>
    </div>
  );
}

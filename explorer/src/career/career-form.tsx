import { ROLES_OF_THE_BRIEF } from '../roles-of-the-brief.ts';
import { navigate } from '../router.tsx';
import '../analysis-form.css';

export interface CareerQuestion {
  readonly from: string;
  readonly to: string;
  /** The largest move allowed; none: the smallest limit under which a chain exists. */
  readonly maxStepHours?: number;
}

export function careerHref({ from, to, maxStepHours }: CareerQuestion): string {
  const query = new URLSearchParams({ from, to });
  if (maxStepHours !== undefined) query.set('maxStepHours', String(maxStepHours));
  return `/career?${query}`;
}

/**
 * The two roles and the largest move. A plain GET form to /career, so the question is the address; with
 * scripts it moves within the explorer. The roles are free text (the API takes a key, name or alias), with
 * the roles of the brief offered.
 */
export function CareerForm({ question, roles }: { question: Partial<CareerQuestion>; roles: readonly Role[] }) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const limit = String(form.get('maxStepHours') ?? '').trim();
    navigate(
      careerHref({
        from: String(form.get('from') ?? '').trim(),
        to: String(form.get('to') ?? '').trim(),
        maxStepHours: limit === '' ? undefined : Number(limit),
      }),
    );
  };
  const offered = new Map([...ROLES_OF_THE_BRIEF, ...roles].map((role) => [role.key, role.name]));
  return (
    <form class="analysis-form" action="/career" method="get" aria-label="Roles and limit" onSubmit={onSubmit}>
      <div>
        <label for="career-from">From role</label>
        <input id="career-from" name="from" list="career-roles" required defaultValue={question.from ?? ''} />
      </div>
      <div>
        <label for="career-to">To role</label>
        <input id="career-to" name="to" list="career-roles" required defaultValue={question.to ?? ''} />
      </div>
      <div>
        <label for="career-limit">Largest move (hours)</label>
        <input
          id="career-limit"
          name="maxStepHours"
          type="number"
          min="0"
          step="1"
          inputMode="numeric"
          aria-describedby="career-limit-hint"
          defaultValue={question.maxStepHours === undefined ? '' : String(question.maxStepHours)}
        />
        <small id="career-limit-hint">Empty: the smallest limit under which a chain exists.</small>
      </div>
      <datalist id="career-roles">
        {[...offered].map(([key, name]) => (
          <option key={key} value={key}>
            {name}
          </option>
        ))}
      </datalist>
      <button type="submit">Show the moves</button>
    </form>
  );
}

interface Role {
  readonly key: string;
  readonly name: string;
}

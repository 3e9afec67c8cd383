import type { ComponentChildren } from 'preact';
import type { ViewQuery } from '../graphql-client.ts';
import { OpenInGraphiQL } from '../open-in-graphiql.tsx';
import { Link } from '../router.tsx';

export type EntityKind = 'role' | 'skill' | 'tool';

export const entityHref = (kind: EntityKind, key: string) => `/${kind}/${encodeURIComponent(key)}`;

/** A role, skill or tool's name, linking to its page. */
export function EntityLink({ kind, entity }: { kind: EntityKind; entity: { key: string; name: string } }) {
  return <Link href={entityHref(kind, entity.key)}>{entity.name}</Link>;
}

const LEVELS = ['', 'awareness', 'basic', 'working', 'advanced', 'expert'];

/** "level 3 (working)", "level 2 (basic, estimated)" */
export const levelText = ({ level, levelEstimated }: { level: number; levelEstimated: boolean }) =>
  `level ${level} (${[LEVELS[level], levelEstimated ? 'estimated' : undefined].filter(Boolean).join(', ')})`;

/** "80 h", "40 h (estimated)" */
export const hoursText = ({
  learningHours,
  learningHoursEstimated,
}: {
  learningHours: number;
  learningHoursEstimated: boolean;
}) => `${learningHours} h${learningHoursEstimated ? ' (estimated)' : ''}`;

const SOURCES: Record<string, string> = {
  SEED: 'our curated graph',
  ESCO: 'ESCO',
  ONET: 'O*NET',
  CROSSWALK: 'the crosswalk',
};

interface Described {
  name: string;
  description: string;
  aliases: readonly string[];
  source: string;
}

/** The page's heading, what kind of thing it is, its description and other names, and its query. */
export function EntityHeader({
  kind,
  detail,
  entity,
  query,
}: {
  kind: string;
  detail?: string;
  entity: Described;
  query: ViewQuery;
}) {
  return (
    <header class="entity-header">
      <h1>{entity.name}</h1>
      <p class="kind-label">
        {[kind, detail, entity.source === 'SEED' ? undefined : `from ${SOURCES[entity.source] ?? entity.source}`]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p class="description">{entity.description}</p>
      {entity.aliases.length > 0 && <p class="aliases">Also called: {entity.aliases.join(', ')}.</p>}
      <p>
        <OpenInGraphiQL query={query} />
      </p>
    </header>
  );
}

type SameAs = { __typename: 'Role' | 'Skill' | 'Tool'; key: string; name: string; source: string };

/** The same thing in the other sources (the crosswalk), when there is any. */
export function SameAsSection({ name, sameAs }: { name: string; sameAs: readonly SameAs[] }) {
  if (sameAs.length === 0) return null;
  return (
    <Section id="same-as" title="The same in other sources">
      <ul aria-label={`${name} in other sources`} class="entity-list">
        {sameAs.map((entity) => (
          <li key={entity.key}>
            <EntityLink kind={entity.__typename.toLowerCase() as EntityKind} entity={entity} /> ·{' '}
            {SOURCES[entity.source] ?? entity.source}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** A titled part of a page: a landmark named by its heading. */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** What a page says when the key names nothing of its kind. */
export function NotFound({ kind, entityKey, query }: { kind: EntityKind; entityKey: string; query: ViewQuery }) {
  return (
    <>
      <h1>
        No {kind} with the key “{entityKey}”
      </h1>
      <p>
        Try the <Link href="/">search</Link>: it knows other names and forgives small typos.
      </p>
      <p>
        <OpenInGraphiQL query={query} />
      </p>
    </>
  );
}

/** What a page says when its query failed. */
export function QueryFailed({ message, query }: { message: string; query: ViewQuery }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p role="alert">{message}</p>
      <p>
        <OpenInGraphiQL query={query} />
      </p>
    </>
  );
}

import type { EntityLabel, EntityRecord } from '../../domain/career-graph.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { SourceNameEnum } from './data-source.js';

export const EntityRef = builder.interfaceRef<EntityRecord>('Entity');

EntityRef.implement({
  description: 'What roles, skills and tools have in common.',
  resolveType: (entity) => entity.label,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable kebab-case identifier, unique across roles, skills and tools.' }),
    id: t.globalID({
      description: 'Global id, the same as the `id` of the Role, Skill or Tool: `node(id:)` fetches it again.',
      resolve: (entity) => ({ type: entity.label, id: entity.key }),
    }),
    name: t.exposeString('name', { description: 'Display name, e.g. "Data Scientist".' }),
    aliases: t.exposeStringList('aliases', { description: 'Other names people use, e.g. "k8s" for Kubernetes.' }),
    description: t.exposeString('description', { description: 'What it is and why it matters, in a few sentences.' }),
    source: t.field({
      type: SourceNameEnum,
      description: 'Where it comes from: our curated graph (SEED) or an imported taxonomy. See `sources`.',
      resolve: (entity) => entity.source ?? 'seed',
    }),
    sourceId: t.string({
      nullable: true,
      description:
        'The source’s own stable id: an ESCO concept URI, an O*NET-SOC code or an O*NET technology name; ' +
        'null for curated entries. Look-ups accept it wherever they accept a key.',
      resolve: (entity) => entity.sourceId ?? null,
    }),
    updatedAt: t.string({
      nullable: true,
      description:
        'When a write through the API last changed it or a relationship at it (ISO 8601, UTC); null when none ' +
        'has. Pass it as `expectedUpdatedAt` to base an update or deletion on what you read.',
      resolve: (entity) => entity.updatedAt ?? null,
    }),
    sameAs: t.field({
      type: [EntityRef],
      description:
        'The same thing in the other sources, by our curated crosswalk (seed/crosswalk.yaml): from a curated ' +
        'entry to its imported counterparts and back. Paths can walk these links (relation SAME_AS).',
      resolve: (entity, _args, context) => context.loaders.sameAs.load(entity.key),
    }),
  }),
});

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'The kinds of node in the career graph.',
  values: {
    ROLE: { value: 'Role' as const, description: 'A Role: a job.' },
    SKILL: { value: 'Skill' as const, description: 'A Skill: something a person learns.' },
    TOOL: { value: 'Tool' as const, description: 'A Tool: software one works with.' },
  },
});

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Which way to sort.',
  values: {
    ASC: { value: 'ASC' as const, description: 'Smallest first (A to Z, fewest first).' },
    DESC: { value: 'DESC' as const, description: 'Largest first (Z to A, most first).' },
  },
});

export const EntityOrderFieldEnum = builder.enumType('EntityOrderField', {
  description: 'What to sort a list of roles, skills or tools by.',
  values: {
    NAME: { value: 'NAME' as const, description: 'Alphabetically by name, ignoring case; ties by key.' },
    CONNECTIONS: {
      value: 'CONNECTIONS' as const,
      description: 'By number of relationships to other roles, skills and tools; ties by name.',
    },
  },
});

export const EntityOrderInput = builder.inputType('EntityOrder', {
  description: 'How to order a list of roles, skills or tools.',
  fields: (t) => ({
    field: t.field({ type: EntityOrderFieldEnum, defaultValue: 'NAME', description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirectionEnum, defaultValue: 'ASC', description: 'Which way.' }),
  }),
});

export const ImportanceEnum = builder.enumType('Importance', {
  description: 'How much a role needs a skill.',
  values: {
    ESSENTIAL: { value: 'ESSENTIAL' as const, description: 'Needed to do the job.' },
    OPTIONAL: { value: 'OPTIONAL' as const, description: 'Helps; often asked for.' },
  },
});

export type Importance = 'ESSENTIAL' | 'OPTIONAL';

/** A stored requirement's importance; writers store only these two (the seed and the importers check it). */
export function importanceOf(stored: string | null | undefined): Importance | null {
  return stored === 'ESSENTIAL' || stored === 'OPTIONAL' ? stored : null;
}

export const ESTIMATED_LEVEL =
  'True when `level` is our estimate, not the source’s: ESCO gives no level, so imported requirements get ' +
  '3 when essential and 2 when optional.';

/**
 * Loads entities of one label by key for Relay's `node(id)`: a key of another label is not found. Copies,
 * as Pothos brands each with its type, and the graph snapshot's records are shared and frozen.
 */
export function loadNodesOfLabel(label: EntityLabel) {
  return async (keys: string[], context: Context) =>
    (await context.loaders.entityByKey.loadMany(keys)).map((entity) => {
      if (entity instanceof Error) throw entity;
      return entity?.label === label ? { ...entity } : null;
    });
}

import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { importance, key as keyValue, level, roleEntry, skillEntry, toolEntry } from '../seed/seed-model.js';
import type { DataSourceName, EntityLabel, RelationType } from './career-graph.js';
import { EditConflictError, EditNotFoundError, type EditProblem, EditValidationError } from './graph-edit-errors.js';
import {
  describeCycle,
  findLabelClashes,
  findPrerequisiteCycles,
  type Labelled,
  LISTED_TWICE,
  referenceProblem,
  reservedKeyReason,
  SELF_RELATED,
} from './graph-rules.js';

/** The relationships the API writes (SAME_AS is the crosswalk's, and role-to-role RELATED_TO O*NET's). */
export type EditableRelation = Exclude<RelationType, 'SAME_AS'>;

export const RELATION_ENDS: Record<EditableRelation, { from: EntityLabel; to: EntityLabel }> = {
  REQUIRES: { from: 'Role', to: 'Skill' },
  USES: { from: 'Role', to: 'Tool' },
  SUPPORTS: { from: 'Tool', to: 'Skill' },
  PREREQUISITE_OF: { from: 'Skill', to: 'Skill' },
  RELATED_TO: { from: 'Skill', to: 'Skill' },
};

/** One end of a relationship as a change names it: the key, and the input field it came in (for paths). */
export interface EditEnd {
  key: string;
  field: string;
}

/** One change the API was asked for; `path` is where it sits in the mutation's arguments. */
export type GraphEdit =
  | { action: 'create'; label: EntityLabel; path: string; fields: Record<string, unknown> }
  | {
      action: 'update';
      label: EntityLabel;
      path: string;
      key: string;
      fields: Record<string, unknown>;
      expectedUpdatedAt?: string | null;
    }
  | { action: 'delete'; label: EntityLabel; path: string; key: string; expectedUpdatedAt?: string | null }
  | {
      action: 'link';
      relation: EditableRelation;
      path: string;
      from: EditEnd;
      to: EditEnd;
      properties: Record<string, unknown>;
    }
  | { action: 'unlink'; relation: EditableRelation; path: string; from: EditEnd; to: EditEnd };

/** A Role, Skill or Tool as the writer reads it: the properties the API edits, and when it last did. */
export interface StoredEntity {
  label: EntityLabel;
  key: string;
  source: DataSourceName;
  properties: Record<string, unknown> & { name: string; aliases: string[] };
  updatedAt: string | null;
}

export interface StoredRelationship {
  type: RelationType;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

/** What the planner must know of the graph, read in the write transaction before it plans. */
export interface EditFacts {
  /** Every entity whose key a change names. */
  entities: StoredEntity[];
  /** The relationships between the pairs the changes name, and every relationship of an entity deleted. */
  relationships: StoredRelationship[];
  /** Curated entities whose name or an alias is one the changes give (ignoring case). */
  labelOwners: (Labelled & { label: EntityLabel })[];
  /** Every prerequisite edge reachable from the skills that changes give a new prerequisite. */
  prerequisiteEdges: { from: string; to: string }[];
}

/** What to read for `planGraphEdits`: see readEditFacts. */
export interface FactsNeeded {
  keys: string[];
  pairs: { type: EditableRelation; from: string; to: string }[];
  deleted: string[];
  /** Names and aliases, lower-cased. */
  labels: string[];
  /** Skills given a prerequisite: the cycles it could close run through what they lead to. */
  prerequisiteStarts: string[];
}

export type GraphWrite =
  | { write: 'createNode'; label: EntityLabel; key: string; properties: Record<string, unknown> }
  | { write: 'updateNode'; key: string; properties: Record<string, unknown> }
  | { write: 'deleteNode'; key: string }
  | {
      write: 'mergeRelationship';
      type: EditableRelation;
      from: string;
      to: string;
      properties: Record<string, unknown>;
    }
  | { write: 'deleteRelationship'; type: RelationType; from: string; to: string };

/** One audited change: what was, and what is, of one entity or relationship. */
export interface ChangeRecord {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  /** `Role`, `Skill`, `Tool`, or the relationship type. */
  kind: string;
  /** The entity's key; for a relationship, `<from key>-><to key>`. */
  key: string;
  from: string | null;
  to: string | null;
  /** Only the properties that changed: null before a creation and after a deletion. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface EditPlan {
  writes: GraphWrite[];
  changes: ChangeRecord[];
  /** Entities, existing after the writes, whose properties or relationships changed: their `updatedAt` moves. */
  touched: string[];
}

const entityFields = {
  Role: roleEntry.pick({ key: true, name: true, aliases: true, description: true }),
  Skill: skillEntry.pick({
    key: true,
    name: true,
    aliases: true,
    description: true,
    category: true,
    learningHours: true,
  }),
  Tool: toolEntry.pick({ key: true, name: true, aliases: true, description: true, kind: true }),
} as const;

const entityUpdates = {
  Role: entityFields.Role.omit({ key: true }).partial(),
  Skill: entityFields.Skill.omit({ key: true }).partial(),
  Tool: entityFields.Tool.omit({ key: true }).partial(),
} as const;

const requirement = z.strictObject({ importance, level });

/** The editable properties of each kind, in the order a change lists them. */
const PROPERTY_ORDER = ['name', 'aliases', 'description', 'category', 'learningHours', 'kind', 'importance', 'level'];

const SOURCE_TITLES: Record<string, string> = { esco: 'ESCO', onet: 'O*NET', crosswalk: 'the crosswalk' };

/** The keys, pairs, labels and prerequisite starts the changes name: what readEditFacts reads. */
export function factsNeeded(edits: readonly GraphEdit[]): FactsNeeded {
  const keys = new Set<string>();
  const pairs: FactsNeeded['pairs'] = [];
  const deleted = new Set<string>();
  const labels = new Set<string>();
  const starts = new Set<string>();
  for (const edit of edits) {
    if (edit.action === 'create' || edit.action === 'update') {
      const key = edit.action === 'create' ? edit.fields.key : edit.key;
      if (typeof key === 'string') keys.add(key);
      for (const label of [edit.fields.name, ...(Array.isArray(edit.fields.aliases) ? edit.fields.aliases : [])]) {
        if (typeof label === 'string') labels.add(label.trim().toLowerCase());
      }
    } else if (edit.action === 'delete') {
      keys.add(edit.key);
      deleted.add(edit.key);
    } else {
      keys.add(edit.from.key).add(edit.to.key);
      pairs.push({ type: edit.relation, ...canonicalEnds(edit.relation, edit.from.key, edit.to.key) });
      if (edit.action === 'link' && edit.relation === 'PREREQUISITE_OF') starts.add(edit.to.key);
    }
  }
  return { keys: [...keys], pairs, deleted: [...deleted], labels: [...labels], prerequisiteStarts: [...starts] };
}

/** RELATED_TO is symmetric in meaning: one relationship per pair, from the smaller key to the larger. */
function canonicalEnds(type: RelationType, from: string, to: string): { from: string; to: string } {
  return type === 'RELATED_TO' && to < from ? { from: to, to: from } : { from, to };
}

const relationshipId = (type: RelationType, from: string, to: string) => {
  const ends = canonicalEnds(type, from, to);
  return `${type}|${ends.from}|${ends.to}`;
};

/** The value a property is compared and audited as: absent and null are the same. */
function propertiesOf(source: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => source[name] != null).map((name) => [name, source[name]]));
}

/** The properties that differ, each side with only those. */
function difference(before: Record<string, unknown>, after: Record<string, unknown>) {
  const names = PROPERTY_ORDER.filter((name) => !isDeepStrictEqual(before[name] ?? null, after[name] ?? null));
  return { before: propertiesOf(before, names), after: propertiesOf(after, names), changed: names.length > 0 };
}

function issuesToProblems(path: string, issues: z.core.$ZodIssue[], input: Record<string, unknown>): EditProblem[] {
  return issues.map((issue) => {
    const field = issue.path.filter((part) => typeof part !== 'symbol');
    const where = [path, ...field.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))].join('');
    const value = field.reduce<unknown>(
      (at, part) =>
        at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[part] : undefined,
      input,
    );
    if (issue.code === 'invalid_type' && value === null) {
      return { path: where, message: 'must not be null: leave the field out to keep its value' };
    }
    const found = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' ? String(value) : '';
    const shown = found.length > 60 ? `${found.slice(0, 60)}…` : found;
    const blank = typeof value === 'string' && value.trim() === '';
    return { path: where, message: shown && !blank ? `${issue.message}, found ${shown}` : issue.message };
  });
}

function sameInstant(a: string, b: string | null): boolean {
  return b !== null && Date.parse(a) === Date.parse(b);
}

/**
 * Checks every change against the graph as it will be, in order (a skill created by one change can be
 * required by the next; one deleted cannot), by the rules the seed loader keeps (src/domain/graph-rules.ts),
 * and returns the writes and the audit records. A change that changes nothing (requiring a skill exactly as
 * required already) writes and records nothing.
 *
 * Throws, in this order of precedence, the first EditConflictError (an `expectedUpdatedAt` that is not the
 * node's), the first EditNotFoundError (a change naming an entity or relationship that is not there), or
 * one EditValidationError with every broken rule.
 */
export function planGraphEdits(edits: readonly GraphEdit[], facts: EditFacts): EditPlan {
  const entities = new Map<string, StoredEntity | null>(facts.entities.map((entity) => [entity.key, entity]));
  const originalUpdatedAt = new Map(facts.entities.map((entity) => [entity.key, entity.updatedAt]));
  const relationships = new Map<string, StoredRelationship>();
  for (const relationship of facts.relationships) {
    relationships.set(relationshipId(relationship.type, relationship.from, relationship.to), relationship);
  }
  for (const { from, to } of facts.prerequisiteEdges) {
    const id = relationshipId('PREREQUISITE_OF', from, to);
    if (!relationships.has(id)) relationships.set(id, { type: 'PREREQUISITE_OF', from, to, properties: {} });
  }

  const problems: EditProblem[] = [];
  const conflicts: EditConflictError[] = [];
  const notFound: EditNotFoundError[] = [];
  const writes: GraphWrite[] = [];
  const changes: ChangeRecord[] = [];
  const touched = new Set<string>();
  /** Where each created or updated entity's labels were last given, for the label rule's problems. */
  const labelPaths = new Map<string, string>();
  /** Where each prerequisite edge the changes add was asked for, for the cycle rule's problems. */
  const addedPrerequisites = new Map<string, string>();

  const findEntity = (label: EntityLabel, key: string, path: string): StoredEntity | undefined => {
    const entity = entities.get(key);
    if (!entity || entity.label !== label) {
      const other = entity ? ` (it is a ${entity.label.toLowerCase()})` : '';
      notFound.push(new EditNotFoundError(`No ${label.toLowerCase()} has the key "${key}"${other}.`, path, label, key));
      return undefined;
    }
    return entity;
  };
  const checkCurated = (entity: StoredEntity, path: string): boolean => {
    if (entity.source === 'seed') return true;
    problems.push({
      path,
      message:
        `"${entity.key}" comes from ${SOURCE_TITLES[entity.source] ?? entity.source}: only curated entries (source SEED) ` +
        'change through the API, as the next import would undo the change',
    });
    return false;
  };
  const checkExpectedUpdatedAt = (entity: StoredEntity, expected: string | null | undefined, path: string) => {
    if (expected == null) return;
    if (Number.isNaN(Date.parse(expected))) {
      problems.push({
        path,
        message: `must be an ISO 8601 time as updatedAt gives it, found ${JSON.stringify(expected)}`,
      });
      return;
    }
    const actual = originalUpdatedAt.get(entity.key) ?? null;
    if (!sameInstant(expected, actual)) {
      conflicts.push(
        new EditConflictError(
          `The ${entity.label.toLowerCase()} "${entity.key}" was changed at ${actual ?? '(never through the API)'}, ` +
            `after the ${expected} this change was based on; read it again and retry.`,
          path,
          expected,
          actual,
        ),
      );
    }
  };
  const removeRelationship = (id: string, relationship: StoredRelationship) => {
    relationships.delete(id);
    changes.push({
      operation: 'DELETE',
      kind: relationship.type,
      key: `${relationship.from}->${relationship.to}`,
      from: relationship.from,
      to: relationship.to,
      before: propertiesOf(relationship.properties, PROPERTY_ORDER),
      after: null,
    });
    touched.add(relationship.from).add(relationship.to);
  };

  for (const edit of edits) {
    const { path } = edit;
    if (edit.action === 'create') {
      const parsed = entityFields[edit.label].safeParse({ aliases: [], ...edit.fields });
      if (!parsed.success) problems.push(...issuesToProblems(path, parsed.error.issues, edit.fields));
      const key = keyValue.safeParse(edit.fields.key).success ? (edit.fields.key as string) : undefined;
      if (key === undefined) continue;
      const existing = entities.get(key);
      if (existing) {
        problems.push({
          path: `${path}.key`,
          message: `duplicate key "${key}": already used by the ${existing.label.toLowerCase()} "${existing.properties.name}"`,
        });
        continue;
      }
      const reserved = reservedKeyReason(key);
      if (reserved) problems.push({ path: `${path}.key`, message: reserved });
      const { key: _key, ...properties } = (parsed.data ?? { aliases: [], ...edit.fields }) as Record<string, unknown>;
      const created: StoredEntity = {
        label: edit.label,
        key,
        source: 'seed',
        properties: properties as StoredEntity['properties'],
        updatedAt: null,
      };
      entities.set(key, created);
      labelPaths.set(key, path);
      touched.add(key);
      writes.push({ write: 'createNode', label: edit.label, key, properties });
      changes.push({
        operation: 'CREATE',
        kind: edit.label,
        key,
        from: null,
        to: null,
        before: null,
        after: propertiesOf(properties, PROPERTY_ORDER),
      });
    } else if (edit.action === 'update' || edit.action === 'delete') {
      const entity = findEntity(edit.label, edit.key, `${path}.key`);
      if (!entity || !checkCurated(entity, `${path}.key`)) continue;
      checkExpectedUpdatedAt(entity, edit.expectedUpdatedAt, `${path}.expectedUpdatedAt`);
      if (edit.action === 'delete') {
        for (const [id, relationship] of [...relationships]) {
          if (relationship.from === edit.key || relationship.to === edit.key) removeRelationship(id, relationship);
        }
        entities.set(edit.key, null);
        labelPaths.delete(edit.key);
        writes.push({ write: 'deleteNode', key: edit.key });
        changes.push({
          operation: 'DELETE',
          kind: edit.label,
          key: edit.key,
          from: null,
          to: null,
          before: propertiesOf(entity.properties, PROPERTY_ORDER),
          after: null,
        });
        continue;
      }
      const given = Object.fromEntries(Object.entries(edit.fields).filter(([, value]) => value !== undefined));
      const parsed = entityUpdates[edit.label].safeParse(given);
      if (!parsed.success) {
        problems.push(...issuesToProblems(path, parsed.error.issues, given));
        continue;
      }
      // Only what was given: the seed's defaults (no aliases) are for new entries.
      const givenValues = Object.fromEntries(Object.entries(parsed.data).filter(([name]) => name in given));
      const properties = { ...entity.properties, ...givenValues };
      const { before, after, changed } = difference(entity.properties, properties);
      if ('name' in givenValues || 'aliases' in givenValues) labelPaths.set(edit.key, path);
      if (!changed) continue;
      entities.set(edit.key, { ...entity, properties });
      touched.add(edit.key);
      writes.push({ write: 'updateNode', key: edit.key, properties: givenValues });
      changes.push({ operation: 'UPDATE', kind: edit.label, key: edit.key, from: null, to: null, before, after });
    } else {
      const ends = RELATION_ENDS[edit.relation];
      const endOk = (end: EditEnd, label: EntityLabel) => {
        const entity = entities.get(end.key);
        if (!entity) {
          notFound.push(
            new EditNotFoundError(
              `No ${label.toLowerCase()} has the key "${end.key}".`,
              `${path}.${end.field}`,
              label,
              end.key,
            ),
          );
          return false;
        }
        const problem = referenceProblem(end.key, { kind: entity.label }, label);
        if (problem) {
          problems.push({ path: `${path}.${end.field}`, message: problem });
          return false;
        }
        return checkCurated(entity, `${path}.${end.field}`);
      };
      const fromOk = endOk(edit.from, ends.from);
      if (!(endOk(edit.to, ends.to) && fromOk)) continue;
      const { from, to } = canonicalEnds(edit.relation, edit.from.key, edit.to.key);
      const id = relationshipId(edit.relation, from, to);
      const existing = relationships.get(id);
      if (edit.action === 'unlink') {
        if (!existing) {
          notFound.push(
            new EditNotFoundError(
              `There is no ${edit.relation} relationship from "${edit.from.key}" to "${edit.to.key}".`,
              path,
              edit.relation,
              `${edit.from.key}->${edit.to.key}`,
            ),
          );
          continue;
        }
        removeRelationship(id, existing);
        writes.push({ write: 'deleteRelationship', type: edit.relation, from, to });
        continue;
      }
      if (edit.relation === 'RELATED_TO' && from === to) {
        problems.push({ path: `${path}.${edit.to.field}`, message: SELF_RELATED });
        continue;
      }
      let properties: Record<string, unknown> = {};
      if (edit.relation === 'REQUIRES') {
        const parsed = requirement.safeParse(edit.properties);
        if (!parsed.success) {
          problems.push(...issuesToProblems(path, parsed.error.issues, edit.properties));
          continue;
        }
        properties = parsed.data;
      }
      if (edit.relation === 'PREREQUISITE_OF') addedPrerequisites.set(id, `${path}.${edit.from.field}`);
      const before = existing ? propertiesOf(existing.properties, PROPERTY_ORDER) : null;
      if (before && isDeepStrictEqual(before, propertiesOf(properties, PROPERTY_ORDER))) continue;
      relationships.set(id, { type: edit.relation, from, to, properties });
      touched.add(from).add(to);
      writes.push({ write: 'mergeRelationship', type: edit.relation, from, to, properties });
      const change = difference(before ?? {}, properties);
      changes.push({
        operation: existing ? 'UPDATE' : 'CREATE',
        kind: edit.relation,
        key: `${from}->${to}`,
        from,
        to,
        before: existing ? change.before : null,
        after: existing ? change.after : propertiesOf(properties, PROPERTY_ORDER),
      });
    }
  }

  problems.push(...labelProblems(entities, facts.labelOwners, labelPaths));
  problems.push(...cycleProblems(relationships, addedPrerequisites));

  if (conflicts[0]) throw conflicts[0];
  if (notFound[0]) throw notFound[0];
  if (problems.length > 0) throw new EditValidationError(problems);
  return { writes, changes, touched: [...touched].filter((key) => entities.get(key) !== null) };
}

/** Names and aliases of the entities created or renamed that name another curated entity too. */
function labelProblems(
  entities: Map<string, StoredEntity | null>,
  owners: EditFacts['labelOwners'],
  labelPaths: Map<string, string>,
): EditProblem[] {
  type Named = Labelled & { label: EntityLabel };
  const untouched: Named[] = owners.filter((owner) => !labelPaths.has(owner.key) && entities.get(owner.key) !== null);
  const given: Named[] = [...labelPaths.keys()].flatMap((key) => {
    const entity = entities.get(key);
    return entity
      ? [{ key, label: entity.label, name: entity.properties.name, aliases: entity.properties.aliases }]
      : [];
  });
  // The entities already in the graph keep their labels: those given by the changes are the ones refused.
  return findLabelClashes<Named>([...untouched, ...given]).flatMap(({ entity, label, other }) => {
    const path = labelPaths.get(entity.key);
    if (path === undefined) return [];
    const field = label.toLowerCase() === entity.name.toLowerCase() ? 'name' : 'aliases';
    return [
      {
        path: `${path}.${field}`,
        message: other
          ? `name or alias "${label}" also names the ${other.label.toLowerCase()} "${other.key}" (${other.name})`
          : LISTED_TWICE(label),
      },
    ];
  });
}

/** A prerequisite cycle the changes would close, reported at a change that adds one of its edges. */
function cycleProblems(relationships: Map<string, StoredRelationship>, added: Map<string, string>): EditProblem[] {
  const prerequisitesOf = new Map<string, string[]>();
  for (const { type, from, to } of relationships.values()) {
    if (type !== 'PREREQUISITE_OF') continue;
    prerequisitesOf.set(to, [...(prerequisitesOf.get(to) ?? []), from]);
    if (!prerequisitesOf.has(from)) prerequisitesOf.set(from, []);
  }
  const skills = [...prerequisitesOf].map(([key, prerequisites]) => ({ key, prerequisites }));
  return findPrerequisiteCycles(skills).flatMap((cycle) => {
    const path = cycle
      .map((from, i) => added.get(relationshipId('PREREQUISITE_OF', from, cycle[(i + 1) % cycle.length] ?? from)))
      .find((found) => found !== undefined);
    if (path === undefined) return [];
    return [{ path, message: `would close the ${describeCycle(cycle)}`, cycle: [...cycle, cycle[0] ?? ''] }];
  });
}

import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { echoInput } from '../errors.js';
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
  const planner = new EditPlanner(facts);
  for (const edit of edits) {
    if (edit.action === 'create') planner.create(edit);
    else if (edit.action === 'update') planner.update(edit);
    else if (edit.action === 'delete') planner.delete(edit);
    else if (edit.action === 'link') planner.link(edit);
    else planner.unlink(edit);
  }
  return planner.finish(facts.labelOwners);
}

type EditOf<Action extends GraphEdit['action']> = Extract<GraphEdit, { action: Action }>;

/** The graph as the changes so far leave it, and what they write, record and break. */
class EditPlanner {
  private readonly entities: Map<string, StoredEntity | null>;
  private readonly originalUpdatedAt: Map<string, string | null>;
  private readonly relationships = new Map<string, StoredRelationship>();
  private readonly problems: EditProblem[] = [];
  private readonly conflicts: EditConflictError[] = [];
  private readonly notFound: EditNotFoundError[] = [];
  private readonly writes: GraphWrite[] = [];
  private readonly changes: ChangeRecord[] = [];
  private readonly touched = new Set<string>();
  /** Where each created or renamed entity's labels were last given, for the label rule's problems. */
  private readonly labelPaths = new Map<string, string>();
  /** Where each prerequisite edge the changes add was asked for, for the cycle rule's problems. */
  private readonly addedPrerequisites = new Map<string, string>();

  constructor(facts: EditFacts) {
    this.entities = new Map(facts.entities.map((entity) => [entity.key, entity]));
    this.originalUpdatedAt = new Map(facts.entities.map((entity) => [entity.key, entity.updatedAt]));
    for (const relationship of facts.relationships) {
      this.relationships.set(relationshipId(relationship.type, relationship.from, relationship.to), relationship);
    }
    for (const { from, to } of facts.prerequisiteEdges) {
      const id = relationshipId('PREREQUISITE_OF', from, to);
      if (!this.relationships.has(id))
        this.relationships.set(id, { type: 'PREREQUISITE_OF', from, to, properties: {} });
    }
  }

  create({ label, path, fields }: EditOf<'create'>): void {
    const parsed = entityFields[label].safeParse({ aliases: [], ...fields });
    if (!parsed.success) this.problems.push(...issuesToProblems(path, parsed.error.issues, fields));
    if (!keyValue.safeParse(fields.key).success) return;
    const key = fields.key as string;
    const existing = this.entities.get(key);
    if (existing) {
      this.problems.push({
        path: `${path}.key`,
        message: `duplicate key "${key}": already used by the ${existing.label.toLowerCase()} "${existing.properties.name}"`,
      });
      return;
    }
    const reserved = reservedKeyReason(echoInput(key));
    if (reserved) this.problems.push({ path: `${path}.key`, message: reserved });
    // Kept even when some field is wrong, so that later changes naming the entity are checked as meant.
    const { key: _key, ...properties } = (parsed.data ?? { aliases: [], ...fields }) as Record<string, unknown>;
    this.entities.set(key, {
      label,
      key,
      source: 'seed',
      properties: properties as StoredEntity['properties'],
      updatedAt: null,
    });
    this.labelPaths.set(key, path);
    this.touched.add(key);
    this.writes.push({ write: 'createNode', label, key, properties });
    this.record('CREATE', label, key, null, propertiesOf(properties, PROPERTY_ORDER));
  }

  update({ label, path, key, fields, expectedUpdatedAt }: EditOf<'update'>): void {
    const entity = this.existing(label, key, path, expectedUpdatedAt);
    if (!entity) return;
    const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const parsed = entityUpdates[label].safeParse(given);
    if (!parsed.success) {
      this.problems.push(...issuesToProblems(path, parsed.error.issues, given));
      return;
    }
    // Only what was given: the seed's defaults (no aliases) are for new entries.
    const values = Object.fromEntries(Object.entries(parsed.data).filter(([name]) => name in given));
    const properties = { ...entity.properties, ...values };
    if ('name' in values || 'aliases' in values) this.labelPaths.set(key, path);
    const { before, after, changed } = difference(entity.properties, properties);
    if (!changed) return;
    this.entities.set(key, { ...entity, properties });
    this.touched.add(key);
    this.writes.push({ write: 'updateNode', key, properties: values });
    this.record('UPDATE', label, key, before, after);
  }

  delete({ label, path, key, expectedUpdatedAt }: EditOf<'delete'>): void {
    const entity = this.existing(label, key, path, expectedUpdatedAt);
    if (!entity) return;
    for (const [id, relationship] of [...this.relationships]) {
      if (relationship.from === key || relationship.to === key) this.removeRelationship(id, relationship);
    }
    this.entities.set(key, null);
    this.labelPaths.delete(key);
    this.writes.push({ write: 'deleteNode', key });
    this.record('DELETE', label, key, propertiesOf(entity.properties, PROPERTY_ORDER), null);
  }

  link(edit: EditOf<'link'>): void {
    if (!this.endsExist(edit)) return;
    const { relation, path } = edit;
    const { from, to } = canonicalEnds(relation, edit.from.key, edit.to.key);
    if (relation === 'RELATED_TO' && from === to) {
      this.problems.push({ path: `${path}.${edit.to.field}`, message: SELF_RELATED });
      return;
    }
    let properties: Record<string, unknown> = {};
    if (relation === 'REQUIRES') {
      const parsed = requirement.safeParse(edit.properties);
      if (!parsed.success) {
        this.problems.push(...issuesToProblems(path, parsed.error.issues, edit.properties));
        return;
      }
      properties = parsed.data;
    }
    const id = relationshipId(relation, from, to);
    if (relation === 'PREREQUISITE_OF') this.addedPrerequisites.set(id, `${path}.${edit.from.field}`);
    const existing = this.relationships.get(id);
    const before = existing ? propertiesOf(existing.properties, PROPERTY_ORDER) : null;
    if (before && isDeepStrictEqual(before, propertiesOf(properties, PROPERTY_ORDER))) return;
    this.relationships.set(id, { type: relation, from, to, properties });
    this.touched.add(from).add(to);
    this.writes.push({ write: 'mergeRelationship', type: relation, from, to, properties });
    const change = difference(before ?? {}, properties);
    this.changes.push({
      operation: existing ? 'UPDATE' : 'CREATE',
      kind: relation,
      key: `${from}->${to}`,
      from,
      to,
      before: existing ? change.before : null,
      after: existing ? change.after : propertiesOf(properties, PROPERTY_ORDER),
    });
  }

  unlink(edit: EditOf<'unlink'>): void {
    if (!this.endsExist(edit)) return;
    const { from, to } = canonicalEnds(edit.relation, edit.from.key, edit.to.key);
    const id = relationshipId(edit.relation, from, to);
    const existing = this.relationships.get(id);
    if (!existing) {
      this.notFound.push(
        new EditNotFoundError(
          `There is no ${edit.relation} relationship from "${echoInput(edit.from.key)}" to "${echoInput(edit.to.key)}".`,
          edit.path,
          edit.relation,
          `${edit.from.key}->${edit.to.key}`,
        ),
      );
      return;
    }
    this.removeRelationship(id, existing);
    this.writes.push({ write: 'deleteRelationship', type: edit.relation, from, to });
  }

  finish(labelOwners: EditFacts['labelOwners']): EditPlan {
    this.problems.push(...labelProblems(this.entities, labelOwners, this.labelPaths));
    this.problems.push(...cycleProblems(this.relationships, this.addedPrerequisites));
    if (this.conflicts[0]) throw this.conflicts[0];
    if (this.notFound[0]) throw this.notFound[0];
    if (this.problems.length > 0) throw new EditValidationError(this.problems);
    return {
      writes: this.writes,
      changes: this.changes,
      touched: [...this.touched].filter((key) => this.entities.get(key) !== null),
    };
  }

  /** The curated entity an update or deletion is about, as the changes so far left it, checked as based on. */
  private existing(
    label: EntityLabel,
    key: string,
    path: string,
    expectedUpdatedAt: string | null | undefined,
  ): StoredEntity | undefined {
    const entity = this.entities.get(key);
    if (!entity || entity.label !== label) {
      const other = entity ? ` (it is a ${entity.label.toLowerCase()})` : '';
      this.notFound.push(
        new EditNotFoundError(
          `No ${label.toLowerCase()} has the key "${echoInput(key)}"${other}.`,
          `${path}.key`,
          label,
          key,
        ),
      );
      return undefined;
    }
    if (!this.curated(entity, `${path}.key`)) return undefined;
    this.checkExpectedUpdatedAt(entity, expectedUpdatedAt, `${path}.expectedUpdatedAt`);
    return entity;
  }

  /** Both ends of a relationship are there, of the kinds it joins, and curated. */
  private endsExist({ relation, path, from, to }: EditOf<'link' | 'unlink'>): boolean {
    const kinds = RELATION_ENDS[relation];
    const endOk = (end: EditEnd, label: EntityLabel) => {
      const entity = this.entities.get(end.key);
      if (!entity) {
        this.notFound.push(
          new EditNotFoundError(
            `No ${label.toLowerCase()} has the key "${echoInput(end.key)}".`,
            `${path}.${end.field}`,
            label,
            end.key,
          ),
        );
        return false;
      }
      const problem = referenceProblem(end.key, { kind: entity.label }, label);
      if (problem) {
        this.problems.push({ path: `${path}.${end.field}`, message: problem });
        return false;
      }
      return this.curated(entity, `${path}.${end.field}`);
    };
    const fromOk = endOk(from, kinds.from);
    return endOk(to, kinds.to) && fromOk;
  }

  private curated(entity: StoredEntity, path: string): boolean {
    if (entity.source === 'seed') return true;
    this.problems.push({
      path,
      message:
        `"${entity.key}" comes from ${SOURCE_TITLES[entity.source] ?? entity.source}: only curated entries (source SEED) ` +
        'change through the API, as the next import would undo the change',
    });
    return false;
  }

  private checkExpectedUpdatedAt(entity: StoredEntity, expected: string | null | undefined, path: string): void {
    if (expected == null) return;
    if (Number.isNaN(Date.parse(expected))) {
      this.problems.push({
        path,
        message: `must be an ISO 8601 time as updatedAt gives it, found ${JSON.stringify(echoInput(expected))}`,
      });
      return;
    }
    // What the write is based on is the graph before it, not what earlier changes of the same write made.
    const actual = this.originalUpdatedAt.get(entity.key) ?? null;
    if (sameInstant(expected, actual)) return;
    this.conflicts.push(
      new EditConflictError(
        `The ${entity.label.toLowerCase()} "${entity.key}" was changed at ${actual ?? '(never through the API)'}, ` +
          `after the ${echoInput(expected)} this change was based on; read it again and retry.`,
        path,
        expected,
        actual,
      ),
    );
  }

  private removeRelationship(id: string, relationship: StoredRelationship): void {
    this.relationships.delete(id);
    this.touched.add(relationship.from).add(relationship.to);
    this.changes.push({
      operation: 'DELETE',
      kind: relationship.type,
      key: `${relationship.from}->${relationship.to}`,
      from: relationship.from,
      to: relationship.to,
      before: propertiesOf(relationship.properties, PROPERTY_ORDER),
      after: null,
    });
  }

  private record(
    operation: ChangeRecord['operation'],
    label: EntityLabel,
    key: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): void {
    this.changes.push({ operation, kind: label, key, from: null, to: null, before, after });
  }
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
          ? `name or alias "${echoInput(label)}" also names the ${other.label.toLowerCase()} "${other.key}" (${echoInput(other.name)})`
          : LISTED_TWICE(echoInput(label)),
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

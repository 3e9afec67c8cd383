import type { InputFieldBuilder, InputObjectRef, ObjectRef, SchemaTypes } from '@pothos/core';
import type { EntityLabel, EntityRecord } from '../../domain/career-graph.js';
import type { EditableRelation, GraphEdit } from '../../domain/graph-edit-plan.js';
import { type AppliedEdits, applyGraphEdits } from '../../domain/graph-edits.js';
import { WriteScopeRequiredError } from '../../errors.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { EDIT_ERRORS } from './edit-errors.js';
import { EntityRef } from './entity.js';
import { ChangeRef } from './graph-change.js';
import { RelationKindEnum } from './shortest-path.js';

/** What a mutation answers when it succeeds: the write, and which entity or relationship it was about. */
export interface WritePayload extends AppliedEdits {
  /** The entity a single-entity mutation is about. */
  subject?: string;
  relation?: GraphEdit & { action: 'link' | 'unlink' };
}

/** Every write costs this much more than a read of one object: it locks the graph and bumps its version. */
export const WRITE_COST = 10;

export const GraphWriteRef = builder.interfaceRef<WritePayload>('GraphWrite').implement({
  description: 'What every successful mutation answers: the graph version it made and what it changed.',
  fields: (t) => ({
    graphVersion: t.exposeString('graphVersion', {
      description:
        'The graph’s version after the write (the one before when the change changed nothing): pass it as ' +
        '`expectedGraphVersion` to base the next write on this state.',
    }),
    changes: t.field({
      type: [ChangeRef],
      description: 'The audit entries the write recorded, in order; empty when it changed nothing.',
      resolve: (payload) => payload.changes,
    }),
  }),
});

export const ChangesPayloadRef = builder.objectRef<WritePayload>('ChangesPayload').implement({
  description: 'The answer of applyChanges.',
  interfaces: [GraphWriteRef],
});

export const RelationshipPayloadRef = builder.objectRef<WritePayload>('RelationshipPayload').implement({
  description: 'The answer of a mutation of a relationship: its two ends as they are now.',
  interfaces: [GraphWriteRef],
  fields: (t) => ({
    relation: t.field({
      type: RelationKindEnum,
      description: 'The relationship type.',
      resolve: (payload) => payloadRelation(payload).relation,
    }),
    from: t.field({
      type: EntityRef,
      description: 'Its start as stored: the role, the tool or the prerequisite; for relateSkills, `skill`.',
      resolve: (payload) => entityIn(payload, payloadRelation(payload).from.key),
    }),
    to: t.field({
      type: EntityRef,
      description: 'Its end, as stored.',
      resolve: (payload) => entityIn(payload, payloadRelation(payload).to.key),
    }),
  }),
});

function payloadRelation(payload: WritePayload) {
  if (!payload.relation) throw new Error('A relationship payload without its relationship');
  return payload.relation;
}

function entityIn(payload: WritePayload, key: string): EntityRecord {
  const entity = payload.entities.get(key);
  if (!entity) throw new Error(`The write's answer lacks the entity ${key}`);
  return entity;
}

/** The API key the request writes as; a mutation that reached here without one is refused all the same. */
function writerIn(context: Context) {
  if (!context.writer) throw new WriteScopeRequiredError(!context.apiKeyId);
  return context.writer;
}

/** Applies the changes of one mutation as one write (see applyGraphEdits). */
export async function runEdits(
  context: Context,
  edits: GraphEdit[],
  expectedGraphVersion: string | null | undefined,
  about: { subject?: string } = {},
): Promise<WritePayload> {
  const applied = await applyGraphEdits(context, writerIn(context), edits, { expectedGraphVersion });
  const [first] = edits;
  return {
    ...applied,
    ...about,
    ...(first && edits.length === 1 && (first.action === 'link' || first.action === 'unlink') && { relation: first }),
  };
}

/** The argument each mutation takes besides its input. */
export const expectedGraphVersion = {
  required: false,
  description:
    'Write only if the graph is still at this version (a `graphVersion` read earlier); otherwise ConflictError.',
} as const;

/** A mutation's result union: its payload or one of the typed failures. */
export function editErrors(name: string, mutation: string) {
  return {
    types: EDIT_ERRORS,
    directResult: true,
    union: { name, description: `What ${mutation} answers: the write, or why nothing was written.` },
  };
}

const EXPECTED_UPDATED_AT =
  'Write only if the entity’s `updatedAt` is still this (as read earlier); otherwise ConflictError. Entities never ' +
  'changed through the API have none: base such a write on `expectedGraphVersion`.';

type InputFields =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types extends SchemaTypes>
    ? InputFieldBuilder<Types, 'InputObject'>
    : never;

/** The fields every kind's create input starts with; `describes` says what its description tells. */
export function createEntityFields(t: InputFields, describes: string) {
  return {
    key: t.string({
      required: true,
      description: 'Kebab-case, unique across roles, skills and tools; not starting esco- or onet-.',
    }),
    name: t.string({ required: true, description: 'Display name; it and the aliases may name nothing else.' }),
    aliases: t.stringList({ required: false, description: 'Other names people use. Default: none.' }),
    description: t.string({ required: true, description: `${describes}, in a few sentences.` }),
  };
}

/** The fields every kind's update input has, for an entity of this kind (lower case). */
export function updateEntityFields(t: InputFields, kind: string) {
  return {
    key: t.string({ required: true, description: `The ${kind}’s key (keys do not change).` }),
    name: t.string({ required: false, description: 'New display name.' }),
    aliases: t.stringList({ required: false, description: 'The new list of aliases, replacing the old one.' }),
    description: t.string({ required: false, description: 'New description.' }),
    expectedUpdatedAt: t.string({ required: false, description: EXPECTED_UPDATED_AT }),
  };
}

export const DeleteEntityInput = builder.inputType('DeleteEntityInput', {
  description: 'Which role, skill or tool to delete, with every relationship at it.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'Its key.' }),
    expectedUpdatedAt: t.string({ required: false, description: EXPECTED_UPDATED_AT }),
  }),
});

type Fields = Record<string, unknown>;

function given(input: Fields, names: readonly string[]): Fields {
  return Object.fromEntries(names.filter((name) => input[name] !== undefined).map((name) => [name, input[name]]));
}

/** A create, update or delete of an entity from its mutation input, `path` naming where the input is. */
export function entityEdit(
  action: 'create' | 'update' | 'delete',
  label: EntityLabel,
  input: Fields & { key: string; expectedUpdatedAt?: string | null },
  path: string,
): GraphEdit {
  const properties = ['name', 'aliases', 'description', 'category', 'learningHours', 'kind'];
  if (action === 'create') return { action, label, path, fields: given(input, ['key', ...properties]) };
  const expectedUpdatedAt = input.expectedUpdatedAt;
  if (action === 'delete') return { action, label, path, key: input.key, expectedUpdatedAt };
  return { action, label, path, key: input.key, fields: given(input, properties), expectedUpdatedAt };
}

/** A relationship made or removed, from its mutation input: `ends` names the input fields of its start and end. */
export function relationshipEdit(
  action: 'link' | 'unlink',
  relation: EditableRelation,
  ends: [from: string, to: string],
  input: Fields,
  path: string,
): GraphEdit {
  const [from, to] = ends.map((field) => ({ key: String(input[field]), field })) as [
    { key: string; field: string },
    { key: string; field: string },
  ];
  if (action === 'unlink') return { action, relation, path, from, to };
  return { action, relation, path, from, to, properties: given(input, ['importance', 'level']) };
}

type SchemaTypesOf<B> = B extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type EntityInput = Fields & { key: string; expectedUpdatedAt?: string | null };

/**
 * `<Kind>Payload` and the mutations `create<Kind>`, `update<Kind>` and `delete<Kind>`: the same for
 * roles, skills and tools but for their inputs and their noun.
 */
export function entityMutations(
  label: EntityLabel,
  {
    entityRef,
    createInput,
    updateInput,
  }: {
    entityRef: ObjectRef<SchemaTypesOf<typeof builder>, EntityRecord>;
    createInput: InputObjectRef<SchemaTypesOf<typeof builder>, EntityInput>;
    updateInput: InputObjectRef<SchemaTypesOf<typeof builder>, EntityInput>;
  },
): void {
  const noun = label.toLowerCase();
  const payloadRef = builder.objectRef<WritePayload>(`${label}Payload`).implement({
    description: `The answer of a mutation of a ${noun}.`,
    interfaces: [GraphWriteRef],
    fields: (t) => ({
      [noun]: t.field({
        type: entityRef,
        nullable: true,
        description: `The ${noun} as it is now; null once deleted.`,
        resolve: (payload) => (payload.subject && payload.entities.get(payload.subject)) || null,
      }),
    }),
  });
  const mutations = [
    ['create', createInput, `Adds a curated ${noun}.`, `The ${noun}.`],
    ['update', updateInput, `Changes fields of a curated ${noun}.`, `The ${noun} and its new values.`],
    [
      'delete',
      DeleteEntityInput,
      `Deletes a curated ${noun} with every relationship at it (each recorded in the audit trail).`,
      `The ${noun}.`,
    ],
  ] as const;
  builder.mutationFields((t) =>
    Object.fromEntries(
      mutations.map(([action, input, description, inputDescription]) => {
        const name = `${action}${label}`;
        return [
          name,
          t.field({
            type: payloadRef,
            description,
            args: {
              input: t.arg({ type: input, required: true, description: inputDescription }),
              expectedGraphVersion: t.arg.string(expectedGraphVersion),
            },
            errors: editErrors(`${action[0]?.toUpperCase()}${action.slice(1)}${label}Result`, name),
            complexity: WRITE_COST,
            resolve: (_root, args, context) =>
              runEdits(context, [entityEdit(action, label, args.input, 'input')], args.expectedGraphVersion, {
                subject: args.input.key,
              }),
          }),
        ];
      }),
    ),
  );
}

/**
 * A mutation that makes (`link`) or removes (`unlink`) one relationship; `ends` names the input fields of
 * its start and end (`['tool', 'skill']`).
 */
export function relationshipMutation(
  name: string,
  {
    action,
    relation,
    ends,
    input,
    description,
    inputDescription,
  }: {
    action: 'link' | 'unlink';
    relation: EditableRelation;
    ends: [from: string, to: string];
    input: InputObjectRef<SchemaTypesOf<typeof builder>, Fields>;
    description: string;
    inputDescription: string;
  },
): void {
  builder.mutationField(name, (t) =>
    t.field({
      type: RelationshipPayloadRef,
      description,
      args: {
        input: t.arg({ type: input, required: true, description: inputDescription }),
        expectedGraphVersion: t.arg.string(expectedGraphVersion),
      },
      errors: editErrors(`${name[0]?.toUpperCase()}${name.slice(1)}Result`, name),
      complexity: WRITE_COST,
      resolve: (_root, args, context) =>
        runEdits(context, [relationshipEdit(action, relation, ends, args.input, 'input')], args.expectedGraphVersion),
    }),
  );
}

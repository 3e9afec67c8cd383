import {
  EditConflictError,
  EditNotFoundError,
  type EditProblem,
  EditValidationError,
} from '../../domain/graph-edit-errors.js';
import { builder } from '../builder.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description:
    'An expected failure of a mutation, answered as its result (select it with `... on Error { message }`): ' +
    'nothing was written.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, in a sentence for people.' }),
  }),
});

const ValidationProblemRef = builder.objectRef<EditProblem>('ValidationProblem').implement({
  description: 'One rule of the graph a change would break.',
  fields: (t) => ({
    path: t.exposeString('path', {
      description:
        'Where in the mutation’s arguments: `input.learningHours`, `input.aliases[1]`, or for applyChanges ' +
        '`changes[2].level` (the index of the change in the list).',
    }),
    message: t.exposeString('message', { description: 'The rule broken, e.g. "must be 1 to 5, found 7".' }),
    cycle: t.stringList({
      nullable: true,
      description:
        'For a prerequisite cycle the change would close: the keys of the skills around it, each a prerequisite ' +
        'of the next, the first again at the end; null for other problems.',
      resolve: (problem) => problem.cycle ?? null,
    }),
  }),
});

builder.objectType(EditValidationError, {
  name: 'ValidationError',
  description:
    'The changes break rules of the graph (the seed loader’s: kebab-case keys unique across roles, skills and ' +
    'tools; names and aliases that name nothing else; levels 1–5; positive hours; prerequisites without cycles). ' +
    'Every problem is listed; nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof EditValidationError,
  fields: (t) => ({
    problems: t.field({
      type: [ValidationProblemRef],
      description: 'Each broken rule, in the order of the changes.',
      resolve: (error) => error.problems,
    }),
  }),
});

builder.objectType(EditConflictError, {
  name: 'ConflictError',
  description:
    'The change was based on a graph version or a node’s updatedAt that is no longer current: someone else ' +
    'wrote in between. Nothing was written; read again and retry.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof EditConflictError,
  fields: (t) => ({
    path: t.exposeString('path', {
      description: 'The argument that named the stale value: `expectedGraphVersion` or `input.expectedUpdatedAt`.',
    }),
    expected: t.exposeString('expected', { description: 'The value the change was based on.' }),
    actual: t.string({
      nullable: true,
      description: 'The current value; null for an updatedAt of a node never changed through the API.',
      resolve: (error) => error.actual,
    }),
  }),
});

builder.objectType(EditNotFoundError, {
  name: 'NotFoundError',
  description:
    'A change names a role, skill, tool or relationship the graph does not have (or no longer has by then, in ' +
    'a list of changes). Nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof EditNotFoundError,
  fields: (t) => ({
    path: t.exposeString('path', { description: 'The argument that names it, e.g. `input.skill`.' }),
    kind: t.exposeString('kind', { description: 'Role, Skill or Tool, or the relationship type (REQUIRES…).' }),
    key: t.exposeString('key', { description: 'Its key; for a relationship `<from key>-><to key>`.' }),
  }),
});

/** The typed failures every mutation answers with. */
export const EDIT_ERRORS = [EditValidationError, EditConflictError, EditNotFoundError];

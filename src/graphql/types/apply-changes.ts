import { EditValidationError } from '../../domain/graph-edit-errors.js';
import type { GraphEdit } from '../../domain/graph-edit-plan.js';
import { builder } from '../builder.js';
import {
  ChangesPayloadRef,
  DeleteEntityInput,
  editErrors,
  entityEdit,
  expectedGraphVersion,
  relationshipEdit,
  runEdits,
  WRITE_COST,
} from './graph-write.js';
import {
  CreateRoleInput,
  RequireSkillInput,
  RoleSkillInput,
  RoleToolInput,
  UpdateRoleInput,
} from './role-mutations.js';
import { CreateSkillInput, PrerequisiteInput, RelatedSkillsInput, UpdateSkillInput } from './skill-mutations.js';
import { CreateToolInput, ToolSkillInput, UpdateToolInput } from './tool-mutations.js';

type Input = Record<string, unknown> & { key: string };

/** Each member of GraphChangeInput as the change it stands for; `path` is where it sits (`changes[2]`). */
const EDITS: Record<string, (input: Input, path: string) => GraphEdit> = {
  createRole: (input, path) => entityEdit('create', 'Role', input, path),
  updateRole: (input, path) => entityEdit('update', 'Role', input, path),
  deleteRole: (input, path) => entityEdit('delete', 'Role', input, path),
  createSkill: (input, path) => entityEdit('create', 'Skill', input, path),
  updateSkill: (input, path) => entityEdit('update', 'Skill', input, path),
  deleteSkill: (input, path) => entityEdit('delete', 'Skill', input, path),
  createTool: (input, path) => entityEdit('create', 'Tool', input, path),
  updateTool: (input, path) => entityEdit('update', 'Tool', input, path),
  deleteTool: (input, path) => entityEdit('delete', 'Tool', input, path),
  requireSkill: (input, path) => relationshipEdit('link', 'REQUIRES', ['role', 'skill'], input, path),
  unrequireSkill: (input, path) => relationshipEdit('unlink', 'REQUIRES', ['role', 'skill'], input, path),
  useTool: (input, path) => relationshipEdit('link', 'USES', ['role', 'tool'], input, path),
  unuseTool: (input, path) => relationshipEdit('unlink', 'USES', ['role', 'tool'], input, path),
  supportSkill: (input, path) => relationshipEdit('link', 'SUPPORTS', ['tool', 'skill'], input, path),
  unsupportSkill: (input, path) => relationshipEdit('unlink', 'SUPPORTS', ['tool', 'skill'], input, path),
  addPrerequisite: (input, path) => relationshipEdit('link', 'PREREQUISITE_OF', ['prerequisite', 'skill'], input, path),
  removePrerequisite: (input, path) =>
    relationshipEdit('unlink', 'PREREQUISITE_OF', ['prerequisite', 'skill'], input, path),
  relateSkills: (input, path) => relationshipEdit('link', 'RELATED_TO', ['skill', 'other'], input, path),
  unrelateSkills: (input, path) => relationshipEdit('unlink', 'RELATED_TO', ['skill', 'other'], input, path),
};

const member = (description: string) => ({ required: false, description }) as const;

const GraphChangeInput = builder.inputType('GraphChangeInput', {
  description:
    'One change of applyChanges: exactly one of these fields, each taking what the mutation of the same name takes.',
  isOneOf: true,
  fields: (t) => ({
    createRole: t.field({ type: CreateRoleInput, ...member('Add a role (createRole).') }),
    updateRole: t.field({ type: UpdateRoleInput, ...member('Change a role (updateRole).') }),
    deleteRole: t.field({ type: DeleteEntityInput, ...member('Delete a role (deleteRole).') }),
    createSkill: t.field({ type: CreateSkillInput, ...member('Add a skill (createSkill).') }),
    updateSkill: t.field({ type: UpdateSkillInput, ...member('Change a skill (updateSkill).') }),
    deleteSkill: t.field({ type: DeleteEntityInput, ...member('Delete a skill (deleteSkill).') }),
    createTool: t.field({ type: CreateToolInput, ...member('Add a tool (createTool).') }),
    updateTool: t.field({ type: UpdateToolInput, ...member('Change a tool (updateTool).') }),
    deleteTool: t.field({ type: DeleteEntityInput, ...member('Delete a tool (deleteTool).') }),
    requireSkill: t.field({ type: RequireSkillInput, ...member('A role requires a skill (requireSkill).') }),
    unrequireSkill: t.field({ type: RoleSkillInput, ...member('Remove a requirement (unrequireSkill).') }),
    useTool: t.field({ type: RoleToolInput, ...member('A role uses a tool (useTool).') }),
    unuseTool: t.field({ type: RoleToolInput, ...member('Remove a tool of a role (unuseTool).') }),
    supportSkill: t.field({ type: ToolSkillInput, ...member('A tool supports a skill (supportSkill).') }),
    unsupportSkill: t.field({ type: ToolSkillInput, ...member('Remove a supported skill (unsupportSkill).') }),
    addPrerequisite: t.field({ type: PrerequisiteInput, ...member('Add a prerequisite (addPrerequisite).') }),
    removePrerequisite: t.field({
      type: PrerequisiteInput,
      ...member('Remove a prerequisite (removePrerequisite).'),
    }),
    relateSkills: t.field({ type: RelatedSkillsInput, ...member('Relate two skills (relateSkills).') }),
    unrelateSkills: t.field({ type: RelatedSkillsInput, ...member('Unrelate two skills (unrelateSkills).') }),
  }),
});

builder.mutationField('applyChanges', (t) =>
  t.field({
    type: ChangesPayloadRef,
    description:
      'Applies several changes in one transaction, in order, all or nothing: each is checked against the graph ' +
      'as the changes before it leave it (a skill created by one change can be required by a later one), every ' +
      'problem is reported with its change’s index (`changes[2].level`), and the whole write gives one new ' +
      'graph version.',
    args: {
      changes: t.arg({
        type: [GraphChangeInput],
        required: true,
        description: 'The changes, in the order to apply them (at most MAX_LIST_SIZE, 100 by default).',
      }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: editErrors('ApplyChangesResult', 'applyChanges'),
    complexity: (args) => ({ field: WRITE_COST * Math.max(args.changes.length, 1), multiplier: 1 }),
    resolve: (_root, { changes, expectedGraphVersion }, context) => {
      if (changes.length === 0) {
        throw new EditValidationError([{ path: 'changes', message: 'must list at least one change' }]);
      }
      const edits = changes.map((change, index) => {
        const [name, input] = Object.entries(change).find(([, value]) => value != null) ?? [];
        const edit = name ? EDITS[name] : undefined;
        if (!edit) throw new Error(`changes[${index}] has no member: @oneOf should have refused it`);
        return edit(input as Input, `changes[${index}]`);
      });
      return runEdits(context, edits, expectedGraphVersion);
    },
  }),
);

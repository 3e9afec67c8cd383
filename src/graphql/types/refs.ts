import type { EntityRecord } from '../../domain/career-graph.js';
import { builder } from '../builder.js';

// Declared apart from their implementations so that role, skill and tool modules can refer to each other.
export const RoleRef = builder.objectRef<EntityRecord>('Role');
export const SkillRef = builder.objectRef<EntityRecord>('Skill');
export const ToolRef = builder.objectRef<EntityRecord>('Tool');

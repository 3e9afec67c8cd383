import type { RoleOverlap, RoleSimilarity } from '../../analysis/role-overlap.js';
import { type BridgeSkill, DEFAULT_BRIDGE_SKILLS, topBridgeSkills } from '../../domain/bridge-skills.js';
import type { EntityRecord } from '../../domain/career-graph.js';
import {
  compareRoles,
  computeOverlapMatrix,
  DEFAULT_SIMILAR_ROLES,
  MAX_CSV_OVERLAP_ROLES,
  MAX_MATRIX_ROLES,
  rolesSimilarTo,
  rolesSimilarToReference,
  selectOverlapRoles,
} from '../../domain/role-overlap.js';
import { builder } from '../builder.js';
import { loadEntities, loadEntity } from '../load-entities.js';
import { SourceNameEnum } from './data-source.js';
import { RoleRef, SkillRef, ToolRef } from './refs.js';

const WEIGHTED_JACCARD =
  'Σ min(w_a(s), w_b(s)) / Σ max(w_a(s), w_b(s)) over the skills either role requires, where w_r(s) = level (1–5) × 2 for an ESSENTIAL skill, level × 1 for an OPTIONAL one; 1 for two roles requiring nothing.';

const HOW_MANY = 'How many, at most the page size limit (100 unless configured lower).';

const RoleOverlapRef = builder.objectRef<RoleOverlap & { a: EntityRecord; b: EntityRecord }>('RoleOverlap').implement({
  description: 'What two roles share. S(r) is every skill r requires, of either importance.',
  fields: (t) => ({
    a: t.field({ type: RoleRef, description: 'The first role compared.', resolve: (overlap) => overlap.a }),
    b: t.field({ type: RoleRef, description: 'The second role compared.', resolve: (overlap) => overlap.b }),
    sharedSkills: t.field({
      type: [SkillRef],
      description: 'S(a) ∩ S(b), by key.',
      resolve: (o, _args, context) => loadEntities(context, o.sharedSkills),
    }),
    onlyA: t.field({
      type: [SkillRef],
      description: 'S(a) − S(b), by key.',
      resolve: (o, _args, context) => loadEntities(context, o.onlyA),
    }),
    onlyB: t.field({
      type: [SkillRef],
      description: 'S(b) − S(a), by key.',
      resolve: (o, _args, context) => loadEntities(context, o.onlyB),
    }),
    sharedTools: t.field({
      type: [ToolRef],
      description: 'The tools both roles use, by key.',
      resolve: (o, _args, context) => loadEntities(context, o.sharedTools),
    }),
    jaccard: t.exposeFloat('jaccard', { description: '|S(a) ∩ S(b)| / |S(a) ∪ S(b)|.' }),
    weightedJaccard: t.exposeFloat('weightedJaccard', { description: WEIGHTED_JACCARD }),
  }),
});

const RoleSimilarityRef = builder.objectRef<RoleSimilarity>('RoleSimilarity').implement({
  description: 'A role and how similar its required skills are to another role’s.',
  fields: (t) => ({
    role: t.field({
      type: RoleRef,
      description: 'The similar role.',
      resolve: (s, _args, context) => loadEntity(context, s.role),
    }),
    jaccard: t.exposeFloat('jaccard', {
      description: 'Jaccard index of the two roles’ required skills, 0..1 (1: the same skills).',
    }),
  }),
});

const OverlapMatrixRef = builder.objectRef<{ roles: EntityRecord[] }>('OverlapMatrix').implement({
  description:
    'The overlap of every pair of roles, by plain and by weighted Jaccard; row i and column j follow `roles`.',
  fields: (t) => ({
    roles: t.field({
      type: [RoleRef],
      description: 'The roles, in the order given, or by key for allRoles.',
      resolve: (m) => m.roles,
    }),
    jaccard: t.field({
      type: t.listRef(t.listRef('Float')),
      description: 'jaccard[i][j]: the Jaccard index of roles[i] and roles[j], 0..1; symmetric.',
      resolve: (m, _args, context) =>
        computeOverlapMatrix(
          context,
          m.roles.map((role) => role.key),
          'JACCARD',
        ),
    }),
    weightedJaccard: t.field({
      type: t.listRef(t.listRef('Float')),
      description: `weightedJaccard[i][j]: the weighted Jaccard index of roles[i] and roles[j], 0..1; symmetric. ${WEIGHTED_JACCARD}`,
      resolve: (m, _args, context) =>
        computeOverlapMatrix(
          context,
          m.roles.map((role) => role.key),
          'WEIGHTED_JACCARD',
        ),
    }),
  }),
});

const BridgeSkillRef = builder.objectRef<BridgeSkill>('BridgeSkill').implement({
  description: 'A skill and its betweenness: how many shortest paths between other roles and skills pass through it.',
  fields: (t) => ({
    skill: t.field({
      type: SkillRef,
      description: 'The skill.',
      resolve: (b, _args, context) => loadEntity(context, b.skill),
    }),
    score: t.exposeFloat('score', {
      description:
        'Betweenness: over every unordered pair of other nodes, the share of their shortest paths through this skill; an estimate within errorBound unless exact.',
    }),
    exact: t.exposeBoolean('exact', {
      description:
        'Whether score is the exact betweenness (Brandes from every node: graphs up to about 8,000 nodes) or a sampled estimate (Brandes from k sources drawn by a shuffle seeded by the graph version, scaled by n/k; the same version always gives the same scores).',
    }),
    errorBound: t.exposeFloat('errorBound', {
      description:
        'With probability at least 0.95, every score of the ranking is within errorBound of the exact betweenness: errorBound = n(n−2)/2 · √(ln(2n/0.05)/(2k)) for n nodes and k sampled sources (Hoeffding’s inequality and a union bound over the nodes); 0 when exact. The largest possible score is (n−1)(n−2)/2.',
    }),
  }),
});

builder.objectField(RoleRef, 'similar', (t) =>
  t.field({
    type: [RoleSimilarityRef],
    description: 'The roles with the most similar required skills (Jaccard index), highest first, ties by key.',
    args: { first: t.arg.int({ defaultValue: DEFAULT_SIMILAR_ROLES, description: HOW_MANY }) },
    complexity: (args) => ({ field: 5, multiplier: args.first ?? DEFAULT_SIMILAR_ROLES }),
    resolve: (role, { first }, context) => rolesSimilarTo(context, role.key, first ?? DEFAULT_SIMILAR_ROLES),
  }),
);

builder.queryFields((t) => ({
  roleOverlap: t.field({
    type: RoleOverlapRef,
    description: 'The skills and tools two roles share and the Jaccard index of their required skills.',
    args: {
      a: t.arg.string({ required: true, description: 'A role: key, name or alias (any case).' }),
      b: t.arg.string({ required: true, description: 'Another role: key, name or alias (any case).' }),
    },
    complexity: 20,
    resolve: (_root, args, context) => compareRoles(context, args),
  }),
  similarRoles: t.field({
    type: [RoleSimilarityRef],
    description:
      'The roles most like this one by the Jaccard index of their required skills, highest first, ties by key; roles sharing no skill are left out.',
    args: {
      to: t.arg.string({ required: true, description: 'A role: key, name or alias (any case).' }),
      first: t.arg.int({ defaultValue: DEFAULT_SIMILAR_ROLES, description: HOW_MANY }),
    },
    complexity: (args) => ({ field: 5, multiplier: args.first ?? DEFAULT_SIMILAR_ROLES }),
    resolve: (_root, args, context) => rolesSimilarToReference(context, args.to, args.first ?? DEFAULT_SIMILAR_ROLES),
  }),
  overlapMatrix: t.field({
    type: OverlapMatrixRef,
    description: `The Jaccard and weighted Jaccard index of every pair of the given roles, in the order given, or of every role (allRoles), at most ${MAX_MATRIX_ROLES} either way. Also as CSV, with every role up to ${MAX_CSV_OVERLAP_ROLES.toLocaleString('en-GB')}: GET /export/overlap.csv?roles=a,b,c or ?roles=all&source=seed; as a picture (the explorer's heatmap, up to ${MAX_MATRIX_ROLES} roles): GET /export/overlap.svg?roles=a,b,c.`,
    args: {
      roles: t.arg.stringList({
        description: `Roles by key, name or alias (any case), at most ${MAX_MATRIX_ROLES}; leave out with allRoles.`,
      }),
      allRoles: t.arg.boolean({
        defaultValue: false,
        description: `Every role (of sources, when given), by key, instead of roles; LIMIT_EXCEEDED (limit overlapRoles) when they are more than ${MAX_MATRIX_ROLES}.`,
      }),
      sources: t.arg({
        type: [SourceNameEnum],
        description: 'With allRoles: only the roles from these sources (SEED: the curated graph).',
      }),
    },
    complexity: (args) => {
      const roles = args.allRoles ? MAX_MATRIX_ROLES : (args.roles?.length ?? 0);
      return { field: 10 + roles ** 2, multiplier: Math.max(roles, 1) };
    },
    resolve: async (_root, args, context) => ({
      roles: await selectOverlapRoles(
        context,
        { roles: args.roles ?? null, allRoles: args.allRoles ?? false, sources: args.sources ?? null },
        { roles: 'roles', allRoles: 'allRoles', sources: 'sources' },
        MAX_MATRIX_ROLES,
      ),
    }),
  }),
  bridgeSkills: t.field({
    type: [BridgeSkillRef],
    description:
      'Skills ranked by betweenness centrality in the undirected graph of Role–REQUIRES–Skill and Skill–PREREQUISITE_OF–Skill (unnormalised), highest first, ties by key: exact on small graphs, a sampled estimate with a stated error bound on large ones (see BridgeSkill.exact). Computed in a worker thread when the graph changes and cached; a request waits at most EXECUTION_TIMEOUT_MS, then gets NOT_READY.',
    args: { first: t.arg.int({ defaultValue: DEFAULT_BRIDGE_SKILLS, description: HOW_MANY }) },
    complexity: (args) => ({ field: 50, multiplier: args.first ?? DEFAULT_BRIDGE_SKILLS }),
    resolve: (_root, { first }, context) => topBridgeSkills(context, first ?? DEFAULT_BRIDGE_SKILLS),
  }),
}));

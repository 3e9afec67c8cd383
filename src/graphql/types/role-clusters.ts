import {
  DEFAULT_CLUSTER_ROLES_PAGE,
  DEFAULT_CLUSTERS_PAGE,
  DEFAULT_TOP_SKILLS,
  pageOf,
  type RoleCluster,
  type RoleClustering,
  roleClusters,
  TOP_SKILLS_KEPT,
} from '../../domain/role-clusters.js';
import { builder } from '../builder.js';
import { loadEntities } from '../load-entities.js';
import { SourceNameEnum } from './data-source.js';
import { RoleRef, SkillRef } from './refs.js';

const HOW_MANY = 'How many, at most the page size limit (100 unless configured lower).';
const OFFSET = 'How many to skip: the next page starts at offset + first.';

const RoleClusterRef = builder.objectRef<RoleCluster>('RoleCluster').implement({
  description:
    'A community of the role–skill graph holding at least one role: roles that require much the same skills.',
  fields: (t) => ({
    id: t.exposeInt('id', {
      description: 'From 1: clusters by number of roles, largest first, ties by their smallest role key.',
    }),
    size: t.int({ description: 'How many roles the cluster holds.', resolve: (c) => c.roles.length }),
    roles: t.field({
      type: [RoleRef],
      description: 'The cluster’s roles, by key.',
      args: {
        first: t.arg.int({ defaultValue: DEFAULT_CLUSTER_ROLES_PAGE, description: HOW_MANY }),
        offset: t.arg.int({ defaultValue: 0, description: OFFSET }),
      },
      complexity: (args) => ({ field: 1, multiplier: args.first ?? DEFAULT_CLUSTER_ROLES_PAGE }),
      resolve: (c, args, context) =>
        loadEntities(context, pageOf(context, c.roles, args.first ?? DEFAULT_CLUSTER_ROLES_PAGE, args.offset ?? 0)),
    }),
    topSkills: t.field({
      type: [SkillRef],
      description: `The skills required by the most of the cluster’s roles (whichever cluster the skill itself fell in), by that count, then key; at most ${TOP_SKILLS_KEPT}.`,
      args: {
        first: t.arg.int({ defaultValue: DEFAULT_TOP_SKILLS, description: `How many, at most ${TOP_SKILLS_KEPT}.` }),
      },
      complexity: (args) => ({ field: 1, multiplier: args.first ?? DEFAULT_TOP_SKILLS }),
      resolve: (c, args, context) =>
        loadEntities(
          context,
          pageOf(context, c.topSkills, args.first ?? DEFAULT_TOP_SKILLS, 0, TOP_SKILLS_KEPT).map((s) => s.skill),
        ),
    }),
  }),
});

const RoleClustersRef = builder.objectRef<RoleClustering>('RoleClusters').implement({
  description:
    'Roles clustered by the skills they require: Louvain community detection (graphology-communities-louvain) on the undirected bipartite graph of roles and the skills they require, each REQUIRES weighted essentialWeight (ESSENTIAL) or optionalWeight (OPTIONAL), with a fixed resolution and random seed, so the same graph always gets the same clusters.',
  fields: (t) => ({
    algorithm: t.exposeString('algorithm', { description: 'The algorithm and the library that ran it.' }),
    resolution: t.exposeFloat('resolution', { description: 'Louvain’s resolution γ (1: classic modularity).' }),
    seed: t.exposeInt('seed', {
      description: 'The seed of the random generator (mulberry32) Louvain’s node order draws from.',
    }),
    essentialWeight: t.exposeFloat('essentialWeight', { description: 'The weight of an ESSENTIAL requirement.' }),
    optionalWeight: t.exposeFloat('optionalWeight', { description: 'The weight of an OPTIONAL requirement.' }),
    modularity: t.exposeFloat('modularity', {
      description:
        'The weighted modularity, at the resolution, of the partition of roles and skills found (−0.5..1; higher: denser within clusters than chance).',
    }),
    nodeCount: t.exposeInt('nodeCount', { description: 'Roles and required skills in the graph clustered.' }),
    edgeCount: t.exposeInt('edgeCount', { description: 'Role–skill pairs joined by REQUIRES in the graph clustered.' }),
    clusterCount: t.int({ description: 'How many clusters there are.', resolve: (c) => c.clusters.length }),
    clusters: t.field({
      type: [RoleClusterRef],
      description: 'The clusters, largest first (see RoleCluster.id); every role is in exactly one.',
      args: {
        first: t.arg.int({ defaultValue: DEFAULT_CLUSTERS_PAGE, description: HOW_MANY }),
        offset: t.arg.int({ defaultValue: 0, description: OFFSET }),
      },
      complexity: (args) => ({ field: 1, multiplier: args.first ?? DEFAULT_CLUSTERS_PAGE }),
      resolve: (c, args, context) => pageOf(context, c.clusters, args.first ?? DEFAULT_CLUSTERS_PAGE, args.offset ?? 0),
    }),
  }),
});

builder.queryFields((t) => ({
  roleClusters: t.field({
    type: RoleClustersRef,
    description:
      'Clusters of roles that require much the same skills (Louvain; the answer names its parameters). Computed in a worker thread, cached by graph version (for the whole graph, ahead of requests when the graph changes); a request waits at most EXECUTION_TIMEOUT_MS, then gets NOT_READY. Also as CSV: GET /export/role-clusters.csv?source=…',
    args: {
      source: t.arg({
        type: [SourceNameEnum],
        required: false,
        description: 'Cluster only the roles and skills from these sources; absent: every source.',
      }),
    },
    complexity: 100,
    resolve: (_root, args, context) => roleClusters(context, args.source ?? null),
  }),
}));

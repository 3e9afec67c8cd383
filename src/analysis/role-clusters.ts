import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { mulberry32 } from './mulberry32.js';

// A CommonJS module whose types declare an ES default export: Node's default import is the function itself.
const louvain = louvainModule as unknown as typeof louvainModule.default;

/** The role–skill graph clusters are found in: roles, skills, and REQUIRES between them as positions. */
export interface RequirementGraph {
  /** Role keys, in key order. */
  roles: string[];
  /** Skill keys, in key order. */
  skills: string[];
  /** Requirement i joins role roleOf[i] and skill skillOf[i]; essential[i] is 1 for ESSENTIAL, else 0. */
  roleOf: Int32Array;
  skillOf: Int32Array;
  essential: Uint8Array;
}

/** The parameters of the clustering: fixed, so that a graph always gets the same clusters. */
export const CLUSTERING = {
  algorithm: 'Louvain (graphology-communities-louvain)',
  resolution: 1,
  seed: 15,
  essentialWeight: 2,
  optionalWeight: 1,
} as const;

/** How many of a cluster's most required skills it keeps. */
export const TOP_SKILLS_KEPT = 20;

export interface RoleCluster {
  /** From 1: clusters by role count, largest first, ties by their first role key. */
  id: number;
  /** Role keys, in key order. */
  roles: string[];
  /** The skills most of the cluster's roles require (by that count, then key), at most TOP_SKILLS_KEPT. */
  topSkills: { skill: string; roles: number }[];
}

export interface RoleClustering {
  algorithm: string;
  resolution: number;
  seed: number;
  essentialWeight: number;
  optionalWeight: number;
  /** Modularity of the partition of roles and skills Louvain found, at `resolution`, with the weights. */
  modularity: number;
  clusters: RoleCluster[];
  /** Nodes and edges of the graph clustered, and the time Louvain took (ms). */
  nodeCount: number;
  edgeCount: number;
  louvainMs: number;
}

/**
 * The undirected, weighted graph Louvain runs on: a node per role (`role:<key>`) and per required skill
 * (`skill:<key>`), added in key order, and an edge per role–skill pair weighted essentialWeight when the
 * role requires the skill as ESSENTIAL, else optionalWeight. Skills no role requires are left out.
 */
export function clusteringGraphOf(graph: RequirementGraph): UndirectedGraph {
  const g = new UndirectedGraph({ allowSelfLoops: false });
  for (const role of graph.roles) g.addNode(`role:${role}`);
  const required = new Uint8Array(graph.skills.length);
  for (const skill of graph.skillOf) required[skill] = 1;
  graph.skills.forEach((skill, i) => {
    if (required[i]) g.addNode(`skill:${skill}`);
  });
  for (let i = 0; i < graph.roleOf.length; i++) {
    const role = `role:${graph.roles[graph.roleOf[i] as number]}`;
    const skill = `skill:${graph.skills[graph.skillOf[i] as number]}`;
    const weight = graph.essential[i] ? CLUSTERING.essentialWeight : CLUSTERING.optionalWeight;
    const edge = g.edge(role, skill);
    if (edge === undefined) g.addEdge(role, skill, { weight });
    else if ((g.getEdgeAttribute(edge, 'weight') as number) < weight) g.setEdgeAttribute(edge, 'weight', weight);
  }
  return g;
}

/**
 * Louvain's partition of `clusteringGraphOf(graph)`: the community of every node (`role:<key>`,
 * `skill:<key>`) and its modularity, with the fixed resolution and seeded RNG of CLUSTERING.
 */
export function findCommunities(graph: RequirementGraph) {
  const g = clusteringGraphOf(graph);
  const started = performance.now();
  const found = louvain.detailed(g, {
    resolution: CLUSTERING.resolution,
    rng: mulberry32(CLUSTERING.seed),
    getEdgeWeight: 'weight',
  });
  return {
    communities: found.communities,
    modularity: found.modularity,
    nodeCount: g.order,
    edgeCount: g.size,
    louvainMs: performance.now() - started,
  };
}

/**
 * Clusters of roles by the skills they require: Louvain community detection on `clusteringGraphOf`, with a
 * fixed resolution and an RNG seeded with a fixed seed (mulberry32), so the same graph always gives the
 * same clusters. A cluster is a community holding at least one role; every role is in exactly one.
 */
export function clusterRoles(graph: RequirementGraph): RoleClustering {
  const found = findCommunities(graph);
  const rolesOf = new Map<number, number[]>();
  graph.roles.forEach((role, i) => {
    const community = found.communities[`role:${role}`] as number;
    const members = rolesOf.get(community);
    if (members) members.push(i);
    else rolesOf.set(community, [i]);
  });
  const requirementsOf = new Map<number, number[]>();
  for (let i = 0; i < graph.roleOf.length; i++) {
    const role = graph.roleOf[i] as number;
    const list = requirementsOf.get(role);
    if (list) list.push(graph.skillOf[i] as number);
    else requirementsOf.set(role, [graph.skillOf[i] as number]);
  }
  const clusters = [...rolesOf.values()]
    // Role positions are in key order, so each list's first role is its smallest key.
    .sort((a, b) => b.length - a.length || (a[0] as number) - (b[0] as number))
    .map((members, i) => {
      const count = new Map<number, number>();
      for (const role of members) {
        for (const skill of new Set(requirementsOf.get(role) ?? [])) count.set(skill, (count.get(skill) ?? 0) + 1);
      }
      const topSkills = [...count]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, TOP_SKILLS_KEPT)
        .map(([skill, roles]) => ({ skill: graph.skills[skill] as string, roles }));
      return { id: i + 1, roles: members.map((role) => graph.roles[role] as string), topSkills };
    });
  return {
    algorithm: CLUSTERING.algorithm,
    resolution: CLUSTERING.resolution,
    seed: CLUSTERING.seed,
    essentialWeight: CLUSTERING.essentialWeight,
    optionalWeight: CLUSTERING.optionalWeight,
    modularity: found.modularity,
    clusters,
    nodeCount: found.nodeCount,
    edgeCount: found.edgeCount,
    louvainMs: found.louvainMs,
  };
}

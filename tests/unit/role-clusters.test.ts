import { UndirectedGraph } from 'graphology';
import modularityModule from 'graphology-metrics/graph/modularity.js';
import { describe, expect, it } from 'vitest';
import { CLUSTERING, clusterRoles, findCommunities, type RequirementGraph } from '../../src/analysis/role-clusters.js';
import { type SeededRandom, seededRandom } from '../support/seeded-random.js';

// A CommonJS module whose types declare an ES default export: Node's default import is the function itself.
const modularity = modularityModule as unknown as typeof modularityModule.default;

interface Requirement {
  role: string;
  skill: string;
  essential: boolean;
}

function requirementGraphOf(roles: string[], skills: string[], requirements: Requirement[]): RequirementGraph {
  const sortedRoles = [...roles].sort();
  const sortedSkills = [...skills].sort();
  return {
    roles: sortedRoles,
    skills: sortedSkills,
    roleOf: Int32Array.from(requirements.map((r) => sortedRoles.indexOf(r.role))),
    skillOf: Int32Array.from(requirements.map((r) => sortedSkills.indexOf(r.skill))),
    essential: Uint8Array.from(requirements.map((r) => (r.essential ? 1 : 0))),
  };
}

/** Roles in `groups` blocks, each requiring mostly its block's skills, and a few across; some require nothing. */
function randomRequirements(random: SeededRandom) {
  const groups = random.int(1, 5);
  const roles = Array.from({ length: random.int(1, 40) }, (_, i) => `role-${String(i).padStart(2, '0')}`);
  const skills = Array.from({ length: random.int(1, 60) }, (_, i) => `skill-${String(i).padStart(2, '0')}`);
  const requirements: Requirement[] = [];
  roles.forEach((role, r) => {
    if (random.chance(0.1)) return;
    skills.forEach((skill, s) => {
      const near = r % groups === s % groups;
      if (random.chance(near ? 0.4 : 0.03)) requirements.push({ role, skill, essential: random.chance(0.6) });
    });
  });
  return { roles, skills, requirements };
}

/** The weighted graph built here, apart from the module's: the same definition, written again. */
function weightedGraphOf(requirements: Requirement[], roles: string[]) {
  const graph = new UndirectedGraph();
  for (const role of roles) graph.addNode(`role:${role}`);
  for (const { role, skill, essential } of requirements) {
    graph.mergeNode(`skill:${skill}`);
    graph.addEdge(`role:${role}`, `skill:${skill}`, { weight: essential ? 2 : 1 });
  }
  return graph;
}

describe('role clusters: Louvain on the role–skill graph', () => {
  const cases = Array.from({ length: 25 }, (_, i) => randomRequirements(seededRandom(4200 + i)));

  it('puts every role in exactly one cluster, ids from 1 by size, roles by key', () => {
    for (const { roles, skills, requirements } of cases) {
      const clustering = clusterRoles(requirementGraphOf(roles, skills, requirements));
      const placed = clustering.clusters.flatMap((cluster) => cluster.roles);
      expect([...placed].sort()).toEqual([...roles].sort());
      expect(new Set(placed).size).toBe(roles.length);
      clustering.clusters.forEach((cluster, i) => {
        expect(cluster.id).toBe(i + 1);
        expect(cluster.roles).toEqual([...cluster.roles].sort());
        if (i > 0) expect(cluster.roles.length).toBeLessThanOrEqual(clustering.clusters[i - 1]?.roles.length ?? 0);
      });
    }
  });

  it('is deterministic: the same graph gives the same clusters and modularity, run after run', () => {
    for (const { roles, skills, requirements } of cases.slice(0, 10)) {
      const once = clusterRoles(requirementGraphOf(roles, skills, requirements));
      const again = clusterRoles(requirementGraphOf(roles, skills, requirements));
      expect({ ...again, louvainMs: 0 }).toEqual({ ...once, louvainMs: 0 });
    }
  });

  it('reports the modularity graphology’s own metric gives the same partition of an independently built graph', () => {
    for (const { roles, skills, requirements } of cases) {
      const found = findCommunities(requirementGraphOf(roles, skills, requirements));
      const graph = weightedGraphOf(requirements, roles);
      if (graph.size === 0) continue;
      const expected = modularity(graph, {
        getNodeCommunity: (node) => found.communities[node] as number,
        getEdgeWeight: 'weight',
        resolution: CLUSTERING.resolution,
      });
      expect(found.modularity).toBeCloseTo(expected, 10);
      expect(found.nodeCount).toBe(graph.order);
      expect(found.edgeCount).toBe(graph.size);
    }
  });

  it('clusters follow the partition, and separate two groups that share no skill', () => {
    const requirements: Requirement[] = [];
    for (const role of ['a1', 'a2', 'a3'])
      for (const skill of ['x', 'y', 'z']) requirements.push({ role, skill, essential: true });
    for (const role of ['b1', 'b2'])
      for (const skill of ['p', 'q']) requirements.push({ role, skill, essential: false });
    const graph = requirementGraphOf(['a1', 'a2', 'a3', 'b1', 'b2', 'loner'], ['p', 'q', 'x', 'y', 'z'], requirements);
    const clustering = clusterRoles(graph);
    expect(clustering.clusters.map((c) => c.roles)).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2'], ['loner']]);
    expect(clustering.clusters[0]?.topSkills).toEqual([
      { skill: 'x', roles: 3 },
      { skill: 'y', roles: 3 },
      { skill: 'z', roles: 3 },
    ]);
    expect(clustering.clusters[2]?.topSkills).toEqual([]);
    expect(clustering).toMatchObject({ resolution: 1, seed: CLUSTERING.seed, essentialWeight: 2, optionalWeight: 1 });
    // Two components, weights 9 × 2 and 4 × 1 (m = 22): Σ in_c / m − (deg_c / 2m)².
    expect(clustering.modularity).toBeCloseTo(18 / 22 - (36 / 44) ** 2 + 4 / 22 - (8 / 44) ** 2, 12);
  });
});

import type { CareerGraph } from '../../src/analysis/career-path.js';
import type { SkillFacts } from '../../src/analysis/skill-closure.js';
import {
  keysWithLabel,
  type MemoryGraph,
  type MemoryNode,
  type MemoryRelationship,
  memoryGraphOf,
  prerequisitesByDefinition,
  requiredByDefinition,
  toolsByDefinition,
} from './reference-algorithms.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * What the production code reads from Neo4j (src/queries/career-queries.ts), taken from the in-memory graph
 * instead: every role's ESSENTIAL and OPTIONAL skills and tools, every skill's hours and prerequisites.
 */
export function careerGraphOf(graph: MemoryGraph): CareerGraph {
  const roles = keysWithLabel(graph, 'Role');
  const prerequisitesOf = prerequisitesByDefinition(graph);
  return {
    roles: new Map(roles.map((role) => [role, requiredByDefinition(graph, role, 'ESSENTIAL')])),
    optionalSkills: new Map(roles.map((role) => [role, requiredByDefinition(graph, role, 'OPTIONAL')])),
    tools: new Map(roles.map((role) => [role, toolsByDefinition(graph, role)])),
    levels: new Map(
      roles.map((role) => [
        role,
        new Map(graph.requires.filter((r) => r.role === role).map((r) => [r.skill, r.level] as const)),
      ]),
    ),
    skills: new Map<string, SkillFacts>(
      keysWithLabel(graph, 'Skill').map((skill) => [
        skill,
        { hours: graph.hours.get(skill) ?? 0, prerequisites: prerequisitesOf.get(skill) ?? [] },
      ]),
    ),
  };
}

/**
 * A random career graph as the seed allows it: prerequisites without cycles, each skill required at most
 * once per role, a few hour values so that ties happen, roles that require nothing, and RELATED_TO and
 * SUPPORTS relationships that the role computations must ignore.
 */
export function randomCareerGraph(
  random: SeededRandom,
  size: { roles: number; skills: number; tools: number },
): MemoryGraph {
  const roles = random.keys(size.roles).map((key) => `role-${key}`);
  // Keys in random order, so that the prerequisite order is not the key order.
  const skills = random.keys(size.skills).map((key) => `skill-${key}`);
  const tools = random.keys(size.tools).map((key) => `tool-${key}`);
  const nodes: MemoryNode[] = [
    ...roles.map((key) => ({ key, label: 'Role' })),
    ...skills.map((key) => ({ key, label: 'Skill', hours: random.pick([5, 10, 10, 20, 30, 40]) })),
    ...tools.map((key) => ({ key, label: 'Tool' })),
  ];
  const relationships: MemoryRelationship[] = [];
  const relate = (type: string, from: string, to: string, importance?: string, level?: number) =>
    relationships.push({
      id: `rel-${relationships.length}`,
      type,
      from,
      to,
      importance: importance ?? null,
      level: level ?? null,
    });
  skills.forEach((skill, i) => {
    for (const earlier of skills.slice(0, i)) {
      if (random.chance(0.2)) relate('PREREQUISITE_OF', earlier, skill);
      // RELATED_TO is stored once per pair, from the smaller key to the larger.
      else if (random.chance(0.1)) relate('RELATED_TO', ...([earlier, skill].sort() as [string, string]));
    }
  });
  for (const role of roles) {
    if (random.chance(0.15)) continue;
    for (const skill of skills) {
      if (random.chance(0.3)) {
        relate('REQUIRES', role, skill, random.chance(0.7) ? 'ESSENTIAL' : 'OPTIONAL', random.int(1, 5));
      }
    }
    for (const tool of tools) if (random.chance(0.4)) relate('USES', role, tool);
  }
  for (const tool of tools) for (const skill of skills) if (random.chance(0.2)) relate('SUPPORTS', tool, skill);
  return memoryGraphOf(random.shuffle(nodes), random.shuffle(relationships));
}

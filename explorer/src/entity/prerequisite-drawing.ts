import type { ElementDefinition } from 'cytoscape';

interface DrawnSkill {
  key: string;
  name: string;
  learningHours: number;
}

export interface SkillNeighbourhood {
  skill: DrawnSkill;
  /** The first page of its transitive prerequisites, nearest first, each with its direct prerequisites. */
  prerequisites: readonly {
    distance: number;
    node: DrawnSkill & { prerequisites: { edges: readonly { node: { key: string } }[] } };
  }[];
  /** The first page of the skills it is a direct prerequisite of. */
  unlocks: readonly { node: DrawnSkill }[];
}

const node = (skill: DrawnSkill, classes: string): ElementDefinition => ({
  data: {
    id: skill.key,
    label: `${skill.name}\n${skill.learningHours} h`,
    href: `/skill/${encodeURIComponent(skill.key)}`,
  },
  classes,
});

/**
 * A skill among its prerequisites (all the way down, as far as the page reaches) and what it unlocks, as
 * layered-graph elements: an arrow from each skill to the skill it is a prerequisite of. Nearest first, so
 * every drawn prerequisite has its chain to the skill drawn too.
 */
export function prerequisiteElements({ skill, prerequisites, unlocks }: SkillNeighbourhood): ElementDefinition[] {
  const drawn = new Set([skill.key, ...prerequisites.map(({ node }) => node.key)]);
  const elements: ElementDefinition[] = [node(skill, 'focus')];
  const edge = (from: string, to: string) =>
    elements.push({ data: { id: `${from}->${to}`, source: from, target: to } });
  for (const { node: prerequisite } of prerequisites) elements.push(node(prerequisite, 'prerequisite'));
  for (const { node: unlocked } of unlocks) if (!drawn.has(unlocked.key)) elements.push(node(unlocked, 'unlocked'));
  for (const { distance, node: prerequisite } of prerequisites) {
    if (distance === 1) edge(prerequisite.key, skill.key);
    for (const { node: before } of prerequisite.prerequisites.edges)
      if (drawn.has(before.key) && before.key !== skill.key) edge(before.key, prerequisite.key);
  }
  for (const { node: unlocked } of unlocks) if (!drawn.has(unlocked.key)) edge(skill.key, unlocked.key);
  return elements;
}

import type { ElementDefinition } from 'cytoscape';

export interface PlanStep {
  position: number;
  hours: number;
  reason: 'ESSENTIAL' | 'OPTIONAL' | 'PREREQUISITE';
  skill: { key: string; name: string; prerequisites: { edges: readonly { node: { key: string } }[] } };
  unlocks: readonly { key: string }[];
}

export interface RoutePlan {
  target: { key: string; name: string };
  covered: readonly { key: string; name: string }[];
  steps: readonly PlanStep[];
}

/** More would be a hairball, not a picture: the ordered list beside the drawing always has every step. */
export const MAX_DRAWN_STEPS = 30;
export const MAX_DRAWN_HAVE = 15;

export interface PlanDrawing {
  elements: ElementDefinition[];
  drawnSteps: number;
  drawnHave: number;
}

/**
 * The plan as layered-graph elements: what the start has → what to learn (in plan order) → the target,
 * an arrow from each skill to what it is a prerequisite of or required by. The layout is dagre's.
 */
export function planDrawing({ target, covered, steps }: RoutePlan): PlanDrawing {
  const drawn = steps.slice(0, MAX_DRAWN_STEPS);
  const drawnKeys = new Set(drawn.map((step) => step.skill.key));
  const prerequisitesOfDrawn = new Set(drawn.flatMap((step) => step.skill.prerequisites.edges.map((e) => e.node.key)));
  // the skills that lead into what is drawn first, then the rest the target asks for
  const have = [...covered]
    .sort((a, b) => Number(prerequisitesOfDrawn.has(b.key)) - Number(prerequisitesOfDrawn.has(a.key)))
    .slice(0, MAX_DRAWN_HAVE);
  const haveKeys = new Set(have.map((skill) => skill.key));
  const elements: ElementDefinition[] = [
    { data: { id: `role:${target.key}`, label: target.name }, classes: 'target' },
    ...have.map((skill) => ({ data: { id: `skill:${skill.key}`, label: skill.name }, classes: 'have' })),
    ...drawn.map((step) => ({
      data: { id: `skill:${step.skill.key}`, label: `${step.position}. ${step.skill.name}\n${step.hours} h` },
      classes: 'learn',
    })),
  ];
  const edge = (from: string, to: string, kind: string) =>
    elements.push({ data: { id: `${from}->${to}`, source: from, target: to }, classes: kind });
  for (const skill of have) edge(`skill:${skill.key}`, `role:${target.key}`, 'required');
  for (const step of drawn) {
    const id = `skill:${step.skill.key}`;
    for (const { node } of step.skill.prerequisites.edges)
      if (haveKeys.has(node.key)) edge(`skill:${node.key}`, id, 'prerequisite');
    for (const { key } of step.unlocks) if (drawnKeys.has(key)) edge(id, `skill:${key}`, 'prerequisite');
    if (step.reason !== 'PREREQUISITE') edge(id, `role:${target.key}`, 'required');
  }
  return { elements, drawnSteps: drawn.length, drawnHave: have.length };
}

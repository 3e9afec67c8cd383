import type { EdgeDataDefinition, ElementDefinition } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { prerequisiteElements } from '../../explorer/src/entity/prerequisite-drawing.js';
import { connectionElements } from '../../explorer/src/route/connection-drawing.js';
import { storedDirection, type WalkedStep } from '../../explorer/src/route/stored-direction.js';

const isEdge = ({ data }: ElementDefinition) => 'source' in data;
const edgesOf = (elements: ElementDefinition[]) =>
  elements
    .filter(isEdge)
    .map(({ data }) => `${(data as EdgeDataDefinition).source}->${(data as EdgeDataDefinition).target}`);

describe("a skill's prerequisite graph", () => {
  const skill = (key: string, prerequisites: string[] = []) => ({
    key,
    name: key.toUpperCase(),
    learningHours: 10,
    prerequisites: { edges: prerequisites.map((prerequisite) => ({ node: { key: prerequisite } })) },
  });

  it('draws an arrow from each prerequisite to what it is a prerequisite of, only between drawn skills', () => {
    const elements = prerequisiteElements({
      skill: skill('s'),
      // nearest first; x (c's prerequisite) is beyond the page, so not drawn
      prerequisites: [
        { distance: 1, node: skill('a', ['b']) },
        { distance: 1, node: skill('c', ['b', 'x']) },
        { distance: 2, node: skill('b') },
      ],
      unlocks: [{ node: skill('u') }],
    });
    expect(elements.filter((element) => !isEdge(element)).map(({ data, classes }) => [data.id, classes])).toEqual([
      ['s', 'focus'],
      ['a', 'prerequisite'],
      ['c', 'prerequisite'],
      ['b', 'prerequisite'],
      ['u', 'unlocked'],
    ]);
    expect(edgesOf(elements).sort()).toEqual(['a->s', 'b->a', 'b->c', 'c->s', 's->u']);
    expect(elements[0]?.data.href).toBe('/skill/s');
  });
});

describe('paths drawn together', () => {
  const node = (key: string, kind: 'Role' | 'Skill' = 'Skill') => ({ __typename: kind, key, name: key });
  const step = (from: string, to: string, direction: WalkedStep['direction']): WalkedStep => ({
    relation: 'REQUIRES',
    direction,
    importance: null,
    level: null,
    from: node(from, from.startsWith('role') ? 'Role' : 'Skill'),
    to: node(to, to.startsWith('role') ? 'Role' : 'Skill'),
  });

  it('draws each node and relationship once, every arrow in its stored direction', () => {
    const first = [step('role-a', 'x', 'FORWARD'), step('x', 'role-b', 'BACKWARD')].map(storedDirection);
    const second = [step('role-a', 'y', 'FORWARD'), step('y', 'role-b', 'BACKWARD')].map(storedDirection);
    const elements = connectionElements([first, second, first]);
    expect(elements.filter((element) => !isEdge(element)).map(({ data }) => data.id)).toEqual([
      'role-a',
      'x',
      'role-b',
      'y',
    ]);
    expect(edgesOf(elements)).toEqual(['role-a->x', 'role-b->x', 'role-a->y', 'role-b->y']);
  });
});

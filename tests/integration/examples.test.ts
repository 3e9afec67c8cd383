import { describe, expect, it } from 'vitest';
import { loadExampleQueries } from '../../src/graphql/examples.js';
import { TestHelper } from '../support/test-helper.js';

const names = (list: { name: string }[]) => list.map((item) => item.name);
const isDescending = (values: number[]) => values.every((value, i) => i === 0 || (values[i - 1] ?? 0) >= value);

/** What each example is meant to show on the seed graph, as its comment says. */
const intended: Record<string, (data: any) => void> = {
  '01-shortest-skill-path.graphql': ({ shortestPath }) => {
    const { nodes, steps, length } = shortestPath;
    expect(nodes[0]).toEqual({ __typename: 'Role', name: 'Data Scientist' });
    expect(nodes.at(-1)).toEqual({ __typename: 'Role', name: 'MLOps Engineer' });
    expect(length).toBeGreaterThan(1);
    expect(nodes).toHaveLength(length + 1);
    expect(steps).toHaveLength(length);
    // through skills only
    expect(nodes.slice(1, -1).map((node: any) => node.__typename)).toEqual(Array(length - 1).fill('Skill'));
  },
  '02-k-shortest-paths.graphql': ({ shortestPaths }) => {
    // alternatives: more than one path, at most k = 5, shortest first, within maxHops 5, never through Python
    expect(shortestPaths.length).toBeGreaterThan(1);
    expect(shortestPaths.length).toBeLessThanOrEqual(5);
    const lengths = shortestPaths.map((path: any) => path.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    for (const { length, nodes, steps } of shortestPaths) {
      expect(length).toBeLessThanOrEqual(5);
      expect(steps).toHaveLength(length);
      expect(nodes[0]).toEqual({ __typename: 'Role', name: 'Prompt Engineer' });
      expect(nodes.at(-1)).toEqual({ __typename: 'Tool', name: 'Kubernetes' });
      expect(names(nodes)).not.toContain('Python Programming');
    }
  },
  '03-career-path.graphql': ({ careerPath }) => {
    const { steps, totalHours } = careerPath;
    expect(steps.length).toBeGreaterThan(0);
    expect(steps[0].from.name).toBe('Data Analyst');
    expect(steps.at(-1).to.name).toBe('MLOps Engineer');
    steps.forEach((step: any, i: number) => {
      if (i > 0) expect(step.from).toEqual(steps[i - 1].to);
      expect(step.learn.length).toBeGreaterThan(0);
      expect(step.hours).toBeLessThanOrEqual(800);
      expect(step.hours).toBe(step.learn.reduce((sum: number, skill: any) => sum + skill.learningHours, 0));
    });
    expect(totalHours).toBe(steps.reduce((sum: number, step: any) => sum + step.hours, 0));
  },
  '10-look-up-a-role.graphql': ({ role }) => {
    expect(role).toMatchObject({ key: 'data-scientist', name: 'Data Scientist' });
    expect(role.skills.edges.length).toBeGreaterThan(0);
    expect(role.skills.totalCount).toBeGreaterThanOrEqual(role.skills.edges.length);
    expect(role.skills.edges.every((edge: any) => edge.importance === 'ESSENTIAL')).toBe(true);
    expect(role.tools.edges.length).toBeGreaterThan(0);
  },
  '20-search.graphql': ({ search }) => {
    expect(search[0].node).toMatchObject({ __typename: 'Tool', key: 'kubernetes', name: 'Kubernetes' });
    expect(search.length).toBeLessThanOrEqual(5);
    expect(isDescending(search.map((hit: any) => hit.score))).toBe(true);
  },
  '30-skill-neighbourhood.graphql': ({ skill }) => {
    expect(skill.name).toBe('Large Language Models');
    const distances = skill.prerequisites.edges.map((edge: any) => edge.distance);
    expect(distances[0]).toBe(1);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(skill.prerequisites.totalCount).toBeGreaterThanOrEqual(distances.length);
    expect(Math.max(...distances)).toBeGreaterThan(1);
    expect(skill.roles.edges.length).toBeGreaterThan(0);
  },
  '40-filtered-lists.graphql': ({ skills, roles }) => {
    expect(skills.edges.length).toBeGreaterThan(0);
    expect(skills.totalCount).toBeGreaterThanOrEqual(skills.edges.length);
    expect(names(roles.edges.map((edge: any) => edge.node))).toContain('MLOps Engineer');
    expect(roles.totalCount).toBe(roles.edges.length);
  },
  '50-skill-gap.graphql': ({ skillGap }) => {
    expect(skillGap.missingEssential.length).toBeGreaterThan(0);
    expect(skillGap.hoursToClose).toBeGreaterThan(0);
    expect(skillGap.coverage).toBeGreaterThan(0);
    expect(skillGap.coverage).toBeLessThan(1);
    // knowing Docker counts
    expect(names(skillGap.covered)).toContain('Containerization');
    expect(names(skillGap.missingEssential)).not.toContain('Containerization');
  },
  '51-learning-plan.graphql': ({ learningPlan }) => {
    const { steps, totalHours } = learningPlan;
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.map((step: any) => step.position)).toEqual(steps.map((_: unknown, i: number) => i + 1));
    expect(totalHours).toBe(steps.reduce((sum: number, step: any) => sum + step.hours, 0));
    // every skill after its prerequisites: what a step unlocks comes later
    const position = new Map(steps.map((step: any) => [step.skill.name, step.position]));
    for (const step of steps)
      for (const { name } of step.unlocks) expect(position.get(name)).toBeGreaterThan(step.position);
  },
  '60-role-overlap.graphql': ({ roleOverlap, similarRoles }) => {
    expect(roleOverlap.sharedSkills.length).toBeGreaterThan(0);
    expect(roleOverlap.jaccard).toBeGreaterThan(0);
    expect(roleOverlap.jaccard).toBeLessThan(1);
    expect(similarRoles.length).toBeGreaterThan(0);
    expect(similarRoles.length).toBeLessThanOrEqual(5);
    expect(isDescending(similarRoles.map((similar: any) => similar.jaccard))).toBe(true);
    expect(names(similarRoles.map((similar: any) => similar.role))).not.toContain('Prompt Engineer');
  },
  '61-overlap-matrix.graphql': ({ overlapMatrix }) => {
    const { roles, jaccard } = overlapMatrix;
    expect(names(roles)).toEqual(['Data Scientist', 'Machine Learning Engineer', 'MLOps Engineer', 'Data Engineer']);
    expect(jaccard).toHaveLength(4);
    jaccard.forEach((row: number[], i: number) => {
      expect(row).toHaveLength(4);
      row.forEach((value, j) => {
        expect(value).toBe(jaccard[j][i]);
        if (i === j) expect(value).toBe(1);
        else expect(value).toBeLessThan(1);
      });
    });
    expect(jaccard.flat().filter((value: number) => value > 0 && value < 1).length).toBeGreaterThan(0);
  },
  '62-bridge-skills.graphql': ({ bridgeSkills }) => {
    expect(bridgeSkills).toHaveLength(10);
    expect(bridgeSkills[0].score).toBeGreaterThan(0);
    expect(isDescending(bridgeSkills.map((bridge: any) => bridge.score))).toBe(true);
  },
};

describe('the GraphiQL example tabs on the seed graph', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });

  it('open as tabs of GraphiQL', async () => {
    const response = await helper.app().fetch('http://yoga/graphql', {
      headers: { accept: 'text/html' },
    });
    const html = await response.text();
    const examples = loadExampleQueries();
    for (const { file, query } of examples) {
      const name = /query (\w+)/.exec(query)?.[1];
      expect(name, `${file} names its operation`).toBeDefined();
      expect(html).toContain(name);
    }
    // one tab per example, in file order, holding the example as it is
    const config = JSON.parse(
      /<script id="graphiql-config" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}',
    );
    expect(config.options?.defaultTabs).toEqual(examples.map(({ query }) => ({ query })));
  });

  for (const { file, query } of loadExampleQueries()) {
    it(`${file} runs without errors and finds data`, async () => {
      const { body } = await helper.graphql(query);
      expect(body.errors).toBeUndefined();
      for (const [field, value] of Object.entries(body.data ?? {})) {
        expect(value, field).not.toBeNull();
        if (Array.isArray(value)) expect(value.length, field).toBeGreaterThan(0);
      }
      const check = intended[file];
      expect(check, `what ${file} is meant to show is written down here`).toBeDefined();
      check?.(body.data);
    });
  }
});

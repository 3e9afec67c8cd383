import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import { TestHelper } from '../support/test-helper.js';

/**
 * Cases the look-ahead (src/graphql/page-plan.ts) must answer as the field-by-field resolvers did: each is
 * compared with the same data asked another way, one field at a time.
 */
describe('look-ahead, reviewed', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let app: App;
  beforeAll(() => {
    app = helper.app();
  });

  interface SkillNode {
    key: string;
    name?: string;
    description?: string;
  }
  const nodesOf = (connection: { edges: { node: SkillNode }[] }) => connection.edges.map((edge) => edge.node);
  /** Each skill's name and description, asked of the skill alone. */
  const skillsAlone = async (keys: string[]) =>
    Promise.all(
      keys.map(
        async (key) =>
          (
            await helper.data('query ($key: String!) { skill(key: $key) { name description } }', {
              app,
              variables: { key },
            })
          ).skill as { name: string; description: string },
      ),
    );

  it('plans a field of a fragment spread in two places by what each place selects', async () => {
    // `...Skills` alone for the first role; merged with a second selection of the same field for the
    // second. The fragment's field node is the same object in both places: a plan kept by it alone gave
    // the second role's skills the first place's properties (no description: an empty string).
    const data = await helper.data(
      `{
        first: role(key: "ai-engineer") { ...Skills }
        second: role(key: "data-scientist") { ...Skills skills(first: 3) { edges { node { key description } } } }
      }
      fragment Skills on Role { skills(first: 3) { edges { node { key name } } } }`,
      { app },
    );
    const skills = nodesOf(data.second.skills);
    expect(skills).toHaveLength(3);
    const alone = await skillsAlone(skills.map((skill) => skill.key));
    expect(skills.map(({ name, description }) => ({ name, description }))).toEqual(alone);
    expect(alone.every(({ description }) => description.length > 20)).toBe(true);
    expect(nodesOf(data.first.skills).every((skill) => skill.name && skill.description === undefined)).toBe(true);
  });

  it('plans a nested page of a fragment spread under two lists by what each list selects', async () => {
    const data = await helper.data(
      `{
        roles(first: 2) { edges { node { key ...Skills } } }
        tools(first: 2, filter: { text: "python" }) { edges { node { roles(first: 2) { edges { node {
          key ...Skills skills(first: 2) { edges { node { key description } } }
        } } } } } }
      }
      fragment Skills on Role { skills(first: 2) { edges { node { key name } } } }`,
      { app },
    );
    const nested = data.tools.edges.flatMap((tool: { node: { roles: { edges: { node: { skills: never } }[] } } }) =>
      tool.node.roles.edges.flatMap((role) => nodesOf(role.node.skills)),
    ) as SkillNode[];
    expect(nested.length).toBeGreaterThan(0);
    const alone = await skillsAlone(nested.map((skill) => skill.key));
    expect(nested.map(({ name, description }) => ({ name, description }))).toEqual(alone);
  });
});

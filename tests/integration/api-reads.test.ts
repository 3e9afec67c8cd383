import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import { TestHelper } from '../support/test-helper.js';

describe('reading the seed graph through GraphQL', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let app: App;
  beforeAll(() => {
    app = helper.app();
  });

  describe('lookups', () => {
    it('finds a role by name ignoring case, by alias and by key', async () => {
      const data = await helper.data(
        `{
        byName: role(name: "data SCIENTIST") { key name }
        byAlias: role(name: "ml engineer") { key }
        byKey: role(key: "mlops-engineer") { name }
        missing: role(name: "Astronaut") { key }
        wrongKind: role(key: "statistics") { key }
      }`,
        { app },
      );
      expect(data).toEqual({
        byName: { key: 'data-scientist', name: 'Data Scientist' },
        byAlias: { key: 'machine-learning-engineer' },
        byKey: { name: 'MLOps Engineer' },
        missing: null,
        wrongKind: null,
      });
    });

    it('finds skills and tools the same way', async () => {
      const data = await helper.data(
        '{ tool(name: "K8S") { key kind } skill(name: "llms") { key learningHours category } }',
        { app },
      );
      expect(data.tool).toEqual({ key: 'kubernetes', kind: 'platform' });
      expect(data.skill.key).toBe('large-language-models');
      expect(data.skill.learningHours).toBeGreaterThan(0);
    });

    it('round-trips Relay global ids through node and nodes', async () => {
      const { role, tool } = await helper.data('{ role(key: "data-scientist") { id } tool(key: "pandas") { id } }', {
        app,
      });
      expect(Buffer.from(role.id, 'base64').toString()).toBe('Role:data-scientist');
      const data = await helper.data(
        `query ($ids: [ID!]!, $id: ID!) {
          node(id: $id) { id ... on Role { name } }
          nodes(ids: $ids) { __typename ... on Entity { key } }
        }`,
        {
          app,
          variables: { id: role.id, ids: [tool.id, role.id, Buffer.from('Skill:no-such-skill').toString('base64')] },
        },
      );
      expect(data.node).toEqual({ id: role.id, name: 'Data Scientist' });
      expect(data.nodes).toEqual([
        { __typename: 'Tool', key: 'pandas' },
        { __typename: 'Role', key: 'data-scientist' },
        null,
      ]);
    });

    it('gives every Entity its Relay global id: the same as Role.id, Skill.id and Tool.id', async () => {
      const data = await helper.data(
        `{
          role(key: "data-scientist") { id }
          search(text: "python", kinds: [SKILL, TOOL], first: 3) { node { __typename key id } }
          shortestPath(from: "data-scientist", to: "pandas") { nodes { __typename key id } }
        }`,
        { app },
      );
      const entities = [...data.search.map((hit: any) => hit.node), ...data.shortestPath.nodes];
      expect(entities.length).toBeGreaterThan(3);
      for (const entity of entities) {
        expect(Buffer.from(entity.id, 'base64').toString()).toBe(`${entity.__typename}:${entity.key}`);
      }
      expect(data.shortestPath.nodes[0].id).toBe(data.role.id);
    });
  });

  describe('connections', () => {
    it('pages through roles with first/after, totalCount and pageInfo', async () => {
      const all = await helper.data('{ roles(first: 100) { totalCount edges { node { name } } } }', { app });
      const names = all.roles.edges.map((e: any) => e.node.name);
      expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
      expect(all.roles.totalCount).toBe(helper.seed.roles.length);

      const first = await helper.data(
        '{ roles(first: 5) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { name } } } }',
        { app },
      );
      expect(first.roles.edges.map((e: any) => e.node.name)).toEqual(names.slice(0, 5));
      expect(first.roles.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const second = await helper.data(
        'query ($after: String) { roles(first: 5, after: $after) { pageInfo { hasPreviousPage } edges { node { name } } } }',
        {
          app,
          variables: {
            after: first.roles.pageInfo.endCursor,
          },
        },
      );
      expect(second.roles.edges.map((e: any) => e.node.name)).toEqual(names.slice(5, 10));
      expect(second.roles.pageInfo.hasPreviousPage).toBe(true);
    });

    it('filters and orders lists', async () => {
      const seedRole = helper.seed.roles.find((r) => r.key === 'mlops-engineer');
      const essential = seedRole?.skills
        .filter((s) => s.importance === 'ESSENTIAL')
        .map((s) => s.skill)
        .sort();
      const data = await helper.data(
        `{
        essential: skills(filter: { requiredBy: "MLOps Engineer", importance: ESSENTIAL }, first: 100) { totalCount edges { node { key } } }
        k8sRoles: roles(filter: { usesTool: "k8s" }, first: 100) { edges { node { key } } }
        frameworks: tools(filter: { kind: "framework" }, first: 100) { totalCount }
        byText: skills(filter: { text: "NEURAL" }, first: 100) { edges { node { name aliases } } }
        mostConnected: skills(orderBy: { field: CONNECTIONS, direction: DESC }, first: 3) { edges { node { key } } }
        descending: tools(orderBy: { field: NAME, direction: DESC }, first: 2) { edges { node { name } } }
      }`,
        { app },
      );
      expect(data.essential.edges.map((e: any) => e.node.key).sort()).toEqual(essential);
      const usingKubernetes = helper.seed.roles.filter((r) => r.tools.includes('kubernetes')).map((r) => r.key);
      expect(data.k8sRoles.edges.map((e: any) => e.node.key).sort()).toEqual(usingKubernetes.sort());
      expect(data.frameworks.totalCount).toBe(helper.seed.tools.filter((t) => t.kind === 'framework').length);
      expect(data.byText.edges.length).toBeGreaterThan(0);
      for (const { node } of data.byText.edges) {
        expect([node.name, ...node.aliases].some((label: string) => label.toLowerCase().includes('neural'))).toBe(true);
      }
      const degree = (key: string) =>
        helper.seed.roles.filter((r) => r.skills.some((s) => s.skill === key)).length +
        helper.seed.tools.filter((t) => t.supports.includes(key)).length +
        helper.seed.skills.filter((s) => s.prerequisites.includes(key) || s.related.includes(key)).length +
        (helper.seed.skills.find((s) => s.key === key)?.prerequisites.length ?? 0) +
        (helper.seed.skills.find((s) => s.key === key)?.related.length ?? 0);
      const degrees = data.mostConnected.edges.map((e: any) => degree(e.node.key));
      const maxDegree = Math.max(...helper.seed.skills.map((s) => degree(s.key)));
      expect(degrees[0]).toBe(maxDegree);
      expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
      const toolNames = helper.seed.tools
        .map((t) => t.name)
        .sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase()));
      expect(data.descending.edges.map((e: any) => e.node.name)).toEqual(toolNames.slice(0, 2));
    });

    it('walks relationships with their properties on the edges', async () => {
      const data = await helper.data(
        `{
        role(key: "data-scientist") {
          skills(first: 100) { totalCount edges { importance level node { key } } }
          advanced: skills(minLevel: 4, first: 100) { edges { level } }
          tools(first: 100) { edges { node { key } } }
        }
      }`,
        { app },
      );
      const seedRole = helper.seed.roles.find((r) => r.key === 'data-scientist');
      expect(data.role.skills.totalCount).toBe(seedRole?.skills.length);
      expect(
        data.role.skills.edges
          .map((e: any) => ({ skill: e.node.key, importance: e.importance, level: e.level }))
          .sort((a: any, b: any) => a.skill.localeCompare(b.skill)),
      ).toEqual([...(seedRole?.skills ?? [])].sort((a, b) => a.skill.localeCompare(b.skill)));
      const importances = data.role.skills.edges.map((e: any) => e.importance);
      expect(importances.indexOf('OPTIONAL')).toBeGreaterThan(importances.lastIndexOf('ESSENTIAL'));
      expect(data.role.advanced.edges.every((e: any) => e.level >= 4)).toBe(true);
      expect(data.role.tools.edges.map((e: any) => e.node.key).sort()).toEqual([...(seedRole?.tools ?? [])].sort());
    });

    it('gives direct and transitive prerequisites, unlocks and related skills', async () => {
      const data = await helper.data(
        `{
        skill(key: "large-language-models") {
          direct: prerequisites(first: 100) { edges { distance node { key } } }
          all: prerequisites(transitive: true, first: 100) { totalCount edges { distance node { key } } }
        }
        transformers: skill(key: "transformers") { unlocks(first: 100) { edges { node { key } } } }
      }`,
        { app },
      );
      const prerequisitesOf = new Map(helper.seed.skills.map((s) => [s.key, s.prerequisites]));
      const direct = prerequisitesOf.get('large-language-models') ?? [];
      expect(data.skill.direct.edges.map((e: any) => e.node.key).sort()).toEqual([...direct].sort());
      const distances = new Map<string, number>();
      let frontier = direct;
      for (let distance = 1; frontier.length > 0; distance++) {
        const next: string[] = [];
        for (const key of frontier) {
          if (distances.has(key)) continue;
          distances.set(key, distance);
          next.push(...(prerequisitesOf.get(key) ?? []));
        }
        frontier = next;
      }
      expect(data.skill.all.totalCount).toBe(distances.size);
      expect(Object.fromEntries(data.skill.all.edges.map((e: any) => [e.node.key, e.distance]))).toEqual(
        Object.fromEntries(distances),
      );
      const unlocked = helper.seed.skills.filter((s) => s.prerequisites.includes('transformers')).map((s) => s.key);
      expect(data.transformers.unlocks.edges.map((e: any) => e.node.key).sort()).toEqual(unlocked.sort());
    });

    it('treats RELATED_TO as symmetric', async () => {
      const pair = helper.seed.skills.find((s) => s.related.length > 0);
      if (!pair) throw new Error('the seed has related skills');
      const other = pair.related[0];
      const data = await helper.data(
        'query ($a: String!, $b: String!) { a: skill(key: $a) { related(first: 100) { edges { node { key } } } } b: skill(key: $b) { related(first: 100) { edges { node { key } } } } }',
        {
          app,
          variables: {
            a: pair.key,
            b: other,
          },
        },
      );
      expect(data.a.related.edges.map((e: any) => e.node.key)).toContain(other);
      expect(data.b.related.edges.map((e: any) => e.node.key)).toContain(pair.key);
    });
  });

  describe('search', () => {
    it('puts an exact alias first: "k8s" gives Kubernetes', async () => {
      const data = await helper.data('{ search(text: "k8s") { score node { __typename key } } }', { app });
      expect(data.search[0].node).toEqual({ __typename: 'Tool', key: 'kubernetes' });
    });

    it('completes prefixes and tolerates small typos', async () => {
      const data = await helper.data(
        `{
        prefix: search(text: "pytor") { node { key } }
        typo: search(text: "kubernetis") { node { key } }
        words: search(text: "data sci") { node { key } }
      }`,
        { app },
      );
      expect(data.prefix[0].node.key).toBe('pytorch');
      expect(data.typo[0].node.key).toBe('kubernetes');
      expect(data.words[0].node.key).toBe('data-scientist');
    });

    it('ranks by score, limits to kinds and to first', async () => {
      const data = await helper.data(
        '{ search(text: "learning", kinds: [ROLE, TOOL], first: 4) { score node { __typename } } }',
        { app },
      );
      expect(data.search.length).toBeLessThanOrEqual(4);
      expect(data.search.every((hit: any) => hit.node.__typename !== 'Skill')).toBe(true);
      const scores = data.search.map((hit: any) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect((await helper.data('{ search(text: "  ") { score } }', { app })).search).toEqual([]);
    });
  });

  describe('batching', () => {
    const nested = `query ($first: Int!) {
      roles(first: $first) { edges { node { name skills(first: 20) { edges { node { name tools(first: 10) { edges { node { name } } } } } } } } }
    }`;

    it("lists N roles with their skills and each skill's tools in a number of round trips that does not grow with N", async () => {
      const trips = (first: number) =>
        helper.countQueries(async () => {
          const { body } = await helper.graphql(nested, { app, variables: { first } });
          expect(body.errors).toBeUndefined();
          expect(body.data.roles.edges).toHaveLength(Math.min(first, helper.seed.roles.length));
        });
      const forTwo = await trips(2);
      const forAll = await trips(helper.seed.roles.length);
      // The graph version, then roles with their skills and the skills' tools in one statement.
      expect(forTwo).toBe(2);
      expect(forAll).toBe(forTwo);
    });

    it('batches lookups by key and name into one round trip each', async () => {
      const queries = await helper.countQueries(() =>
        helper.data(
          '{ a: role(key: "data-scientist") { key } b: role(key: "mlops-engineer") { key } c: tool(name: "k8s") { key } d: skill(name: "Statistics") { key } }',
          { app },
        ),
      );
      // The graph version, then one look-up by key and one by name.
      expect(queries).toBe(3);
    });
  });
});

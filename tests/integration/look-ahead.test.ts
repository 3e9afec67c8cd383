import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadRelationshipPages,
  type PagePlan,
  RELATIONSHIP_FIELDS,
  type RelationshipField,
  type RelationshipPage,
  type RelationshipPageRequest,
  WHOLE_NODES,
} from '../../src/queries/relationship-queries.js';
import type { App } from '../../src/server/app.js';
import { TestHelper } from '../support/test-helper.js';

/**
 * Look-ahead: a connection's resolver fetches, in its own statement, what the query selects of its nodes
 * and the pages of their relationship fields (src/graphql/page-plan.ts). These tests hold it to the
 * field-by-field answer it replaces.
 */
describe('nested selections in one statement', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let app: App;
  beforeAll(() => {
    app = helper.app();
  });

  /** A nested page as the plain loaders give it: each level its own statement, whole nodes. */
  const levelByLevel = async (
    field: RelationshipField,
    keys: string[],
    request: RelationshipPageRequest,
    plan: PagePlan,
  ): Promise<RelationshipPage[]> => {
    const pages = await loadRelationshipPages(helper.database, field, keys, request, WHOLE_NODES);
    for (const [index, child] of plan.nested.entries()) {
      const nodes = pages.flatMap((page) => page.edges.map((edge) => edge.node.key));
      const children = await levelByLevel(child.field, nodes, child.request, child.plan);
      const byKey = new Map(nodes.map((key, i) => [key, children[i] as RelationshipPage]));
      for (const edge of pages.flatMap((page) => page.edges)) {
        edge.nested ??= [];
        edge.nested[index] = byKey.get(edge.node.key) as RelationshipPage;
      }
    }
    return pages;
  };
  /** Only what a plan of these properties fetches of each node, at every depth. */
  const keep = (pages: RelationshipPage[], properties: string[]): unknown =>
    pages.map((page) => ({
      totalCount: page.totalCount,
      edges: page.edges.map(({ node, nested, ...edge }) => ({
        ...edge,
        node: Object.fromEntries(['label', ...properties].map((property) => [property, node[property as 'key']])),
        ...(nested && { nested: keep(nested, properties) }),
      })),
    }));

  it.each(Object.keys(RELATIONSHIP_FIELDS))(
    '%s with two nested fields gives what the fields give one by one',
    async (name) => {
      const field = name as keyof typeof RELATIONSHIP_FIELDS;
      const parentLabel = name.split('.')[0] as string;
      const [parents, related] = await Promise.all([
        helper.database.readQuery(`MATCH (n:${parentLabel}) RETURN n.key AS key ORDER BY key`),
        helper.database.readQuery(`RETURN EXISTS { MATCH ${RELATIONSHIP_FIELDS[field].pattern} } AS any`),
      ]);
      const keys = parents.records.map((record) => record.get('key') as string);
      const properties = ['key', 'name'] as const;
      const leaf: PagePlan = { properties, nested: [] };
      const childFields = (Object.keys(RELATIONSHIP_FIELDS) as RelationshipField[]).filter((other) =>
        RELATIONSHIP_FIELDS[field].pattern.includes(`(node:${other.split('.')[0]})`),
      );
      const plan: PagePlan = {
        properties,
        nested: childFields.slice(0, 2).map((child, i) => ({
          field: child,
          request: { filter: {}, offset: i, limit: 3 },
          plan: leaf,
        })),
      };
      const request = { filter: {}, offset: 1, limit: 4 };
      const inOne = await loadRelationshipPages(helper.database, field, keys, request, plan);
      const expected = await levelByLevel(field, keys, request, plan);
      expect(keep(inOne, [...properties])).toEqual(keep(expected, [...properties]));
      // The seed relates no roles to roles (O*NET imports do): that field's pages are empty here.
      expect(inOne.some((page) => page.edges.length > 0)).toBe(related.records[0]?.get('any'));
    },
  );

  it('keeps the filters and windows of each level, transitive prerequisites included', async () => {
    const plan: PagePlan = {
      properties: 'all',
      nested: [
        {
          field: 'Skill.prerequisites.transitive',
          request: { filter: {}, offset: 0, limit: 50 },
          plan: WHOLE_NODES,
        },
      ],
    };
    const request = { filter: { importance: 'ESSENTIAL', minLevel: 3 }, offset: 0, limit: 10 };
    const keys = ['machine-learning-engineer', 'mlops-engineer', 'ai-engineer'];
    const inOne = await loadRelationshipPages(helper.database, 'Role.skills', keys, request, plan);
    const expected = await levelByLevel('Role.skills', keys, request, plan);
    expect(inOne).toEqual(expected);
    const distances = inOne.flatMap((page) =>
      page.edges.flatMap((edge) => edge.nested?.[0]?.edges.map((prerequisite) => prerequisite.distance) ?? []),
    );
    expect(Math.max(...(distances as number[]))).toBeGreaterThan(1);
  });

  const nestedQuery = `query ($first: Int!, $withTools: Boolean!) {
    roles(first: $first) { edges { node { key
      essential: skills(first: 5, importance: ESSENTIAL) { totalCount edges { level node { ...Named tools(first: 2) @include(if: $withTools) { edges { node { key } } } } } }
      all: skills(first: 3) { edges { node { ... on Skill { key category learningHours } } } }
    } } }
  }
  fragment Named on Entity { key name }`;

  it('answers aliases, fragments and @include in one statement after the version, as field by field', async () => {
    const statements = await helper.countQueries(async () => {
      const data = await helper.data(nestedQuery, { app, variables: { first: 50, withTools: true } });
      const roles = data.roles.edges.map((edge: { node: unknown }) => edge.node);
      expect(roles.length).toBeGreaterThan(10);
      // The same data asked of each role on its own (the role by key: another route to the same fields).
      for (const role of roles.slice(0, 4)) {
        const alone = await helper.data(
          `query ($key: String!, $withTools: Boolean!) { role(key: $key) { key
            essential: skills(first: 5, importance: ESSENTIAL) { totalCount edges { level node { key name tools(first: 2) @include(if: $withTools) { edges { node { key } } } } } }
            all: skills(first: 3) { edges { node { ... on Skill { key category learningHours } } } }
          } }`,
          { app, variables: { key: role.key, withTools: true } },
        );
        expect(alone.role).toEqual(role);
      }
    });
    // 2 for the list (version, one statement) and, for each role alone, the version, the role and its two
    // pages (each with its nested pages).
    expect(statements).toBe(2 + 4 * 4);
    const withoutTools = await helper.data(nestedQuery, { app, variables: { first: 2, withTools: false } });
    expect(withoutTools.roles.edges[0].node.essential.edges[0].node.tools).toBeUndefined();
  });

  it('reports a nested argument it refuses at its own path, and answers the rest', async () => {
    const { body } = await helper.graphql(
      '{ roles(first: 2) { edges { node { key skills(first: 2) { edges { node { key tools(first: 1000) { totalCount } } } } } } } }',
      { app },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(body.errors?.[0]?.path).toEqual(['roles', 'edges', 0, 'node', 'skills', 'edges', 0, 'node', 'tools']);
  });

  it('fetches what a nested node selects, and never caches a partial node as the whole one', async () => {
    const data = await helper.data(
      `{ roles(first: 1, filter: { text: "data scientist" }) { edges { node { skills(first: 30) { edges { node { key } } } } } }
         skill(key: "statistics") { key name description aliases learningHours }
         role(key: "data-scientist") { skills(first: 30) { edges { node { key description sameAs { key } } } } } }`,
      { app },
    );
    const statistics = data.role.skills.edges.find(
      (edge: { node: { key: string } }) => edge.node.key === 'statistics',
    )?.node;
    expect(statistics.description).toBe(data.skill.description);
    expect(data.skill.description.length).toBeGreaterThan(20);
    expect(data.skill.name).toBe('Statistics');
  });
});

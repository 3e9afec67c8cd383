import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { TestHelper } from '../support/test-helper.js';

/** Rankings and gaps on the curated seed, each checked against an independent computation. */
describe('whole-graph questions: skill and tool demand, gaps to a role', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let app: ReturnType<TestHelper['app']>;
  beforeAll(() => {
    app = helper.app();
  });

  const csvOf = async (path: string) => {
    const response = await app.fetch(`http://yoga${path}`);
    expect(response.status, path).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    return parse(await response.text(), { columns: true }) as Record<string, string>[];
  };

  /** Raw Cypher, counted in the test: every (role, skill, importance) requirement. */
  async function skillDemandByHand() {
    const rows = await helper.database.read(async (tx) =>
      (
        await tx.run(
          'MATCH (r:Role)-[q:REQUIRES]->(s:Skill) RETURN r.key AS role, s.key AS skill, q.importance AS importance',
        )
      ).records.map((r) => ({ role: r.get('role'), skill: r.get('skill'), importance: r.get('importance') })),
    );
    const bySkill = new Map<string, Map<string, boolean>>();
    for (const { role, skill, importance } of rows) {
      const roles = bySkill.get(skill) ?? new Map<string, boolean>();
      roles.set(role, (roles.get(role) ?? false) || importance === 'ESSENTIAL');
      bySkill.set(skill, roles);
    }
    return [...bySkill]
      .map(([skill, roles]) => {
        const essential = [...roles.values()].filter(Boolean).length;
        return { skill, roles: roles.size, essential, optional: roles.size - essential };
      })
      .sort((a, b) => b.roles - a.roles || b.essential - a.essential || (a.skill < b.skill ? -1 : 1));
  }

  it('skillDemand pages through the ranking raw Cypher counts, and the CSV holds all of it', async () => {
    const expected = await skillDemandByHand();
    const seen: unknown[] = [];
    for (let offset = 0; offset < expected.length + 10; offset += 40) {
      const { skillDemand } = await helper.data(
        `{ skillDemand(first: 40, offset: ${offset}) { rank skill { key } roles essential optional } }`,
        { app },
      );
      seen.push(
        ...skillDemand.map((row: any, i: number) => {
          expect(row.rank).toBe(offset + i + 1);
          return { skill: row.skill.key, roles: row.roles, essential: row.essential, optional: row.optional };
        }),
      );
    }
    expect(seen).toEqual(expected);
    expect(expected[0]?.roles).toBeGreaterThan(3);

    const csv = await csvOf('/export/skill-demand.csv');
    expect(
      csv.map((r) => ({
        skill: r.key,
        roles: Number(r.roles),
        essential: Number(r.essential),
        optional: Number(r.optional),
      })),
    ).toEqual(expected);
    expect(csv.map((r) => r.rank)).toEqual(expected.map((_, i) => String(i + 1)));
    expect(csv[0]?.source).toBe('seed');
    expect(csv[0]?.name).not.toBe('');
  });

  it('toolDemand equals raw Cypher counts, by roles then key; the source filter keeps only those nodes', async () => {
    const uses = await helper.database.read(async (tx) =>
      (await tx.run('MATCH (r:Role)-[:USES]->(t:Tool) RETURN r.key AS role, t.key AS tool')).records.map((r) => ({
        role: r.get('role') as string,
        tool: r.get('tool') as string,
      })),
    );
    const byTool = new Map<string, Set<string>>();
    for (const { role, tool } of uses) byTool.set(tool, (byTool.get(tool) ?? new Set()).add(role));
    const expected = [...byTool]
      .map(([tool, roles]) => ({ tool, roles: roles.size }))
      .sort((a, b) => b.roles - a.roles || (a.tool < b.tool ? -1 : 1));
    const { toolDemand } = await helper.data(`{ toolDemand(first: 100) { rank tool { key } roles } }`, { app });
    expect(toolDemand.map((row: any) => ({ tool: row.tool.key, roles: row.roles }))).toEqual(expected.slice(0, 100));
    const csv = await csvOf('/export/tool-demand.csv?source=seed');
    expect(csv.map((r) => ({ tool: r.key, roles: Number(r.roles) }))).toEqual(expected);

    // The seed holds only seed nodes: another source leaves nothing to rank.
    const { none } = await helper.data('{ none: toolDemand(source: [ESCO]) { roles } }', { app });
    expect(none).toEqual([]);
    expect(await csvOf('/export/skill-demand.csv?source=onet,esco')).toEqual([]);
  });

  it('gapsTo equals skillGap from every role, ranked by hours then key; the CSV holds every role', async () => {
    const { roles } = await helper.data('{ roles(first: 100) { edges { node { key name } } } }', { app });
    const keys: string[] = roles.edges.map((edge: any) => edge.node.key);
    for (const target of ['mlops-engineer', 'data-scientist']) {
      const expected: { role: string; hours: number; coverage: number }[] = [];
      for (const role of keys.filter((key) => key !== target)) {
        const { skillGap } = await helper.data(
          `{ skillGap(from: { role: "${role}" }, to: "${target}") { hoursToClose coverage } }`,
          { app },
        );
        expected.push({ role, hours: skillGap.hoursToClose, coverage: skillGap.coverage });
      }
      expected.sort((a, b) => a.hours - b.hours || (a.role < b.role ? -1 : 1));

      const { gapsTo } = await helper.data(
        `{ gapsTo(role: "${target}", first: 100) { target { key } total gaps { rank role { key } hours coverage } } }`,
        { app },
      );
      expect(gapsTo.target.key).toBe(target);
      expect(gapsTo.total).toBe(keys.length - 1);
      expect(gapsTo.gaps.map((g: any) => ({ role: g.role.key, hours: g.hours, coverage: g.coverage }))).toEqual(
        expected,
      );
      expect(gapsTo.gaps.map((g: any) => g.rank)).toEqual(expected.map((_, i) => i + 1));

      const page = await helper.data(
        `{ gapsTo(role: "${target}", first: 5, offset: 3) { gaps { rank role { key } } } }`,
        {
          app,
        },
      );
      expect(page.gapsTo.gaps.map((g: any) => g.role.key)).toEqual(expected.slice(3, 8).map((g) => g.role));

      const csv = await csvOf(`/export/gaps-to.csv?role=${encodeURIComponent(target)}`);
      expect(csv.map((r) => ({ role: r.key, hours: Number(r.hours), coverage: Number(r.coverage) }))).toEqual(expected);
      const names = new Map(roles.edges.map((edge: any) => [edge.node.key, edge.node.name]));
      expect(csv.map((r) => r.name)).toEqual(expected.map((g) => names.get(g.role)));
    }
  });

  it('the CSV exports refuse unknown, repeated and missing options, and bad values, naming them', async () => {
    const cases: [string, number, string, string][] = [
      ['/export/skill-demand.csv?kind=skill', 400, 'BAD_USER_INPUT', 'kind'],
      ['/export/skill-demand.csv?source=seed&source=esco', 400, 'BAD_USER_INPUT', 'source'],
      ['/export/tool-demand.csv?source=nowhere', 400, 'BAD_USER_INPUT', 'source'],
      ['/export/gaps-to.csv', 400, 'BAD_USER_INPUT', 'role'],
      ['/export/gaps-to.csv?role=mlops-engineer&role=data-scientist', 400, 'BAD_USER_INPUT', 'role'],
      ['/export/gaps-to.csv?role=no-such-role-at-all', 404, 'NOT_FOUND', 'role'],
    ];
    for (const [path, status, code, argument] of cases) {
      const response = await app.fetch(`http://yoga${path}`);
      expect(response.status, path).toBe(status);
      const { errors } = await response.json();
      expect(errors[0].extensions.code, path).toBe(code);
      expect(JSON.stringify(errors[0]), path).toContain(argument);
    }
    expect((await app.fetch('http://yoga/export/skill-demand.csv', { method: 'POST' })).status).toBe(405);
  });

  it('GraphQL pages are bounded by the page size limit', async () => {
    const { error } = await helper.errorOf('{ skillDemand(first: 101) { roles } }', { app });
    expect(error.extensions?.code).toBe('LIMIT_EXCEEDED');
    const { error: negative } = await helper.errorOf('{ gapsTo(role: "mlops-engineer", offset: -1) { total } }', {
      app,
    });
    expect(negative.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('roleClusters: every role in exactly one cluster, the same answer each time, named parameters; the CSV agrees', async () => {
    const query = `{ roleClusters { algorithm resolution seed essentialWeight optionalWeight modularity nodeCount edgeCount
      clusterCount clusters(first: 100) { id size roles(first: 100) { key } topSkills(first: 3) { key } } } }`;
    const { roleClusters } = await helper.data(query, { app });
    expect(roleClusters.algorithm).toMatch(/Louvain/);
    expect(roleClusters).toMatchObject({ resolution: 1, essentialWeight: 2, optionalWeight: 1 });
    expect(roleClusters.modularity).toBeGreaterThan(0);
    const roleKeys = await helper.database.read(async (tx) =>
      (await tx.run('MATCH (r:Role) RETURN r.key AS key')).records.map((r) => r.get('key') as string),
    );
    const placed = roleClusters.clusters.flatMap((c: any) => c.roles.map((r: any) => r.key));
    expect([...placed].sort()).toEqual([...roleKeys].sort());
    expect(roleClusters.clusterCount).toBe(roleClusters.clusters.length);
    expect(roleClusters.clusters.map((c: any) => c.size)).toEqual(
      roleClusters.clusters.map((c: any) => c.roles.length),
    );

    // A new app computes it again in another worker: the same answer.
    expect((await helper.data(query, { app: helper.app() })).roleClusters).toEqual(roleClusters);

    const csv = await csvOf('/export/role-clusters.csv');
    expect(csv.map((r) => [r.role, Number(r.cluster)])).toEqual(
      roleClusters.clusters.flatMap((c: any) => c.roles.map((r: any) => [r.key, c.id])),
    );
    const { none } = await helper.data('{ none: roleClusters(source: [ESCO]) { clusterCount nodeCount } }', { app });
    expect(none).toEqual({ clusterCount: 0, nodeCount: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import type { ImportSet } from '../../src/import/import-model.js';
import { ImportWriteError, writeImport } from '../../src/import/write-import.js';
import { readGraphVersion } from '../../src/queries/graph-version.js';
import type { SeedGraph } from '../../src/seed/seed-model.js';
import { graphFixture, TestHelper } from '../support/test-helper.js';

const OCCUPATION = 'http://data.europa.eu/esco/occupation/0000aaaa-0000-4000-8000-000000000001';
const SKILL = 'http://data.europa.eu/esco/skill/';

function escoRelease(overrides: Partial<ImportSet> = {}): ImportSet {
  return {
    release: {
      name: 'esco',
      version: 'v1.1.1',
      title: 'ESCO',
      licence: 'Commission Decision 2011/833/EU',
      attribution: 'This service uses the ESCO classification of the European Commission.',
      url: 'https://esco.ec.europa.eu',
    },
    nodes: [
      {
        label: 'Role',
        key: 'esco-0000aaaa-0000-4000-8000-000000000001',
        sourceId: OCCUPATION,
        name: 'data scientist',
        aliases: ['data science specialist'],
        description: 'Finds meaning in data.',
      },
      ...['1', '2', '3'].map((n) => ({
        label: 'Skill' as const,
        key: `esco-0000bbbb-0000-4000-8000-00000000000${n}`,
        sourceId: `${SKILL}0000bbbb-0000-4000-8000-00000000000${n}`,
        name: `skill ${n}`,
        aliases: [],
        description: '',
        category: 'knowledge',
        learningHours: 40,
        learningHoursEstimated: true,
      })),
    ],
    relationships: [
      {
        type: 'REQUIRES',
        from: 'esco-0000aaaa-0000-4000-8000-000000000001',
        to: 'esco-0000bbbb-0000-4000-8000-000000000002',
        properties: { importance: 'ESSENTIAL', level: 3, levelEstimated: true },
      },
      {
        type: 'REQUIRES',
        from: 'esco-0000aaaa-0000-4000-8000-000000000001',
        to: 'esco-0000bbbb-0000-4000-8000-000000000003',
        properties: { importance: 'OPTIONAL', level: 2, levelEstimated: true },
      },
      {
        type: 'PREREQUISITE_OF',
        from: 'esco-0000bbbb-0000-4000-8000-000000000001',
        to: 'esco-0000bbbb-0000-4000-8000-000000000002',
        properties: {},
      },
    ],
    skipped: [],
    ...overrides,
  };
}

const seed: SeedGraph = {
  ...graphFixture({
    roles: { 'data-scientist': { skills: [['statistics']], tools: ['apache-spark'] } },
    skills: { statistics: {} },
    tools: { 'apache-spark': { name: 'Apache Spark', aliases: ['PySpark'], supports: ['statistics'] } },
  }),
  links: [{ key: 'data-scientist', esco: OCCUPATION }],
};

async function graphSnapshot(helper: TestHelper): Promise<unknown[]> {
  return helper.database.read(async (tx) => {
    const result = await tx.run(
      `MATCH (n:Entity) OPTIONAL MATCH (n)-[r]->(m:Entity)
       WITH n, r, m ORDER BY n.key, type(r), m.key
       RETURN n.key AS key, properties(n) AS node, collect([type(r), m.key, properties(r)]) AS out`,
    );
    return result.records.map((record) => record.toObject());
  });
}

describe('writing an import', () => {
  const helper = TestHelper.forSuite({ seed });

  it('writes every node and relationship with its source, and links the crosswalk', async () => {
    const report = await writeImport(helper.database, escoRelease(), { links: seed.links });
    expect(report.changed).toBe(true);
    expect(report.nodes.Role).toEqual({ created: 1, updated: 0, unchanged: 0, removed: 0 });
    expect(report.nodes.Skill).toEqual({ created: 3, updated: 0, unchanged: 0, removed: 0 });
    expect(report.relationships.REQUIRES).toEqual({ created: 2, updated: 0, unchanged: 0, removed: 0 });
    expect(report.crosswalk.created).toBe(1);

    const data = await helper.data(`{
      role(key: "data-scientist") { source sourceId sameAs { key source sourceId } }
      imported: role(name: "${OCCUPATION}") {
        key name source
        skills { edges { level levelEstimated importance node { key learningHours learningHoursEstimated } } }
        sameAs { key }
      }
      sources { name version licence attribution nodes }
      shortestPath(from: "statistics", to: "${OCCUPATION}") { steps { relation from { key } to { key } } }
    }`);
    // Look-ups take the source's own id; paths walk the crosswalk.
    expect(data.shortestPath.steps.map((step: { relation: string }) => step.relation)).toEqual(['REQUIRES', 'SAME_AS']);
    expect(data.role).toEqual({
      source: 'SEED',
      sourceId: null,
      sameAs: [{ key: 'esco-0000aaaa-0000-4000-8000-000000000001', source: 'ESCO', sourceId: OCCUPATION }],
    });
    expect(data.imported).toMatchObject({ key: 'esco-0000aaaa-0000-4000-8000-000000000001', source: 'ESCO' });
    expect(data.imported.skills.edges[0]).toMatchObject({
      importance: 'ESSENTIAL',
      level: 3,
      levelEstimated: true,
      node: { learningHours: 40, learningHoursEstimated: true },
    });
    expect(data.imported.sameAs).toEqual([{ key: 'data-scientist' }]);
    // Sums over estimated hours say so.
    const sums = await helper.data(`{
      skillGap(from: { role: "data-scientist" }, to: "esco-0000aaaa-0000-4000-8000-000000000001") { hoursEstimated }
      learningPlan(from: { role: "data-scientist" }, to: "esco-0000aaaa-0000-4000-8000-000000000001") {
        hoursEstimated steps { hoursEstimated }
      }
      curated: skillGap(from: { skills: ["statistics"] }, to: "data-scientist") { hoursEstimated }
    }`);
    expect(sums).toEqual({
      skillGap: { hoursEstimated: true },
      learningPlan: { hoursEstimated: true, steps: [{ hoursEstimated: true }, { hoursEstimated: true }] },
      curated: { hoursEstimated: false },
    });
    expect(data.sources).toEqual([
      expect.objectContaining({ name: 'SEED', nodes: 3 }),
      {
        name: 'ESCO',
        version: 'v1.1.1',
        licence: 'Commission Decision 2011/833/EU',
        attribution: 'This service uses the ESCO classification of the European Commission.',
        nodes: 4,
      },
    ]);
  });

  it('GraphiQL shows the attribution of every source in the graph', async () => {
    const response = await helper
      .app({ graphiql: true })
      .fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    const page = await response.text();
    expect(page).toMatch(
      /<footer class="attribution" aria-label="Data sources">Curated by the SkillGraph project[^<]* · This service uses the ESCO classification of the European Commission.<\/footer>/,
    );
  });

  it('imports the same release a second time without changing anything, not even the graph version', async () => {
    const before = await graphSnapshot(helper);
    const version = await readGraphVersion(helper.database);
    const report = await writeImport(helper.database, escoRelease(), { links: seed.links });
    expect(report.changed).toBe(false);
    expect(report.nodes.Skill).toEqual({ created: 0, updated: 0, unchanged: 3, removed: 0 });
    expect(report.relationships.REQUIRES).toEqual({ created: 0, updated: 0, unchanged: 2, removed: 0 });
    expect(await graphSnapshot(helper)).toEqual(before);
    expect(await readGraphVersion(helper.database)).toBe(version);
  });

  it('a newer release updates what changed and removes what left, leaving the curated graph alone', async () => {
    const release = escoRelease();
    const newer = escoRelease({
      release: { ...release.release, version: 'v1.2.0' },
      // skill 3 left the taxonomy; the role was renamed; the prerequisite was dropped.
      nodes: release.nodes
        .filter((node) => !node.key.endsWith('3'))
        .map((node) => (node.label === 'Role' ? { ...node, name: 'data scientist (renamed)' } : node)),
      relationships: release.relationships.filter((r) => r.type === 'REQUIRES' && !r.to.endsWith('3')),
    });
    const report = await writeImport(helper.database, newer, { links: seed.links });
    expect(report.nodes.Role).toMatchObject({ updated: 1 });
    expect(report.nodes.Skill).toMatchObject({ removed: 1, unchanged: 2 });
    expect(report.relationships.PREREQUISITE_OF).toMatchObject({ removed: 1 });
    // Skill 3 took its REQUIRES with it: counted, though its node went too.
    expect(report.relationships.REQUIRES).toMatchObject({ removed: 1, unchanged: 1 });
    const data = await helper.data(`{
      role(name: "data scientist (renamed)") { key skills { totalCount } }
      curated: role(key: "data-scientist") { skills { edges { node { key } } } sameAs { key } }
      sources { name version }
    }`);
    expect(data.role.skills.totalCount).toBe(1);
    expect(data.curated).toEqual({
      skills: { edges: [{ node: { key: 'statistics' } }] },
      sameAs: [{ key: 'esco-0000aaaa-0000-4000-8000-000000000001' }],
    });
    expect(data.sources).toContainEqual({ name: 'ESCO', version: 'v1.2.0' });
  });

  it('a failed import leaves the graph exactly as it was', async () => {
    const before = await graphSnapshot(helper);
    // The second batch of nodes takes a key the curated graph holds: the whole import must roll back.
    const clash = escoRelease();
    clash.nodes.push({ label: 'Skill', key: 'statistics', sourceId: 'x', name: 'x', aliases: [], description: '' });
    await expect(writeImport(helper.database, clash, { links: seed.links, batchSize: 1 })).rejects.toThrow(
      ImportWriteError,
    );
    await expect(writeImport(helper.database, clash, { links: seed.links })).rejects.toThrow(
      /keys "statistics" \(held by a skill from seed\) are already taken/,
    );
    expect(await graphSnapshot(helper)).toEqual(before);

    // A time limit reached half-way through rolls back what was written so far.
    const big = escoRelease();
    // 2,000 statements: well past 300 ms however fast the machine.
    for (let i = 0; i < 10_000; i++) {
      big.nodes.push({
        label: 'Skill',
        key: `esco-filler-${i}`,
        sourceId: `filler-${i}`,
        name: `filler ${i}`,
        aliases: [],
        description: '',
      });
    }
    await expect(
      writeImport(helper.database, big, { links: seed.links, batchSize: 5, timeoutMs: 300 }),
    ).rejects.toThrow(
      /The esco import write ran past its time limit of 300 ms and was rolled back; nothing was written\./,
    );
    expect(await graphSnapshot(helper)).toEqual(before);
  });

  it('a curated name beats an O*NET technology whose name, and source id, is the same', async () => {
    const release = escoRelease().release;
    await writeImport(helper.database, {
      release: { ...release, name: 'onet', version: '29.3', attribution: 'O*NET attribution.' },
      nodes: ['Apache Spark', 'PySpark'].map((name) => ({
        label: 'Tool' as const,
        key: `onet-tech-${name.toLowerCase().replace(' ', '-')}`,
        sourceId: name,
        name,
        aliases: [],
        description: '',
      })),
      relationships: [],
      skipped: [],
    });
    const data = await helper.data(`{
      tool(name: "apache spark") { key }
      alias: tool(name: "PySpark") { key }
      onet: shortestPath(from: "onet-tech-pyspark", to: "onet-tech-pyspark") { length }
    }`);
    // Name beats alias: PySpark is O*NET's name and only our alias.
    expect(data).toEqual({ tool: { key: 'apache-spark' }, alias: { key: 'onet-tech-pyspark' }, onet: { length: 0 } });
    const unlinked = await helper.graphql('{ tool(name: "15-2051.00") { key } }');
    expect(unlinked.body.data?.tool).toBeNull();
  });
});

import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPORT_CONFIG } from '../../src/config.js';
import { createApiKey } from '../../src/domain/api-keys.js';
import { openGraphExport, parseExportSelection } from '../../src/domain/graph-export.js';
import { NODE_PROPERTY_COLUMNS, RELATIONSHIP_PROPERTY_COLUMNS } from '../../src/export/export-columns.js';
import { bumpGraphVersion } from '../../src/queries/graph-version.js';
import type { App } from '../../src/server/app.js';
import { cliCommand } from '../support/service-process.js';
import { graphFixture, TestHelper } from '../support/test-helper.js';

type Properties = Record<string, unknown>;

/** A digest of nodes (key → properties) and relationships (type from to → properties), order-free. */
function checksum(nodes: [string, Properties][], relationships: [string, Properties][]): string {
  const canonical = (entries: [string, Properties][]) =>
    entries
      .map(
        ([id, properties]) =>
          `${id}=${JSON.stringify(Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : 1)))}`,
      )
      .sort();
  return createHash('sha256')
    .update(JSON.stringify([canonical(nodes), canonical(relationships)]))
    .digest('hex');
}

/** A CSV cell back to the property it was: empty is absent, lists JSON, ints and booleans by column type. */
function fromCell(cell: string, type: string): unknown {
  if (cell === '') return undefined;
  if (type === 'list') return JSON.parse(cell);
  if (type === 'int') return Number(cell);
  if (type === 'boolean') return cell === 'true';
  return cell;
}

const defined = (properties: Properties) =>
  Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined));

describe('whole-graph exports: JSON, CSV and GraphML, streamed, filtered, equal to the graph', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({
      roles: {
        analyst: { skills: [['sql'], ['stats', 'OPTIONAL', 2]], tools: ['excel'] },
        scientist: { skills: [['stats', 'ESSENTIAL', 4], ['ml']], tools: ['jupyter'] },
      },
      skills: {
        sql: { hours: 20, aliases: ['SQL, the "query" language'] },
        math: { hours: 30, description: 'Line one,\nline two <with> & "quotes".' },
        stats: { hours: 40, prerequisites: ['math'] },
        ml: { hours: 60, prerequisites: ['stats'] },
      },
      tools: { excel: { name: 'Excel <&>' }, jupyter: {} },
    }),
  });

  /** What Neo4j holds, as the exports should give it back. */
  async function storedGraph(sources: string[] | null = null) {
    return helper.database.read(async (tx) => {
      const nodes = await tx.run(
        `MATCH (n:Entity) WHERE $sources IS NULL OR n.source IN $sources
         RETURN n.key AS key, properties(n) AS properties`,
        { sources },
      );
      const relationships = await tx.run(
        `MATCH (a:Entity)-[r]->(b:Entity)
         WHERE $sources IS NULL OR (a.source IN $sources AND b.source IN $sources)
         RETURN type(r) + ' ' + a.key + ' ' + b.key AS id, properties(r) AS properties`,
        { sources },
      );
      return {
        nodes: nodes.records.map((record): [string, Properties] => {
          const { key: _id, nameLower: _lookUpOnly, ...properties } = record.get('properties');
          return [record.get('key'), properties];
        }),
        relationships: relationships.records.map((record): [string, Properties] => [
          record.get('id'),
          record.get('properties'),
        ]),
      };
    });
  }

  const get = (app: App, path: string, headers: Record<string, string> = {}) =>
    Promise.resolve(app.fetch(`http://yoga${path}`, { headers }));

  it('adds an imported taxonomy for the filters', async () => {
    // The seed cannot write imported nodes: an ESCO skill, required by a curated role, the same as a curated skill.
    await helper.writeCypher(
      `CREATE (e:Entity:Skill {key: 'esco-1', name: 'Statistics (ESCO)', nameLower: 'statistics (esco)', aliases: [],
               description: 'ESCO statistics.', source: 'esco', sourceId: 'http://data.europa.eu/esco/skill/1',
               category: 'knowledge', learningHours: 40, learningHoursEstimated: true, reuseLevel: 'cross-sector'})
       WITH e MATCH (r:Role {key: 'analyst'}), (s:Skill {key: 'stats'})
       CREATE (r)-[:REQUIRES {importance: 'OPTIONAL', level: 2, levelEstimated: true, source: 'esco'}]->(e),
              (s)-[:SAME_AS {source: 'crosswalk'}]->(e)`,
    );
  });

  it('holds when the API last changed a curated entity (updatedAt), in every format', async () => {
    await helper.writeCypher("MATCH (r:Role {key: 'analyst'}) SET r.updatedAt = '2026-11-27T10:00:00.000Z'");
    const json = (await (await get(helper.app(), '/export/graph.json?kind=role')).json()) as {
      nodes: { key: string; properties: Properties }[];
    };
    expect(json.nodes.find((node) => node.key === 'analyst')?.properties.updatedAt).toBe('2026-11-27T10:00:00.000Z');
    // The CSV and GraphML tests below check that every stored property, this one too, comes back.
  });

  it('graph.json holds every node and relationship with all their properties', async () => {
    const response = await get(helper.app(), '/export/graph.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="skillgraph-graph.json"');
    const body = (await response.json()) as {
      graphVersion: string;
      nodes: { key: string; label: string; properties: Properties }[];
      relationships: { type: string; from: string; to: string; properties: Properties }[];
    };
    const stored = await storedGraph();
    expect(body.nodes).toHaveLength(stored.nodes.length);
    expect(body.relationships).toHaveLength(stored.relationships.length);
    expect(
      checksum(
        body.nodes.map((node) => [node.key, node.properties]),
        body.relationships.map((r) => [`${r.type} ${r.from} ${r.to}`, r.properties]),
      ),
    ).toBe(checksum(stored.nodes, stored.relationships));
    expect(body.nodes.find((node) => node.key === 'esco-1')?.label).toBe('Skill');
  });

  it('nodes.csv and relationships.csv parse with a CSV parser and give the same graph back', async () => {
    const app = helper.app();
    // one after the other: a client runs one export at a time
    const read = async (path: string) => {
      const response = await get(app, path);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      return parseCsv(await response.text(), { columns: true }) as Record<string, string>[];
    };
    const nodes = await read('/export/nodes.csv');
    const relationships = await read('/export/relationships.csv');
    const stored = await storedGraph();
    const nodeEntries = (nodes ?? []).map((row): [string, Properties] => [
      row.key as string,
      defined(Object.fromEntries(NODE_PROPERTY_COLUMNS.map((c) => [c.name, fromCell(row[c.name] ?? '', c.type)]))),
    ]);
    const relationshipEntries = (relationships ?? []).map((row): [string, Properties] => [
      `${row.type} ${row.from} ${row.to}`,
      defined(
        Object.fromEntries(RELATIONSHIP_PROPERTY_COLUMNS.map((c) => [c.name, fromCell(row[c.name] ?? '', c.type)])),
      ),
    ]);
    // Every stored property has a column, so the CSVs lose nothing.
    expect(checksum(nodeEntries, relationshipEntries)).toBe(checksum(stored.nodes, stored.relationships));
    expect(nodes?.find((row) => row.key === 'math')?.description).toBe('Line one,\nline two <with> & "quotes".');
  });

  it('graph.graphml reads with a GraphML parser (graphology) into the same graph', async () => {
    const response = await get(helper.app(), '/export/graph.graphml');
    expect(response.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
    const graph = parseGraphml(MultiDirectedGraph, await response.text());
    const stored = await storedGraph();
    expect(graph.type).toBe('directed');
    expect(graph.order).toBe(stored.nodes.length);
    expect(graph.size).toBe(stored.relationships.length);
    const nodes = graph.mapNodes((key, { label, type: _label, ...attributes }): [string, Properties] => [
      key,
      {
        ...attributes,
        name: label,
        ...(attributes.aliases !== undefined && { aliases: JSON.parse(attributes.aliases) }),
      },
    ]);
    const relationships = graph.mapEdges((_edge, { type, ...attributes }, from, to): [string, Properties] => [
      `${type} ${from} ${to}`,
      attributes,
    ]);
    expect(checksum(nodes, relationships)).toBe(checksum(stored.nodes, stored.relationships));
    expect(graph.getNodeAttribute('excel', 'label')).toBe('Excel <&>');
  });

  it('filters by source and kind: relationships only between the nodes kept', async () => {
    const app = helper.app();
    const seedOnly = (await (await get(app, '/export/graph.json?source=seed')).json()) as {
      nodes: { key: string }[];
      relationships: { type: string }[];
    };
    const stored = await storedGraph(['seed']);
    expect(seedOnly.nodes).toHaveLength(stored.nodes.length);
    expect(seedOnly.relationships).toHaveLength(stored.relationships.length);
    expect(seedOnly.relationships.map((r) => r.type)).not.toContain('SAME_AS');

    const skills = (await (await get(app, '/export/graph.json?kind=skill&source=seed,esco')).json()) as {
      nodes: { label: string }[];
      relationships: { type: string }[];
    };
    expect(new Set(skills.nodes.map((node) => node.label))).toEqual(new Set(['Skill']));
    expect(new Set(skills.relationships.map((r) => r.type))).toEqual(new Set(['PREREQUISITE_OF', 'SAME_AS']));
  });

  it('refuses unknown, repeated and bad options and other methods, naming what is wrong', async () => {
    const app = helper.app();
    const cases: [string, string, RegExp][] = [
      ['/export/nodes.csv?source=escoo', 'source', /Option "source" has "escoo"; it takes seed, esco, onet\./],
      ['/export/nodes.csv?kind=role&kind=skill', 'kind', /Option "kind" is given twice/],
      ['/export/nodes.csv?roles=all', 'roles', /Unknown option "roles"; an export takes source and kind\./],
      ['/export/nodes.csv?kind=', 'kind', /Option "kind" has an empty value/],
    ];
    for (const [path, argument, message] of cases) {
      const response = await get(app, path);
      expect(response.status, path).toBe(400);
      const { errors } = (await response.json()) as { errors: { message: string; extensions: Properties }[] };
      expect(errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
      expect(errors[0]?.message).toMatch(message);
    }
    const post = await Promise.resolve(app.fetch('http://yoga/export/graph.json', { method: 'POST' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('pages through the graph in read transactions of its version, and breaks off when a write lands', async () => {
    const selection = parseExportSelection([]);
    const whole = await openGraphExport(helper.database, selection);
    const small = await openGraphExport(helper.database, selection, { pageSize: 2 });
    const all = async (pages: AsyncGenerator<{ key?: string; type?: string }[]>) => {
      const items = [];
      for await (const page of pages) items.push(...page);
      return items;
    };
    expect(await all(small.nodes())).toEqual(await all(whole.nodes()));
    expect(await all(small.relationships())).toEqual(await all(whole.relationships()));

    const pages = small.nodes();
    await pages.next();
    await helper.database.write(bumpGraphVersion);
    await expect(pages.next()).rejects.toMatchObject({ extensions: { code: 'GRAPH_CHANGED' } });
  });

  it('answers 304 to a repeat while the graph is unchanged, and compresses as it streams', async () => {
    const app = helper.app();
    const first = await get(app, '/export/nodes.csv?kind=role');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"/);
    const plain = await first.text();
    const again = await get(app, '/export/nodes.csv?kind=role', { 'if-none-match': etag });
    expect(again.status).toBe(304);

    const gzipped = await get(app, '/export/nodes.csv?kind=role', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe(plain);

    await helper.writeCypher("MATCH (r:Role {key: 'analyst'}) SET r.description = 'Changed.'");
    const changed = await get(app, '/export/nodes.csv?kind=role', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('Changed.');
  });

  it('runs EXPORT_CONCURRENCY exports at once and one per client; a finished download frees its slot', async () => {
    const [a, b, c] = await Promise.all(
      ['export-a', 'export-b', 'export-c'].map(async (name) => (await createApiKey(helper.database, { name })).key),
    );
    const app = helper.app({ exports: { ...DEFAULT_EXPORT_CONFIG, concurrency: 2 } });
    const as = (key: string | undefined) => ({ authorization: `Bearer ${key}` });
    // Two exports whose bodies are not read yet hold both slots.
    const held = await Promise.all([get(app, '/export/graph.json', as(a)), get(app, '/export/graph.json', as(b))]);
    expect(held.map((response) => response.status)).toEqual([200, 200]);

    const sameClient = await get(app, '/export/nodes.csv', as(a));
    expect(sameClient.status).toBe(429);
    const sameClientBody = (await sameClient.json()) as { errors: { extensions: Properties }[] };
    expect(sameClientBody.errors[0]?.extensions.code).toBe('RATE_LIMITED');
    const busy = await get(app, '/export/nodes.csv', as(c));
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    const busyBody = (await busy.json()) as { errors: { extensions: Properties }[] };
    expect(busyBody.errors[0]?.extensions.code).toBe('SERVICE_BUSY');
    // every /export/… answer goes through the same gate
    expect((await get(app, '/export/overlap.csv?roles=analyst,scientist', as(a))).status).toBe(429);
    expect((await get(app, '/export/skill-demand.csv', as(c))).status).toBe(503);

    expect(JSON.parse((await held[0]?.text()) ?? '').nodes.length).toBeGreaterThan(0);
    const freed = await get(app, '/export/nodes.csv', as(c));
    expect(freed.status).toBe(200);
    await freed.text();
    expect((await get(app, '/export/nodes.csv', as(a))).status).toBe(200);
  });

  it('lets one of several simultaneous exports of a client run: the slot is taken before anything is awaited', async () => {
    const { key } = await createApiKey(helper.database, { name: 'export-burst' });
    const app = helper.app();
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => get(app, '/export/nodes.csv', { authorization: `Bearer ${key}` })),
    );
    expect(burst.map((response) => response.status).sort()).toEqual([200, 429, 429, 429, 429, 429]);
    for (const response of burst) await response.text();
    expect((await get(app, '/export/nodes.csv', { authorization: `Bearer ${key}` })).status).toBe(200);
  });

  it('writes GraphML any XML parser reads even when a name holds a character XML cannot', async () => {
    await helper.writeCypher(
      "MATCH (t:Tool {key: 'jupyter'}) SET t.name = 'Jupyter' + char(1) + 'Lab', t.description = 'tab\there'".replace(
        'char(1)',
        '$control',
      ),
      { control: String.fromCharCode(1) },
    );
    try {
      const graph = parseGraphml(MultiDirectedGraph, await (await get(helper.app(), '/export/graph.graphml')).text());
      expect(graph.getNodeAttribute('jupyter', 'label')).toBe('Jupyter\uFFFDLab');
      expect(graph.getNodeAttribute('jupyter', 'description')).toBe('tab\there');
    } finally {
      await helper.writeCypher(
        "MATCH (t:Tool {key: 'jupyter'}) SET t.name = 'Jupyter', t.description = 'The jupyter tool.'",
      );
    }
  });

  it('npm run export writes the same files offline, whole or not at all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'skillgraph-export-'));
    const exportCommand = cliCommand('export');
    const { stdout } = await exportCommand('--format', 'csv', '--out', dir, '--source', 'seed');
    expect(stdout).toMatch(/Wrote \d+ nodes and \d+ relationships \(graph version [0-9a-f-]{36}\) to /);
    const served = await (await get(helper.app(), '/export/relationships.csv?source=seed')).text();
    expect(await readFile(join(dir, 'relationships.csv'), 'utf8')).toBe(served);
    expect((await readdir(dir)).sort()).toEqual(['nodes.csv', 'relationships.csv']);

    await expect(
      exportCommand('--format', 'graphml', '--out', join(dir, 'g.graphml'), '--kind', 'rol'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('Option "kind" has "rol"; it takes role, skill, tool.'),
    });
    expect((await readdir(dir)).sort()).toEqual(['nodes.csv', 'relationships.csv']);
  });

  it('cuts off a download still running after EXPORT_TIMEOUT_MS: the client sees it fail, the slot is free', async () => {
    // Enough data (about 15 MB of JSON) to fill the socket's buffers while the client does not read.
    await helper.writeCypher(
      `UNWIND range(1, 15000) AS i
       CREATE (:Entity:Skill {key: 'bulk-' + i, name: 'Bulk ' + i, nameLower: 'bulk ' + i, aliases: [],
               description: reduce(text = '', _ IN range(1, 20) | text + 'Filler text for a large export. '),
               source: 'seed', category: 'test', learningHours: 1})`,
    );
    const server = createServer(helper.app({ exports: { ...DEFAULT_EXPORT_CONFIG, timeoutMs: 1_000 } }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const stalled = await fetch(`${base}/export/graph.json`);
      expect(stalled.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      await expect(stalled.text()).rejects.toThrow(/terminated/);
      const next = await fetch(`${base}/export/nodes.csv?kind=role`);
      expect(next.status).toBe(200);
      expect(await next.text()).toMatch(/^key,label,name/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await helper.writeCypher("MATCH (n:Skill) WHERE n.key STARTS WITH 'bulk-' DETACH DELETE n");
    }
  });
});

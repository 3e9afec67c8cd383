import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/domain/api-keys.js';
import type { GraphChangedEvent } from '../../src/domain/graph-change-feed.js';
import { GraphChangeFeed } from '../../src/domain/graph-change-feed.js';
import { readGraphVersion } from '../../src/queries/graph-version.js';
import { newSkillInput } from '../support/curation-fixtures.js';
import { cliCommand } from '../support/service-process.js';
import { connectTestDatabase, graphFixture, projectRoot, TestHelper } from '../support/test-helper.js';

const fixture = graphFixture({
  roles: {
    'data-analyst': { aliases: ['BI analyst'], skills: [['sql'], ['statistics', 'OPTIONAL', 2]], tools: ['pandas'] },
  },
  skills: {
    sql: { aliases: ['structured query language'] },
    probability: {},
    statistics: { prerequisites: ['probability'], aliases: ['stats'] },
    'machine-learning': { prerequisites: ['statistics'], aliases: ['ML'] },
  },
  tools: { pandas: { supports: ['statistics'] } },
});

/** Every typed result's fields, whichever member it is. */
const RESULT = `__typename
  ... on GraphWrite { graphVersion changes { sequence actor operation entityKind relation key from to properties { name before after } } }
  ... on ValidationError { message problems { path message cycle } }
  ... on ConflictError { message path expected actual }
  ... on NotFoundError { message path kind key }`;

const CREATE_SKILL = `mutation ($input: CreateSkillInput!, $expected: String) {
  createSkill(input: $input, expectedGraphVersion: $expected) { ${RESULT} ... on SkillPayload { skill { key name aliases learningHours updatedAt } } }
}`;
const UPDATE_SKILL = `mutation ($input: UpdateSkillInput!, $expected: String) {
  updateSkill(input: $input, expectedGraphVersion: $expected) { ${RESULT} ... on SkillPayload { skill { key name updatedAt } } }
}`;
const DELETE_SKILL = `mutation ($input: DeleteEntityInput!) { deleteSkill(input: $input) { ${RESULT} } }`;
const REQUIRE_SKILL = `mutation ($input: RequireSkillInput!) {
  requireSkill(input: $input) { ${RESULT} ... on RelationshipPayload { relation from { key } to { key } } }
}`;
const ADD_PREREQUISITE = `mutation ($input: PrerequisiteInput!) { addPrerequisite(input: $input) { ${RESULT} } }`;
const RELATE_SKILLS = `mutation ($input: RelatedSkillsInput!) { relateSkills(input: $input) { ${RESULT} } }`;
const UPDATE_ROLE = `mutation ($input: UpdateRoleInput!) { updateRole(input: $input) { ${RESULT} } }`;
const APPLY = `mutation ($changes: [GraphChangeInput!]!, $expected: String) {
  applyChanges(changes: $changes, expectedGraphVersion: $expected) { ${RESULT} }
}`;
const CHANGES = `query ($since: String, $entity: String, $first: Int, $after: String, $last: Int) {
  changes(since: $since, entity: $entity, first: $first, after: $after, last: $last) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { node { sequence at actor actorKeyId graphVersion operation entityKind relation key from to properties { name before after } } }
  }
}`;

describe('curating the graph through mutations', () => {
  const helper = TestHelper.forSuite({ seed: fixture });
  const keys = { write: '', read: '', revoked: '' };

  beforeAll(async () => {
    keys.write = (await createApiKey(helper.database, { name: 'curator', scopes: ['read', 'write'] })).key;
    keys.read = (await createApiKey(helper.database, { name: 'reader', scopes: ['read'] })).key;
    keys.revoked = (await createApiKey(helper.database, { name: 'former-curator', scopes: ['write'] })).key;
    await revokeApiKey(helper.database, 'former-curator');
  });

  // Every test starts from the fixture, with an empty audit trail.
  beforeEach(async () => {
    await helper.writeGraph(fixture);
    await helper.writeCypher('MATCH (c:Change) DETACH DELETE c');
  });

  /** A mutation with the write key (or `key`), answered by a new app unless one is given. */
  async function write(query: string, variables: Record<string, unknown>, key = keys.write, app = helper.app()) {
    const { status, body } = await helper.graphql(query, {
      variables,
      app,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    return Object.values(body.data ?? {})[0] as Record<string, any>;
  }

  /** What a refused write must leave as it was: the version, the audit trail and the graph's contents. */
  async function snapshot() {
    const [version, counts] = await Promise.all([
      readGraphVersion(helper.database),
      helper.database.read(async (tx) => {
        const result = await tx.run(
          `CALL () { MATCH (c:Change) RETURN count(c) AS changes }
           CALL () { MATCH (n:Entity) RETURN count(n) AS nodes, collect(n.name + '|' + n.learningHours) AS names }
           CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships }
           RETURN changes, nodes, names, relationships`,
        );
        return result.records[0]?.toObject();
      }),
    ]);
    return { version, ...counts };
  }

  async function expectNothingWritten(work: () => Promise<unknown>) {
    const before = await snapshot();
    await work();
    expect(await snapshot()).toEqual(before);
  }

  async function problemsOf(query: string, variables: Record<string, unknown>) {
    let result: Record<string, any> = {};
    await expectNothingWritten(async () => {
      result = await write(query, variables);
    });
    expect(result.__typename).toBe('ValidationError');
    return result.problems.map((problem: { path: string; message: string }) => `${problem.path}: ${problem.message}`);
  }

  it('creates a skill: a new graph version, updatedAt, and one audit entry naming the key', async () => {
    const before = await readGraphVersion(helper.database);
    const result = await write(CREATE_SKILL, {
      input: newSkillInput('feature-engineering', { name: ' Feature Engineering ', aliases: ['FE'] }),
    });
    expect(result.__typename).toBe('SkillPayload');
    expect(result.skill).toMatchObject({
      key: 'feature-engineering',
      name: 'Feature Engineering',
      aliases: ['FE'],
      learningHours: 20,
    });
    expect(Date.parse(result.skill.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(result.graphVersion).not.toBe(before);
    expect(result.graphVersion).toBe(await readGraphVersion(helper.database));
    expect(result.changes).toEqual([
      {
        sequence: 1,
        actor: 'curator',
        operation: 'CREATE',
        entityKind: 'SKILL',
        relation: null,
        key: 'feature-engineering',
        from: null,
        to: null,
        properties: [
          { name: 'name', before: null, after: '"Feature Engineering"' },
          { name: 'aliases', before: null, after: '["FE"]' },
          { name: 'description', before: null, after: '"About feature-engineering."' },
          { name: 'category', before: null, after: '"data"' },
          { name: 'learningHours', before: null, after: '20' },
        ],
      },
    ]);
    // Reads see it at once, by name and alias too, as a curated skill.
    const read = await helper.data('{ skill(name: "fe") { key source learningHours updatedAt } }');
    expect(read.skill).toEqual({
      key: 'feature-engineering',
      source: 'SEED',
      learningHours: 20,
      updatedAt: result.skill.updatedAt,
    });
  });

  it('refuses each broken rule of the seed with its path, and writes nothing', async () => {
    expect(await problemsOf(CREATE_SKILL, { input: newSkillInput('Feature Engineering') })).toEqual([
      'input.key: must be a kebab-case slug such as "feature-engineering", found "Feature Engineering"',
    ]);
    expect(await problemsOf(CREATE_SKILL, { input: newSkillInput('statistics', { name: 'Statistics II' }) })).toEqual([
      'input.key: duplicate key "statistics": already used by the skill "Statistics"',
    ]);
    expect(await problemsOf(CREATE_SKILL, { input: newSkillInput('pandas', { name: 'Pandas skill' }) })).toEqual([
      'input.key: duplicate key "pandas": already used by the tool "Pandas"',
    ]);
    expect(await problemsOf(CREATE_SKILL, { input: newSkillInput('esco-statistics') })).toEqual([
      'input.key: key "esco-statistics": keys starting "esco-" are kept for imports',
    ]);
    expect(await problemsOf(CREATE_SKILL, { input: newSkillInput('stats-2', { name: 'STATISTICS' }) })).toEqual([
      'input.name: name or alias "STATISTICS" also names the skill "statistics" (Statistics)',
    ]);
    expect(
      await problemsOf(CREATE_SKILL, { input: newSkillInput('bi', { aliases: ['bi analyst', 'x', 'X'] }) }),
    ).toEqual([
      'input.aliases: name or alias "bi analyst" also names the role "data-analyst" (Data Analyst)',
      'input.aliases: "X" is listed twice among its name and aliases',
    ]);
    expect(
      await problemsOf(CREATE_SKILL, {
        input: newSkillInput('deep-learning', { learningHours: 0, name: '  ', category: 'Deep' }),
      }),
    ).toEqual([
      'input.name: must not be empty',
      'input.category: must be a kebab-case slug such as "feature-engineering", found "Deep"',
      'input.learningHours: must be a positive number of hours, found 0',
    ]);
    expect(await problemsOf(UPDATE_SKILL, { input: { key: 'sql', learningHours: -5, aliases: ['ml'] } })).toEqual([
      'input.learningHours: must be a positive number of hours, found -5',
    ]);
    expect(await problemsOf(UPDATE_SKILL, { input: { key: 'sql', aliases: ['ml'] } })).toEqual([
      'input.aliases: name or alias "ml" also names the skill "machine-learning" (Machine Learning)',
    ]);
    expect(
      await problemsOf(REQUIRE_SKILL, {
        input: { role: 'data-analyst', skill: 'probability', importance: 'ESSENTIAL', level: 7 },
      }),
    ).toEqual(['input.level: must be 1 to 5, found 7']);
    expect(
      await problemsOf(REQUIRE_SKILL, {
        input: { role: 'data-analyst', skill: 'pandas', importance: 'ESSENTIAL', level: 2 },
      }),
    ).toEqual(['input.skill: "pandas" is a tool, not a skill']);
    expect(await problemsOf(RELATE_SKILLS, { input: { skill: 'sql', other: 'sql' } })).toEqual([
      'input.other: a skill cannot be related to itself',
    ]);
  });

  it('refuses a prerequisite that would close a cycle, with the cycle', async () => {
    let result: Record<string, any> = {};
    await expectNothingWritten(async () => {
      result = await write(ADD_PREREQUISITE, { input: { skill: 'probability', prerequisite: 'machine-learning' } });
    });
    expect(result.__typename).toBe('ValidationError');
    expect(result.problems).toEqual([
      {
        path: 'input.prerequisite',
        message: 'would close the prerequisite cycle: machine-learning → probability → statistics → machine-learning',
        cycle: ['machine-learning', 'probability', 'statistics', 'machine-learning'],
      },
    ]);
    const self = await write(ADD_PREREQUISITE, { input: { skill: 'sql', prerequisite: 'sql' } });
    expect(self.problems).toEqual([
      { path: 'input.prerequisite', message: 'would close the prerequisite cycle: sql → sql', cycle: ['sql', 'sql'] },
    ]);
    // A cycle closed by two changes of one batch, through a skill the batch creates.
    const batch = await write(APPLY, {
      changes: [
        { createSkill: newSkillInput('calculus') },
        { addPrerequisite: { skill: 'calculus', prerequisite: 'machine-learning' } },
        { addPrerequisite: { skill: 'probability', prerequisite: 'calculus' } },
      ],
    });
    expect(batch.problems).toEqual([
      {
        path: 'changes[2].prerequisite',
        message:
          'would close the prerequisite cycle: calculus → probability → statistics → machine-learning → calculus',
        cycle: ['calculus', 'probability', 'statistics', 'machine-learning', 'calculus'],
      },
    ]);
  });

  it('applies a batch in order, all or nothing, with one graph version for the whole write', async () => {
    const changes = [
      { createSkill: newSkillInput('mlops') },
      { addPrerequisite: { skill: 'mlops', prerequisite: 'machine-learning' } },
      { requireSkill: { role: 'data-analyst', skill: 'mlops', importance: 'OPTIONAL', level: 9 } },
    ];
    await expectNothingWritten(async () => {
      const refused = await write(APPLY, { changes });
      expect(refused.problems).toEqual([{ path: 'changes[2].level', message: 'must be 1 to 5, found 9', cycle: null }]);
    });
    const missing = await write(APPLY, { changes: [{ deleteSkill: { key: 'mlops' } }, ...changes] });
    expect(missing).toMatchObject({ __typename: 'NotFoundError', path: 'changes[0].key', kind: 'Skill', key: 'mlops' });

    const applied = await write(APPLY, {
      changes: [
        ...changes.slice(0, 2),
        { requireSkill: { role: 'data-analyst', skill: 'mlops', importance: 'OPTIONAL', level: 2 } },
      ],
    });
    expect(applied.__typename).toBe('ChangesPayload');
    expect(applied.changes.map((c: { operation: string; key: string }) => `${c.operation} ${c.key}`)).toEqual([
      'CREATE mlops',
      'CREATE machine-learning->mlops',
      'CREATE data-analyst->mlops',
    ]);
    expect(new Set(applied.changes.map((c: { graphVersion?: string }) => c.graphVersion)).size).toBe(1);
    const role = await helper.data(
      '{ role(key: "data-analyst") { updatedAt skills(first: 10) { edges { importance level node { key } } } } }',
    );
    expect(role.role.skills.edges).toContainEqual({ importance: 'OPTIONAL', level: 2, node: { key: 'mlops' } });
    expect(role.role.updatedAt).not.toBeNull();
    expect(await write(APPLY, { changes: [] })).toMatchObject({
      __typename: 'ValidationError',
      problems: [{ path: 'changes', message: 'must list at least one change' }],
    });
  });

  it('answers NotFoundError for an entity or relationship that is not there', async () => {
    await expectNothingWritten(async () => {
      expect(await write(UPDATE_SKILL, { input: { key: 'no-such-skill', name: 'X' } })).toMatchObject({
        __typename: 'NotFoundError',
        path: 'input.key',
        kind: 'Skill',
        key: 'no-such-skill',
      });
      expect(await write(UPDATE_SKILL, { input: { key: 'pandas', name: 'X' } })).toMatchObject({
        __typename: 'NotFoundError',
        message: 'No skill has the key "pandas" (it is a tool).',
      });
      expect(
        await write(
          `mutation { unrequireSkill(input: { role: "data-analyst", skill: "probability" }) { ${RESULT} } }`,
          {},
        ),
      ).toMatchObject({
        __typename: 'NotFoundError',
        path: 'input',
        kind: 'REQUIRES',
        key: 'data-analyst->probability',
      });
    });
  });

  it('needs a key with the write scope: none is 401, a read-only, revoked or unknown one 403', async () => {
    const app = helper.app();
    const mutation = `mutation { createSkill(input: { key: "x-skill", name: "X", description: "x", category: "x", learningHours: 1 }) { __typename } }`;
    await expectNothingWritten(async () => {
      const anonymous = await helper.errorOf(mutation, { app });
      expect(anonymous.status).toBe(401);
      expect(anonymous.error.extensions.code).toBe('UNAUTHENTICATED');
      expect(anonymous.error.message).toMatch(/write scope/);
      const readOnly = await helper.errorOf(mutation, { app, headers: { authorization: `Bearer ${keys.read}` } });
      expect(readOnly.status).toBe(403);
      expect(readOnly.error.extensions.code).toBe('FORBIDDEN');
      expect(readOnly.error.message).toMatch(/--scopes read,write/);
      for (const key of [keys.revoked, `sg_${'B'.repeat(43)}`]) {
        const refused = await helper.errorOf(mutation, { app, headers: { authorization: `Bearer ${key}` } });
        expect(refused.status).toBe(403);
        expect(refused.error.extensions.code).toBe('FORBIDDEN');
      }
    });
    // Reads stay as configured: anonymous, and with the read or the write key.
    const readers: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${keys.read}` },
      { authorization: `Bearer ${keys.write}` },
    ];
    for (const headers of readers) {
      expect((await helper.graphql('{ skill(key: "sql") { key } }', { app, headers })).body.data).toEqual({
        skill: { key: 'sql' },
      });
    }
  });

  it('refuses a write based on a stale graph version or updatedAt with a ConflictError', async () => {
    const version = await readGraphVersion(helper.database);
    const first = await write(UPDATE_SKILL, { input: { key: 'sql', name: 'SQL' }, expected: version });
    expect(first.__typename).toBe('SkillPayload');
    await expectNothingWritten(async () => {
      const stale = await write(UPDATE_SKILL, { input: { key: 'sql', name: 'Sequel' }, expected: version });
      expect(stale).toMatchObject({
        __typename: 'ConflictError',
        path: 'expectedGraphVersion',
        expected: version,
        actual: first.graphVersion,
      });
      const staleNode = await write(UPDATE_SKILL, {
        input: { key: 'sql', name: 'Sequel', expectedUpdatedAt: '2020-01-01T00:00:00.000Z' },
      });
      expect(staleNode).toMatchObject({
        __typename: 'ConflictError',
        path: 'input.expectedUpdatedAt',
        actual: first.skill.updatedAt,
      });
    });
    const current = await write(UPDATE_SKILL, {
      input: { key: 'sql', name: 'Sequel', expectedUpdatedAt: first.skill.updatedAt },
      expected: first.graphVersion,
    });
    expect(current.skill.name).toBe('Sequel');
  });

  it('serialises concurrent writes: of two based on one version, the second gets a conflict', async () => {
    const version = await readGraphVersion(helper.database);
    const results = await Promise.all(
      ['first', 'second'].map((name) =>
        write(UPDATE_SKILL, { input: { key: 'probability', description: `By the ${name}.` }, expected: version }),
      ),
    );
    expect(results.map((result) => result.__typename).sort()).toEqual(['ConflictError', 'SkillPayload']);
    expect((await helper.data(CHANGES, { variables: { first: 10 } })).changes.totalCount).toBe(1);
  });

  it('records every write in the audit trail: who, when, what before and after, queryable and kept', async () => {
    const start = new Date().toISOString();
    await write(UPDATE_SKILL, { input: { key: 'statistics', learningHours: 60, description: 'About statistics.' } });
    await write(REQUIRE_SKILL, {
      input: { role: 'data-analyst', skill: 'statistics', importance: 'ESSENTIAL', level: 3 },
    });
    await write(RELATE_SKILLS, { input: { skill: 'statistics', other: 'machine-learning' } });
    await write(UPDATE_ROLE, { input: { key: 'data-analyst', aliases: ['BI analyst', 'reporting analyst'] } });
    const deleted = await write(DELETE_SKILL, { input: { key: 'statistics' } });
    // The deletion records every relationship it removed, then the skill.
    const removed = deleted.changes.map((c: { operation: string; key: string }) => `${c.operation} ${c.key}`);
    expect(removed.at(-1)).toBe('DELETE statistics');
    expect(removed.slice(0, -1).sort()).toEqual([
      'DELETE data-analyst->statistics',
      'DELETE machine-learning->statistics',
      'DELETE pandas->statistics',
      'DELETE probability->statistics',
      'DELETE statistics->machine-learning',
    ]);

    // Another app and connection, as after a restart; read by a curator (who wrote is for curators).
    const { changes } = await helper.data(CHANGES, {
      variables: { entity: 'statistics', first: 50 },
      headers: { authorization: `Bearer ${keys.write}` },
    });
    const entries = changes.edges.map(({ node }: { node: any }) => node);
    expect(entries.every((entry: { actor: string }) => entry.actor === 'curator')).toBe(true);
    expect(entries.every((entry: { at: string }) => entry.at >= start)).toBe(true);
    expect(entries[0]).toMatchObject({
      sequence: 1,
      operation: 'UPDATE',
      entityKind: 'SKILL',
      key: 'statistics',
      properties: [
        { name: 'description', before: '"The statistics skill."', after: '"About statistics."' },
        { name: 'learningHours', before: '10', after: '60' },
      ],
    });
    expect(entries[1]).toMatchObject({
      operation: 'UPDATE',
      relation: 'REQUIRES',
      key: 'data-analyst->statistics',
      properties: [
        { name: 'importance', before: '"OPTIONAL"', after: '"ESSENTIAL"' },
        { name: 'level', before: '2', after: '3' },
      ],
    });
    expect(entries[2]).toMatchObject({
      operation: 'CREATE',
      relation: 'RELATED_TO',
      key: 'machine-learning->statistics',
    });
    // The role's alias change is not about statistics.
    expect(entries.map((entry: { key: string }) => entry.key)).not.toContain('data-analyst');
    expect(entries.at(-1)).toMatchObject({
      operation: 'DELETE',
      key: 'statistics',
      properties: expect.arrayContaining([{ name: 'learningHours', before: '60', after: null }]),
    });

    const all = (await helper.data(CHANGES, { variables: { first: 2 } })).changes;
    expect(all.totalCount).toBe(4 + deleted.changes.length);
    expect(all.edges.map(({ node }: { node: { sequence: number } }) => node.sequence)).toEqual([1, 2]);
    expect(all.pageInfo.hasNextPage).toBe(true);
    const next = (await helper.data(CHANGES, { variables: { first: 2, after: all.pageInfo.endCursor } })).changes;
    expect(next.edges.map(({ node }: { node: { sequence: number } }) => node.sequence)).toEqual([3, 4]);
    const newest = (await helper.data(CHANGES, { variables: { last: 1 } })).changes;
    expect(newest.edges[0].node).toMatchObject({ sequence: all.totalCount, key: 'statistics', operation: 'DELETE' });
    const later = (await helper.data(CHANGES, { variables: { since: '2999-01-01', first: 10 } })).changes;
    expect(later.totalCount).toBe(0);
    const bad = await helper.errorOf(CHANGES, { variables: { since: 'yesterday', first: 1 } });
    expect(bad.error.extensions.code).toBe('BAD_USER_INPUT');

    // Audit nodes are not entities: the exports and counts never see them.
    expect(await helper.data('{ stats { roles skills tools } }')).toEqual({ stats: { roles: 1, skills: 3, tools: 1 } });
  });

  it('writes with a key `npm run keys` made with the write scope, and its trail outlives the process', async () => {
    const created = await cliCommand('keys')('create', 'catalogue-sync', '--scopes', 'read,write');
    expect(created.stderr).toMatch(/"catalogue-sync" {2}scopes read,write/);
    const result = await write(RELATE_SKILLS, { input: { skill: 'sql', other: 'statistics' } }, created.stdout.trim());
    expect(result.__typename).toBe('RelationshipPayload');

    // A new connection and app, as after a restart: the trail is in the database.
    const database = connectTestDatabase();
    try {
      const { changes } = await helper.data(CHANGES, {
        variables: { entity: 'sql', first: 5 },
        app: helper.app({}, database),
        headers: { authorization: `Bearer ${created.stdout.trim()}` },
      });
      expect(changes.edges.map(({ node }: { node: Record<string, unknown> }) => node)).toEqual([
        expect.objectContaining({
          actor: 'catalogue-sync',
          operation: 'CREATE',
          relation: 'RELATED_TO',
          key: 'sql->statistics',
        }),
      ]);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('a change that changes nothing writes nothing and keeps the version', async () => {
    await expectNothingWritten(async () => {
      const result = await write(REQUIRE_SKILL, {
        input: { role: 'data-analyst', skill: 'sql', importance: 'ESSENTIAL', level: 3 },
      });
      expect(result).toMatchObject({ __typename: 'RelationshipPayload', changes: [], relation: 'REQUIRES' });
    });
  });

  it('publishes each write on the app’s change feed once committed', async () => {
    const feed = new GraphChangeFeed();
    const events: GraphChangedEvent[] = [];
    feed.listen((event) => events.push(event));
    const result = await write(
      APPLY,
      {
        changes: [
          { createSkill: newSkillInput('calculus') },
          { addPrerequisite: { skill: 'probability', prerequisite: 'calculus' } },
        ],
      },
      keys.write,
      helper.app({}, helper.database, { changeFeed: feed }),
    );
    expect(events).toEqual([
      {
        version: result.graphVersion,
        changedAt: expect.any(String),
        changes: [
          { kind: 'Skill', key: 'calculus', operation: 'CREATE' },
          { kind: 'PREREQUISITE_OF', key: 'calculus->probability', operation: 'CREATE' },
        ],
      },
    ]);
  });

  it('refuses changes to imported entities', async () => {
    await helper.writeCypher(
      "CREATE (:Skill:Entity {key: 'esco-abc', name: 'ESCO statistics', nameLower: 'esco statistics', aliases: [], description: 'd', source: 'esco'})",
    );
    expect(await problemsOf(UPDATE_SKILL, { input: { key: 'esco-abc', learningHours: 5 } })).toEqual([
      'input.key: "esco-abc" comes from ESCO: only curated entries (source SEED) change through the API, as the next import would undo the change',
    ]);
  });

  describe('caches, ETags and limits', () => {
    const READ = '{ skill(key: "sql") { name } }';
    const RENAME = (name: string) => `mutation { updateSkill(input: { key: "sql", name: "${name}" }) { __typename } }`;
    const asWriter = { authorization: '' };
    beforeEach(() => {
      asWriter.authorization = `Bearer ${keys.write}`;
    });

    function get(app: ReturnType<typeof helper.app>, query: string, headers: Record<string, string> = {}) {
      const url = `http://yoga/graphql?query=${encodeURIComponent(query)}`;
      return app.fetch(url, { headers: { accept: 'application/graphql-response+json', ...headers } });
    }

    it('a cached answer and an ETag no longer hold once a write commits', async () => {
      const app = helper.app();
      const first = await get(app, READ);
      const etag = first.headers.get('etag') ?? '';
      expect(etag).toMatch(/^W\//);
      expect(await first.json()).toMatchObject({ data: { skill: { name: 'Sql' } } });
      expect((await get(app, READ, { 'if-none-match': etag })).status).toBe(304);
      // A repeat is answered from the response cache: only the version read runs.
      await helper.data(READ, { app });
      expect(await helper.countQueries(() => helper.data(READ, { app }))).toBe(1);

      const renamed = await helper.graphql(RENAME('SQL Querying'), { app, headers: asWriter });
      expect(renamed.body.data).toEqual({ updateSkill: { __typename: 'SkillPayload' } });

      expect(await helper.data(READ, { app })).toEqual({ skill: { name: 'SQL Querying' } });
      const revalidated = await get(app, READ, { 'if-none-match': etag });
      expect(revalidated.status).toBe(200);
      expect(revalidated.headers.get('etag')).not.toBe(etag);
      expect(await revalidated.json()).toMatchObject({ data: { skill: { name: 'SQL Querying' } } });
    });

    it('never answers a mutation from the cache, never tags it, never runs one over GET', async () => {
      const app = helper.app();
      const refused =
        'mutation { createSkill(input: { key: "sql", name: "S", description: "d", category: "c", learningHours: 1 }) { __typename } }';
      for (let i = 0; i < 2; i++) {
        let response: Awaited<ReturnType<typeof helper.graphql>> | undefined;
        // The lock, the facts and the answer's entities: the mutation ran again, whatever was kept.
        expect(
          await helper.countQueries(async () => {
            response = await helper.graphql(refused, { app, headers: asWriter });
          }),
        ).toBeGreaterThan(3);
        expect(response?.body.data).toEqual({ createSkill: { __typename: 'ValidationError' } });
        expect(response?.headers.get('etag')).toBeNull();
      }
      const overGet = await get(app, RENAME('Sequel'), asWriter);
      expect(overGet.status).toBe(405);
      expect((await helper.data(READ, { app })).skill.name).toBe('Sql');
    });

    it('in trusted-documents mode runs only the manifest’s mutations, by hash, never over GET', async () => {
      const manifested = RENAME('Sequel');
      const hash = (text: string) => createHash('sha256').update(text).digest('hex');
      const file = join(mkdtempSync(join(tmpdir(), 'skillgraph-manifest-')), 'persisted-documents.json');
      writeFileSync(file, JSON.stringify({ [hash(manifested)]: manifested }));
      const app = helper.app({ persistedOperations: { only: true, manifestFile: file } });
      const byHash = (sha256Hash: string) =>
        helper.request({ extensions: { persistedQuery: { version: 1, sha256Hash } } }, { app, headers: asWriter });

      const adHoc = await helper.graphql(RENAME('Ad hoc'), { app, headers: asWriter });
      expect(adHoc.status).toBe(403);
      expect(adHoc.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
      const overGet = await app.fetch(
        `http://yoga/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash(manifested) } }))}`,
        { headers: { accept: 'application/graphql-response+json', ...asWriter } },
      );
      expect(overGet.status).toBe(405);
      await overGet.arrayBuffer();
      expect((await helper.data(READ)).skill.name).toBe('Sql');

      const ran = await byHash(hash(manifested));
      expect(await ran.json()).toMatchObject({ data: { updateSkill: { __typename: 'SkillPayload' } } });
      expect((await helper.data(READ)).skill.name).toBe('Sequel');
    });

    it('reports the version a mutation wrote in extensions.graphVersion, and charges its cost', async () => {
      const app = helper.app();
      const before = await helper.graphql(READ, { app, headers: asWriter });
      const remaining = Number(/remaining=(\d+)/.exec(before.headers.get('ratelimit') ?? '')?.[1]);
      const written = await helper.graphql(
        'mutation { updateSkill(input: { key: "sql", learningHours: 12 }) { ... on GraphWrite { graphVersion } } }',
        { app, headers: asWriter },
      );
      const { graphVersion } = written.body.data.updateSkill;
      expect((written.body as { extensions?: { graphVersion?: string } }).extensions?.graphVersion).toBe(graphVersion);
      const after = Number(/remaining=(\d+)/.exec(written.headers.get('ratelimit') ?? '')?.[1]);
      // 1 point on arrival, then the mutation's cost: 10 for the write (its scalar fields are free).
      expect(remaining - after).toBe(11);
    });
  });
});

describe('the README’s curation example', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });

  it('runs against the project seed as written, and its second run is refused for the duplicate key', async () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const example = /```graphql\n(mutation AddDataContracts[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const { key } = await createApiKey(helper.database, { name: 'readme', scopes: ['read', 'write'] });
    const headers = { authorization: `Bearer ${key}` };
    const version = await readGraphVersion(helper.database);
    const first = await helper.data(example ?? '', { headers, variables: { version } });
    expect(first.applyChanges.__typename).toBe('ChangesPayload');
    expect(first.applyChanges.changes.map((c: { key: string }) => c.key)).toEqual([
      'data-contracts',
      'data-modeling->data-contracts',
      'data-engineer->data-contracts',
    ]);
    const plan = await helper.data(
      '{ learningPlan(from: {}, to: "data-engineer", includeOptional: true) { steps { skill { key } } } }',
    );
    const order = plan.learningPlan.steps.map((step: { skill: { key: string } }) => step.skill.key);
    expect(order.indexOf('data-modeling')).toBeLessThan(order.indexOf('data-contracts'));
    const again = await helper.data(example ?? '', {
      headers,
      variables: { version: first.applyChanges.graphVersion },
    });
    expect(again.applyChanges.problems[0]).toMatchObject({ path: 'changes[0].key' });
  });
});

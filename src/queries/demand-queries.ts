import { cypherInteger, type QueryRunner } from '../database/database.js';
import type { DataSourceName } from '../domain/career-graph.js';

/** A skill and how many roles require it, of each importance. */
export interface SkillDemandRow {
  key: string;
  name: string;
  source: DataSourceName;
  /** Roles requiring the skill, of either importance. */
  roles: number;
  essential: number;
  optional: number;
}

/** A tool and how many roles use it. */
export interface ToolDemandRow {
  key: string;
  name: string;
  source: DataSourceName;
  roles: number;
}

export interface DemandPage {
  /** Only nodes (the ranked ones and the roles counted) from these sources; null: every source. */
  sources: readonly DataSourceName[] | null;
  offset: number;
  /** Rows to return; null: all of them. */
  limit: number | null;
}

const FROM_SOURCES = (variable: string) => `($sources IS NULL OR coalesce(${variable}.source, 'seed') IN $sources)`;

function parametersOf(page: DemandPage) {
  return {
    sources: page.sources,
    offset: cypherInteger(page.offset),
    limit: page.limit === null ? null : cypherInteger(page.limit),
  };
}

/**
 * Skills required by at least one role, by the number of roles requiring them (highest first), then by
 * ESSENTIAL count, then key. A role counts once per skill: as ESSENTIAL if any of its requirements of
 * the skill is.
 */
export async function readSkillDemand(tx: QueryRunner, page: DemandPage): Promise<SkillDemandRow[]> {
  const result = await tx.run(
    `MATCH (s:Skill) WHERE ${FROM_SOURCES('s')}
     CALL (s) {
       MATCH (r:Role)-[q:REQUIRES]->(s) WHERE ${FROM_SOURCES('r')}
       WITH r, max(CASE q.importance WHEN 'ESSENTIAL' THEN 1 ELSE 0 END) AS essential
       RETURN count(r) AS roles, sum(essential) AS essential
     }
     WITH s, roles, essential WHERE roles > 0
     ORDER BY roles DESC, essential DESC, s.key
     SKIP $offset LIMIT coalesce($limit, 2147483647)
     RETURN s.key AS key, s.name AS name, coalesce(s.source, 'seed') AS source, roles, essential`,
    parametersOf(page),
  );
  return result.records.map((r) => {
    const roles = r.get('roles') as number;
    const essential = r.get('essential') as number;
    return {
      key: r.get('key') as string,
      name: r.get('name') as string,
      source: r.get('source') as DataSourceName,
      roles,
      essential,
      optional: roles - essential,
    };
  });
}

/** Tools used by at least one role, by the number of roles using them (highest first), then key. */
export async function readToolDemand(tx: QueryRunner, page: DemandPage): Promise<ToolDemandRow[]> {
  const result = await tx.run(
    `MATCH (t:Tool) WHERE ${FROM_SOURCES('t')}
     CALL (t) {
       MATCH (r:Role)-[:USES]->(t) WHERE ${FROM_SOURCES('r')}
       RETURN count(DISTINCT r) AS roles
     }
     WITH t, roles WHERE roles > 0
     ORDER BY roles DESC, t.key
     SKIP $offset LIMIT coalesce($limit, 2147483647)
     RETURN t.key AS key, t.name AS name, coalesce(t.source, 'seed') AS source, roles`,
    parametersOf(page),
  );
  return result.records.map((r) => ({
    key: r.get('key') as string,
    name: r.get('name') as string,
    source: r.get('source') as DataSourceName,
    roles: r.get('roles') as number,
  }));
}

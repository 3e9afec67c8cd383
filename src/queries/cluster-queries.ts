import type { RequirementGraph } from '../analysis/role-clusters.js';
import type { Database } from '../database/database.js';
import type { DataSourceName } from '../domain/career-graph.js';
import { readAtOneVersion } from './graph-version.js';

const FROM_SOURCES = (variable: string) => `($sources IS NULL OR coalesce(${variable}.source, 'seed') IN $sources)`;

/**
 * The role–skill graph role clusters are found in: every role and skill (of the given sources; null: all)
 * and the REQUIRES relationships between them, with their importance.
 */
export function loadRequirementGraph(
  database: Database,
  sources: readonly DataSourceName[] | null,
): Promise<{ version: string; value: RequirementGraph }> {
  return readAtOneVersion(database, async (tx) => {
    const roles = await tx.run(`MATCH (r:Role) WHERE ${FROM_SOURCES('r')} RETURN r.key AS key ORDER BY key`, {
      sources,
    });
    const skills = await tx.run(`MATCH (s:Skill) WHERE ${FROM_SOURCES('s')} RETURN s.key AS key ORDER BY key`, {
      sources,
    });
    const roleKeys = roles.records.map((r) => r.get('key') as string);
    const skillKeys = skills.records.map((r) => r.get('key') as string);
    const rolePosition = new Map(roleKeys.map((key, i) => [key, i]));
    const skillPosition = new Map(skillKeys.map((key, i) => [key, i]));
    const roleOf: number[] = [];
    const skillOf: number[] = [];
    const essential: number[] = [];
    await tx.stream(
      `MATCH (r:Role)-[q:REQUIRES]->(s:Skill) WHERE ${FROM_SOURCES('r')} AND ${FROM_SOURCES('s')}
       RETURN r.key AS role, s.key AS skill, q.importance = 'ESSENTIAL' AS essential`,
      { sources },
      (record) => {
        const role = rolePosition.get(record.get('role') as string);
        const skill = skillPosition.get(record.get('skill') as string);
        if (role === undefined || skill === undefined) return;
        roleOf.push(role);
        skillOf.push(skill);
        essential.push(record.get('essential') === true ? 1 : 0);
      },
    );
    const value: RequirementGraph = {
      roles: roleKeys,
      skills: skillKeys,
      roleOf: Int32Array.from(roleOf),
      skillOf: Int32Array.from(skillOf),
      essential: Uint8Array.from(essential),
    };
    return value;
  });
}

import type { CareerGraph } from '../analysis/career-path.js';
import type { SkillFacts } from '../analysis/skill-closure.js';
import type { Database } from '../database/database.js';
import { readAtOneVersion } from './graph-version.js';

/**
 * Every role's ESSENTIAL and OPTIONAL skills and tools, and every skill's hours and prerequisites: what
 * careerPath, skill gaps, learning plans and role overlap work on. Streamed, skills first, so that every
 * list holds the skills' own key strings: at ESCO's size, the records and a copy of a key per mention
 * took tens of MB more.
 */
export function loadCareerGraph(database: Database): Promise<{ version: string; value: CareerGraph }> {
  return readAtOneVersion(database, async (tx) => {
    const roles = new Map<string, string[]>();
    const optionalSkills = new Map<string, string[]>();
    const tools = new Map<string, string[]>();
    const levels = new Map<string, Map<string, number>>();
    const skills = new Map<string, SkillFacts>();
    const keyOf = new Map<string, string>();
    const same = (key: string) => keyOf.get(key) ?? key;
    await tx.stream(
      `MATCH (s:Skill)
       RETURN s.key AS skill, coalesce(s.learningHours, 0) AS hours,
              COLLECT { MATCH (p:Skill)-[:PREREQUISITE_OF]->(s) RETURN p.key } AS prerequisites`,
      {},
      (record) => {
        const skill = record.get('skill') as string;
        keyOf.set(skill, skill);
        skills.set(skill, { hours: record.get('hours') as number, prerequisites: record.get('prerequisites') });
      },
    );
    for (const [skill, facts] of skills) skills.set(skill, { ...facts, prerequisites: facts.prerequisites.map(same) });
    await tx.stream(
      `MATCH (r:Role)
       RETURN r.key AS role,
              COLLECT { MATCH (r)-[:REQUIRES {importance: 'ESSENTIAL'}]->(s:Skill) RETURN s.key } AS essentials,
              COLLECT { MATCH (r)-[:REQUIRES {importance: 'OPTIONAL'}]->(s:Skill) RETURN s.key } AS optionals,
              COLLECT { MATCH (r)-[:USES]->(t:Tool) RETURN t.key } AS tools,
              COLLECT { MATCH (r)-[q:REQUIRES]->(s:Skill) RETURN [s.key, coalesce(q.level, 1)] } AS levels`,
      {},
      (record) => {
        const role = record.get('role') as string;
        roles.set(role, (record.get('essentials') as string[]).map(same));
        optionalSkills.set(role, (record.get('optionals') as string[]).map(same));
        tools.set(role, record.get('tools') as string[]);
        const pairs = record.get('levels') as [string, number][];
        levels.set(role, new Map(pairs.map(([skill, level]) => [same(skill), Number(level)])));
      },
    );
    return { roles, optionalSkills, tools, levels, skills } satisfies CareerGraph;
  });
}

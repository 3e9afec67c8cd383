import type { CareerGraph } from '../analysis/career-path.js';
import type { SkillFacts } from '../analysis/skill-closure.js';
import type { Database } from '../database/database.js';
import { graphVersionIn } from './graph-version.js';

/**
 * Every role's ESSENTIAL and OPTIONAL skills and tools, and every skill's hours and prerequisites: what
 * careerPath, skill gaps, learning plans and role overlap work on.
 */
export function loadCareerGraph(database: Database): Promise<{ version: string; value: CareerGraph }> {
  return database.read(async (tx) => {
    const roles = await tx.run(
      `MATCH (r:Role)
       RETURN r.key AS role,
              COLLECT { MATCH (r)-[:REQUIRES {importance: 'ESSENTIAL'}]->(s:Skill) RETURN s.key } AS essentials,
              COLLECT { MATCH (r)-[:REQUIRES {importance: 'OPTIONAL'}]->(s:Skill) RETURN s.key } AS optionals,
              COLLECT { MATCH (r)-[:USES]->(t:Tool) RETURN t.key } AS tools,
              COLLECT { MATCH (r)-[q:REQUIRES]->(s:Skill) RETURN [s.key, coalesce(q.level, 1)] } AS levels`,
    );
    const skills = await tx.run(
      `MATCH (s:Skill)
       RETURN s.key AS skill, coalesce(s.learningHours, 0) AS hours,
              COLLECT { MATCH (p:Skill)-[:PREREQUISITE_OF]->(s) RETURN p.key } AS prerequisites`,
    );
    const graph: CareerGraph = {
      roles: new Map(roles.records.map((r) => [r.get('role') as string, r.get('essentials') as string[]])),
      optionalSkills: new Map(roles.records.map((r) => [r.get('role') as string, r.get('optionals') as string[]])),
      tools: new Map(roles.records.map((r) => [r.get('role') as string, r.get('tools') as string[]])),
      levels: new Map(
        roles.records.map((r) => [
          r.get('role') as string,
          new Map((r.get('levels') as [string, number][]).map(([skill, level]) => [skill, Number(level)])),
        ]),
      ),
      skills: new Map<string, SkillFacts>(
        skills.records.map((r) => [
          r.get('skill') as string,
          { hours: r.get('hours') as number, prerequisites: r.get('prerequisites') as string[] },
        ]),
      ),
    };
    return { version: await graphVersionIn(tx), value: graph };
  });
}

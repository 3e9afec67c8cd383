import type { Database } from '../database/database.js';

export interface GraphStats {
  roles: number;
  skills: number;
  tools: number;
  relationships: number;
}

/** How many roles, skills, tools and relationships between them the graph holds. */
export function countGraph(database: Database): Promise<GraphStats> {
  return database.read(async (tx) => {
    const result = await tx.run(`
      CALL { MATCH (n:Role) RETURN count(n) AS roles }
      CALL { MATCH (n:Skill) RETURN count(n) AS skills }
      CALL { MATCH (n:Tool) RETURN count(n) AS tools }
      CALL { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships }
      RETURN roles, skills, tools, relationships`);
    return result.records[0]?.toObject() as GraphStats;
  });
}

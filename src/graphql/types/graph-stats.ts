import { builder } from '../builder.js';

interface GraphStats {
  roles: number;
  skills: number;
  tools: number;
  relationships: number;
}

const GraphStatsRef = builder.objectRef<GraphStats>('GraphStats').implement({
  description: 'How big the career graph is.',
  fields: (t) => ({
    roles: t.exposeInt('roles'),
    skills: t.exposeInt('skills'),
    tools: t.exposeInt('tools'),
    relationships: t.exposeInt('relationships', { description: 'Relationships between roles, skills and tools.' }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({
    type: GraphStatsRef,
    description: 'Counts of the roles, skills, tools and relationships in the graph.',
    resolve: (_root, _args, { database }) =>
      database.read(async (tx) => {
        const result = await tx.run(`
          CALL { MATCH (n:Role) RETURN count(n) AS roles }
          CALL { MATCH (n:Skill) RETURN count(n) AS skills }
          CALL { MATCH (n:Tool) RETURN count(n) AS tools }
          CALL { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships }
          RETURN roles, skills, tools, relationships`);
        return result.records[0]?.toObject() as GraphStats;
      }),
  }),
);

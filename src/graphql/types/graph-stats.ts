import { countGraph, type GraphStats } from '../../queries/graph-stats-queries.js';
import { builder } from '../builder.js';

const GraphStatsRef = builder.objectRef<GraphStats>('GraphStats').implement({
  description: 'How big the career graph is.',
  fields: (t) => ({
    roles: t.exposeInt('roles', { description: 'Roles in the graph, of every source.' }),
    skills: t.exposeInt('skills', { description: 'Skills in the graph, of every source.' }),
    tools: t.exposeInt('tools', { description: 'Tools in the graph, of every source.' }),
    relationships: t.exposeInt('relationships', { description: 'Relationships between roles, skills and tools.' }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({
    type: GraphStatsRef,
    description: 'Counts of the roles, skills, tools and relationships in the graph.',
    resolve: (_root, _args, { database }) => countGraph(database),
  }),
);

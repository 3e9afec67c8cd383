import { builder } from '../builder.js';

builder.queryField('graphVersion', (t) =>
  t.string({
    description:
      'The version of the graph this answer was computed under: it changes with every write that changes roles, ' +
      'skills, tools or their relationships (a seed or an import), and every response also carries it in ' +
      '`extensions.graphVersion`. Opaque; compare it only for equality.',
    resolve: (_root, _args, { loaders }) => loaders.graphVersion(),
  }),
);

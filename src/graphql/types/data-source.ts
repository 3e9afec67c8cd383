import { type DataSourceRecord, listDataSources } from '../../queries/data-source-queries.js';
import { builder } from '../builder.js';

export const SourceNameEnum = builder.enumType('SourceName', {
  description: 'Where a node comes from.',
  values: {
    SEED: { value: 'seed' as const, description: 'Our curated AI/ML graph (seed/).' },
    ESCO: { value: 'esco' as const, description: 'ESCO, the European Commission’s classification.' },
    ONET: { value: 'onet' as const, description: 'O*NET, the U.S. Department of Labor’s database.' },
    CROSSWALK: { value: 'crosswalk' as const, description: 'Our curated links between the sources.' },
  },
});

const DataSourceRef = builder.objectRef<DataSourceRecord>('DataSource').implement({
  description: 'A source of the graph’s data, with the attribution its licence asks for.',
  fields: (t) => ({
    name: t.field({ type: SourceNameEnum, description: 'Which source.', resolve: (source) => source.name }),
    title: t.exposeString('title', { description: 'The source’s full name.' }),
    version: t.exposeString('version', { description: 'The release imported, e.g. v1.1.1 or 29.3.' }),
    licence: t.exposeString('licence', {
      description: 'The licence the data is used under, e.g. CC BY 4.0 for O*NET.',
    }),
    attribution: t.exposeString('attribution', { description: 'The line to show wherever the data is shown.' }),
    url: t.exposeString('url', { description: 'Where to find the source.' }),
    importedAt: t.string({
      nullable: true,
      description: 'When an import last changed the graph (ISO 8601); null for the seed.',
      resolve: (source) => source.importedAt ?? null,
    }),
    nodes: t.exposeInt('nodes', { description: 'Roles, skills and tools from this source in the graph now.' }),
  }),
});

builder.queryFields((t) => ({
  sources: t.field({
    type: [DataSourceRef],
    description: 'Where the graph’s data comes from, with licences and the attribution to show: the seed first.',
    resolve: (_root, _args, context) => listDataSources(context.database),
  }),
}));

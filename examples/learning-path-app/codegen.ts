import type { CodegenConfig } from '@graphql-codegen/cli';

// The schema file SkillGraph commits; another team would point `schema` at its URL or a copy of the file.
const config: CodegenConfig = {
  schema: '../../schema/schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      // Every operation gets its SHA-256 in `__meta__.hash`, and `persisted-documents.json` lists them:
      // the manifest a SkillGraph run with PERSISTED_ONLY=true accepts.
      presetConfig: { persistedDocuments: true, fragmentMasking: false },
      config: {
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { ID: 'string' },
      },
    },
  },
};

export default config;

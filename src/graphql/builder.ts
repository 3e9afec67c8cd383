import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import { BadUserInputError, echoInput } from '../errors.js';
import type { Context } from './context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    decodeGlobalID: (globalID) => {
      try {
        return decodeGlobalID(globalID);
      } catch {
        throw new BadUserInputError(`"${echoInput(globalID)}" is not an id this API gave out.`, 'id');
      }
    },
  },
  complexity: {
    defaultComplexity: 1,
    // Lists here are pages whose connection field already multiplies by its page size.
    defaultListMultiplier: 1,
  },
});

builder.queryType({});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items there are in all, across pages.',
    resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
  }),
);

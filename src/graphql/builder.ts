import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import { getNamedType, isLeafType } from 'graphql';
import { ENTITY_LABELS } from '../domain/career-graph.js';
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
    // Each id fetches a node whose selection runs again, so the ids multiply the cost like a page size.
    nodesQueryOptions: { complexity: (args) => ({ field: 1, multiplier: Math.max(args.ids.length, 1) }) },
    decodeGlobalID: (globalID) => {
      const decoded = (() => {
        try {
          return decodeGlobalID(globalID);
        } catch {
          return undefined;
        }
      })();
      if (!decoded || !(ENTITY_LABELS as readonly string[]).includes(decoded.typename)) {
        throw new BadUserInputError(`"${echoInput(globalID)}" is not an id this API gave out.`, 'id');
      }
      return decoded;
    },
  },
  complexity: {
    // A query costs what it makes us fetch: 1 per object (node, edge, connection, path), nothing for a
    // scalar read off an object already fetched. Lists here are pages whose connection field already
    // multiplies by its page size; the few lists that fan out otherwise (nodes, overlapMatrix) set their
    // own multiplier.
    fieldComplexity: (_args, _context, field) => ({
      field: isLeafType(getNamedType(field.type)) ? 0 : 1,
      multiplier: 1,
    }),
  },
});

builder.queryType({});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items there are in all, across pages.',
    resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
  }),
);

import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import { getNamedType, isLeafType } from 'graphql';
import { ENTITY_LABELS } from '../domain/career-graph.js';
import { BadUserInputError, echoInput } from '../errors.js';
import type { Context } from './context.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [ErrorsPlugin, RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    idFieldOptions: { description: 'Global id, opaque: `node(id:)` fetches the object again by it.' },
    nodeTypeOptions: { description: 'An object with a global id: a role, skill or tool.' },
    nodeQueryOptions: {
      description: 'The role, skill or tool with this global id; null when it is no longer in the graph.',
      args: { id: { description: 'The `id` of a Role, Skill or Tool.' } },
    },
    // Each id fetches a node whose selection runs again, so the ids multiply the cost like a page size.
    nodesQueryOptions: {
      description: 'The nodes with these global ids, in the order given; null for each one no longer in the graph.',
      args: { ids: { description: 'Ids of roles, skills or tools.' } },
      complexity: (args) => ({ field: 1, multiplier: Math.max(args.ids.length, 1) }),
    },
    pageInfoTypeOptions: { description: 'Whether a page has items before or after it, and the cursors to fetch them.' },
    hasNextPageFieldOptions: { description: 'True when items follow this page: pass endCursor as `after` for them.' },
    hasPreviousPageFieldOptions: {
      description: 'True when items come before this page: pass startCursor as `before` for them.',
    },
    startCursorFieldOptions: { description: 'The cursor of the page’s first item; null for an empty page.' },
    endCursorFieldOptions: { description: 'The cursor of the page’s last item; null for an empty page.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    edgesFieldOptions: { nullable: false, description: 'The items of this page, in the list’s order.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'The item’s position in the list, opaque: pass it as `after` or `before`.' },
    firstArgOptions: {
      description: `Page size from the start (or from \`after\`), 0 to ${MAX_PAGE_SIZE} (less if the server’s limit is lower); default ${DEFAULT_PAGE_SIZE}.`,
    },
    lastArgOptions: { description: 'Page size from the end (or from `before`), with the same limit as `first`.' },
    afterArgOptions: { description: 'Only items after this cursor (an endCursor or edge cursor of this list).' },
    beforeArgOptions: { description: 'Only items before this cursor (a startCursor or edge cursor of this list).' },
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

builder.queryType({ description: 'Questions about the career graph of AI/ML roles, skills and tools.' });

builder.subscriptionType({
  description:
    'Events pushed to the client as they happen, over Server-Sent Events: send the operation to /graphql with ' +
    '`Accept: text/event-stream` (GraphQL over SSE, distinct connections mode).',
});

builder.mutationType({
  description:
    'Curating the graph: changes to roles, skills, tools and their relationships, each all or nothing, checked by ' +
    'the rules the seed keeps, audited (`changes`) and giving a new `graphVersion`. They need an API key with the ' +
    'write scope. Expected failures are results: ValidationError, ConflictError, NotFoundError.',
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items there are in all, across pages.',
    resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
  }),
);

import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  BREAK,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  validate,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { BadUserInputError, LimitExceededError, type LimitName, REQUEST_ERROR_HTTP } from '../errors.js';

export interface QueryLimits {
  /** Deepest field nesting. @default 15 */
  maxDepth: number;
  /** Pothos complexity: 1 per object field (scalars free), times page sizes, ids, hops and k. @default 50000 */
  maxCost: number;
  /** Aliased fields in one operation, `__typename` included. @default 30 */
  maxAliases: number;
  /** Lexical tokens in one document. @default 3000 */
  maxTokens: number;
  /** Directives in one operation. @default 10 */
  maxDirectives: number;
  /** Characters in one document. @default 20000 */
  maxDocumentLength: number;
  /** Items in any list argument or list variable. @default 100 */
  maxListSize: number;
}

/** How often one selection set may repeat a field: duplicates merge into one, so repeating only costs us. */
export const MAX_DUPLICATE_FIELDS = 10;
/** Validation stops after this many errors: a broken query does not buy a long list of them. */
export const MAX_VALIDATION_ERRORS = 5;

const SETTINGS: Partial<Record<LimitName, string>> = {
  depth: 'MAX_DEPTH',
  aliases: 'MAX_ALIASES',
  tokens: 'MAX_TOKENS',
  directives: 'MAX_DIRECTIVES',
  cost: 'MAX_COST',
  documentLength: 'MAX_DOCUMENT_LENGTH',
  listSize: 'MAX_LIST_SIZE',
};

function limitError(limit: LimitName, max: number, actual: number | undefined, detail = ''): LimitExceededError {
  const setting = SETTINGS[limit] ? `; ${SETTINGS[limit]} sets it` : '';
  return new LimitExceededError(
    limit,
    `The query exceeds the ${limit} limit of ${max}${actual ? ` (it has ${actual}${detail})` : detail}${setting}.`,
    { max, ...(actual && { actual }) },
    { beforeExecution: true },
  );
}

/** graphql-armor's rejections, renamed to our LIMIT_EXCEEDED with the limit and the variable that sets it. */
function reportArmorRejection(limit: LimitName, max: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const actual = Number(/found (\d+)/.exec(error.message)?.[1]) || undefined;
    const limitExceeded = limitError(limit, max, actual);
    if (!context) throw limitExceeded;
    context.reportError(limitExceeded);
  };
}

/** List literals in the document: cacheable with the document, as they do not depend on variables. */
function listSizeRule(maxListSize: number): ValidationRule {
  return (context) => ({
    ListValue(node) {
      if (node.values.length > maxListSize) {
        context.reportError(limitError('listSize', maxListSize, node.values.length, ' items in one list'));
      }
    },
  });
}

/**
 * The first response key selected more than MAX_DUPLICATE_FIELDS times in one selection set, with inline
 * fragments and fragment spreads counted where they are spread. Checked before validation, whose field
 * merging compares every pair of same-named fields: 700 copies of one field cost it half a second.
 */
export function overDuplicatedField(document: DocumentNode): { key: string; count: number } | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const countInto = (set: SelectionSetNode, counts: Map<string, number>, spreading: Set<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        countInto(selection.selectionSet, counts, spreading);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || spreading.has(fragment.name.value)) continue;
        spreading.add(fragment.name.value);
        countInto(fragment.selectionSet, counts, spreading);
        spreading.delete(fragment.name.value);
      }
    }
  };
  let found: { key: string; count: number } | null = null;
  visit(document, {
    SelectionSet(node) {
      if (found) return BREAK;
      const counts = new Map<string, number>();
      countInto(node, counts, new Set());
      for (const [key, count] of counts) {
        if (count > MAX_DUPLICATE_FIELDS) {
          found = { key, count };
          return BREAK;
        }
      }
      return undefined;
    },
  });
  return found;
}

/** An operation type the schema has no root for (subscriptions, today). */
function missingOperationTypeRule(context: ValidationContext) {
  return {
    OperationDefinition(node: OperationDefinitionNode) {
      if (!context.getSchema().getRootType(node.operation)) {
        context.reportError(
          new GraphQLError(`SkillGraph's API has no ${node.operation} operations.`, {
            nodes: node,
          }),
        );
      }
    },
  };
}

/** The first list in a variable's value with more than `max` items, as a path (`ids`, `profile.skills`). */
export function oversizedList(value: unknown, max: number, path: string): { path: string; size: number } | null {
  if (Array.isArray(value)) {
    if (value.length > max) return { path, size: value.length };
    for (const [i, item] of value.entries()) {
      const found = oversizedList(item, max, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = oversizedList(item, max, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

function requestError(message: string, argument: string): BadUserInputError {
  const error = new BadUserInputError(message, argument);
  error.extensions.http = REQUEST_ERROR_HTTP;
  return error;
}

/** Each admitted operation's cost, by its context, for the rate limits (src/server/use-api-keys.ts). */
const operationCosts = new WeakMap<object, number>();

/** The Pothos complexity of the operation run with this context, once useQueryLimits admitted it. */
export function operationCostOf(context: unknown): number | undefined {
  return typeof context === 'object' && context !== null ? operationCosts.get(context) : undefined;
}

/** Variables (as JSON) longer than this are checked afresh every time rather than remembered. */
const MAX_REMEMBERED_VARIABLES = 2_048;
/** The cost of each document with the variables it was sent with, when it passed: repeats skip the check. */
type PassedChecks = WeakMap<DocumentNode, LRUCache<string, number>>;

/**
 * What depends on the request's own variables, checked for every request before any resolver runs:
 * the variables coerce, their lists are within the size limit, and the operation's cost is within its limit.
 * A document and variables that passed are remembered with their cost (costs depend on nothing else).
 */
function checkRequest(
  limits: QueryLimits,
  passedChecks: PassedChecks,
  args: Parameters<typeof checkRequestAfresh>[1],
): { errors: GraphQLError[]; cost?: number } {
  const variables = JSON.stringify(args.variableValues ?? {});
  if (variables.length > MAX_REMEMBERED_VARIABLES) return checkRequestAfresh(limits, args);
  const key = `${args.operationName ?? ''}\u0000${variables}`;
  let passed = passedChecks.get(args.document);
  const cost = passed?.get(key);
  if (cost !== undefined) return { errors: [], cost };
  const checked = checkRequestAfresh(limits, args);
  if (checked.errors.length === 0 && checked.cost !== undefined) {
    if (!passed) {
      passed = new LRUCache({ max: 64 });
      passedChecks.set(args.document, passed);
    }
    passed.set(key, checked.cost);
  }
  return checked;
}

function checkRequestAfresh(
  limits: QueryLimits,
  args: {
    schema: Parameters<typeof validate>[0];
    document: DocumentNode;
    variableValues?: Record<string, unknown> | null;
    operationName?: string | null;
    contextValue?: unknown;
  },
): { errors: GraphQLError[]; cost?: number } {
  const operation = getOperationAST(args.document, args.operationName);
  // Yoga has already refused (OPERATION_RESOLUTION_FAILURE) a document whose operation cannot be chosen.
  if (!operation) return { errors: [] };
  const variables = args.variableValues ?? {};
  const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], variables, { maxErrors: 10 });
  if (coerced.errors) {
    return {
      errors: coerced.errors.map((error) => {
        const variable = /Variable "\$(\w+)"/.exec(error.message)?.[1];
        return requestError(error.message, variable ? `$${variable}` : 'variables');
      }),
    };
  }
  for (const [name, value] of Object.entries(coerced.coerced)) {
    const oversized = oversizedList(value, limits.maxListSize, `$${name}`);
    if (oversized) {
      return { errors: [limitError('listSize', limits.maxListSize, oversized.size, ` items in ${oversized.path}`)] };
    }
  }
  const errors: GraphQLError[] = [];
  let cost: number | undefined;
  validate(args.schema, args.document, [
    createComplexityRule({
      variableValues: variables,
      operationName: operation.name?.value,
      context: args.contextValue as object,
      validate: (result, reportError) => {
        cost = result.complexity;
        if (result.complexity > limits.maxCost) {
          reportError(
            new LimitExceededError(
              'cost',
              `The query costs ${result.complexity}, over the cost limit of ${limits.maxCost}; ask for smaller pages or fewer hops. MAX_COST sets it.`,
              { max: limits.maxCost, actual: result.complexity },
              { beforeExecution: true },
            ),
          );
        }
      },
      onResult: (_result, reported) => errors.push(...reported),
    }),
  ]);
  return { errors, cost };
}

const duplicatedFields = new WeakMap<DocumentNode, ReturnType<typeof overDuplicatedField>>();
/** `overDuplicatedField`, once per parsed document (yoga hands the same one for the same text). */
function duplicatedFieldOf(document: DocumentNode): ReturnType<typeof overDuplicatedField> {
  if (!duplicatedFields.has(document)) duplicatedFields.set(document, overDuplicatedField(document));
  return duplicatedFields.get(document) ?? null;
}

/**
 * Rejects queries past the limits before execution, naming the limit. What depends only on the document
 * (length, tokens, depth, aliases, directives, list literals) is checked while parsing and validating, which
 * yoga caches by document; what depends on variables (their coercion, list sizes, cost) for every request.
 */
export function useQueryLimits(limits: QueryLimits): Plugin[] {
  // Per app: what passed under these limits.
  const passedChecks: PassedChecks = new WeakMap();
  const checkBeforeRunning = ({
    args,
    setResultAndStopExecution,
  }: {
    args: Parameters<typeof checkRequestAfresh>[1];
    setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
  }) => {
    const { errors, cost } = checkRequest(limits, passedChecks, args);
    if (errors.length > 0) setResultAndStopExecution({ errors });
    else if (cost !== undefined && args.contextValue) operationCosts.set(args.contextValue, cost);
  };
  return [
    {
      onParse({ params }) {
        const length = params.source.toString().length;
        if (length > limits.maxDocumentLength) {
          throw limitError('documentLength', limits.maxDocumentLength, length, ' characters');
        }
      },
      onValidate({ params, addValidationRule, setValidationFn, setResult }) {
        const duplicated = duplicatedFieldOf(params.documentAST);
        if (duplicated) {
          setResult([
            new LimitExceededError(
              'duplicateFields',
              `The field "${duplicated.key}" is selected ${duplicated.count} times in one selection set; the limit is ${MAX_DUPLICATE_FIELDS}.`,
              { max: MAX_DUPLICATE_FIELDS, actual: duplicated.count },
            ),
          ]);
          return;
        }
        addValidationRule(listSizeRule(limits.maxListSize));
        addValidationRule(missingOperationTypeRule);
        setValidationFn((schema, documentAST, rules) =>
          validate(schema, documentAST, rules, { maxErrors: MAX_VALIDATION_ERRORS }),
        );
        return ({ result }) => {
          // Yoga caches these errors with the document. Formatting each stack now lets go of what V8's lazy
          // stack trace holds: the rules' closures and, through them, the whole validation context.
          for (const error of result) void error.stack;
        };
      },
      onExecute: checkBeforeRunning,
      // A subscription is priced like a query when it starts; its events cost nothing more.
      onSubscribe: checkBeforeRunning,
    },
    maxTokensPlugin({ n: limits.maxTokens, onReject: [reportArmorRejection('tokens', limits.maxTokens)] }),
    maxDepthPlugin({
      n: limits.maxDepth,
      propagateOnRejection: false,
      onReject: [reportArmorRejection('depth', limits.maxDepth)],
    }),
    maxAliasesPlugin({
      n: limits.maxAliases,
      allowList: [],
      propagateOnRejection: false,
      onReject: [reportArmorRejection('aliases', limits.maxAliases)],
    }),
    maxDirectivesPlugin({
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [reportArmorRejection('directives', limits.maxDirectives)],
    }),
  ];
}

import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createComplexityRule } from '@pothos/plugin-complexity';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LimitExceededError } from '../errors.js';

export interface QueryLimits {
  /** Deepest field nesting. @default 15 */
  maxDepth: number;
  /** Pothos complexity: 1 per field, times the page size of connections and the hops and k of traversals. @default 50000 */
  maxCost: number;
  /** Aliased fields in one operation. @default 30 */
  maxAliases: number;
  /** Lexical tokens in one document. @default 3000 */
  maxTokens: number;
}

const SETTINGS: Record<'depth' | 'aliases' | 'tokens', string> = {
  depth: 'MAX_DEPTH',
  aliases: 'MAX_ALIASES',
  tokens: 'MAX_TOKENS',
};

function limitError(limit: keyof typeof SETTINGS, max: number, armorError: GraphQLError): LimitExceededError {
  const actual = Number(/found (\d+)/.exec(armorError.message)?.[1]) || undefined;
  return new LimitExceededError(
    limit,
    `The query exceeds the ${limit} limit of ${max}${actual ? ` (it has ${actual})` : ''}; ${SETTINGS[limit]} sets it.`,
    { max, ...(actual && { actual }) },
  );
}

/** Rejects, before execution, queries past the depth, cost, alias and token limits, naming the limit. */
export function useQueryLimits(limits: QueryLimits): Plugin[] {
  const report =
    (limit: keyof typeof SETTINGS, max: number) => (context: ValidationContext | null, error: GraphQLError) => {
      const limitExceeded = limitError(limit, max, error);
      if (!context) throw limitExceeded;
      context.reportError(limitExceeded);
    };
  return [
    maxTokensPlugin({ n: limits.maxTokens, onReject: [report('tokens', limits.maxTokens)] }),
    maxDepthPlugin({ n: limits.maxDepth, propagateOnRejection: false, onReject: [report('depth', limits.maxDepth)] }),
    maxAliasesPlugin({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [report('aliases', limits.maxAliases)],
    }),
    {
      onValidate({ addValidationRule, context }) {
        const params = (context as { params?: { variables?: Record<string, unknown>; operationName?: string } }).params;
        addValidationRule(
          createComplexityRule({
            variableValues: params?.variables ?? {},
            operationName: params?.operationName,
            context,
            validate: (result, reportError) => {
              if (result.complexity > limits.maxCost) {
                reportError(
                  new LimitExceededError(
                    'cost',
                    `The query costs ${result.complexity}, over the cost limit of ${limits.maxCost}; ask for smaller pages or fewer hops. MAX_COST sets it.`,
                    { max: limits.maxCost, actual: result.complexity },
                  ),
                );
              }
            },
          }),
        );
      },
    },
  ];
}

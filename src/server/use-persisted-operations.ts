import { readFileSync } from 'node:fs';
import { useAPQ } from '@graphql-yoga/plugin-apq';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, type GraphQLSchema, parse, validate } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { ConfigError, type PersistedOperationsConfig } from '../config.js';
import { type ErrorCode, REQUEST_ERROR_HTTP } from '../errors.js';

/** Characters of documents registered by APQ that are kept, least recently used out first. */
export const APQ_STORE_CHARACTERS = 2_000_000;

/**
 * The manifest could not be read, or holds something that is not a valid operation of the schema: a
 * configuration error, reported at start-up like the others.
 */
export class PersistedOperationsError extends ConfigError {
  constructor(file: string, problems: string[]) {
    super(problems.map((problem) => `PERSISTED_OPERATIONS_FILE=${JSON.stringify(file)}: ${problem}`));
    this.name = 'PersistedOperationsError';
  }
}

/**
 * Reads a manifest — a JSON object of hash (hex, or `sha256:` and hex) → document, as graphql-codegen's client
 * preset writes `persisted-documents.json` — and checks each document against the schema, so that a bad manifest stops
 * the service at start-up rather than failing one request at a time.
 */
export function loadPersistedOperations(file: string, schema: GraphQLSchema): Map<string, string> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PersistedOperationsError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new PersistedOperationsError(file, ['is not a JSON object of hash → document']);
  }
  const operations = new Map<string, string>();
  const problems: string[] = [];
  for (const [hash, document] of Object.entries(manifest)) {
    if (typeof document !== 'string') {
      problems.push(`has a value that is not a document under ${hash}`);
      continue;
    }
    try {
      const errors = validate(schema, parse(document));
      if (errors.length > 0) problems.push(`has an invalid document under ${hash}: ${errors[0]?.message}`);
    } catch (error) {
      problems.push(`has a document that does not parse under ${hash}: ${(error as Error).message}`);
    }
    // codegen's client preset names documents `sha256:<hex>` (GraphQL over HTTP's document id); APQ sends the hex.
    operations.set(hash.replace(/^sha256:/, ''), document);
  }
  if (problems.length > 0) throw new PersistedOperationsError(file, problems.slice(0, 5));
  return operations;
}

/** Trusted-documents mode refuses a document sent as text: only the manifest's operations run. */
export class PersistedQueryOnlyError extends GraphQLError {
  constructor() {
    super(
      'This server runs only persisted operations: send the hash of an operation of its manifest in ' +
        '`extensions.persistedQuery.sha256Hash`, without `query`.',
      { extensions: { code: 'PERSISTED_QUERY_ONLY' satisfies ErrorCode, http: { status: 403 } } },
    );
  }
}

/**
 * Persisted operations, as Apollo Client and urql send them (`extensions.persistedQuery { version: 1,
 * sha256Hash }`):
 *
 * - by default, automatic persisted queries (@graphql-yoga/plugin-apq): a hash alone runs the document
 *   registered under it, or gets `PersistedQueryNotFound` (PERSISTED_QUERY_NOT_FOUND, 404), after which the
 *   client sends the document with its hash to register it (a hash that is not the document's SHA-256:
 *   PERSISTED_QUERY_MISMATCH, 400). Registered documents are kept up to APQ_STORE_CHARACTERS, least
 *   recently used out first; a manifest, when given, is looked up first.
 * - with `only` (PERSISTED_ONLY=true), trusted documents (@graphql-yoga/plugin-persisted-operations): only
 *   the manifest's operations run; a document sent as text gets PERSISTED_QUERY_ONLY (403) and an unknown
 *   hash PERSISTED_QUERY_NOT_FOUND (404). Nothing can be registered.
 */
export function usePersistedQueries(config: PersistedOperationsConfig, schema: GraphQLSchema): Plugin {
  const manifest = config.manifestFile ? loadPersistedOperations(config.manifestFile, schema) : new Map();
  if (config.only) {
    return usePersistedOperations({
      getPersistedOperation: (hash) => manifest.get(hash) ?? null,
      allowArbitraryOperations: false,
      customErrors: {
        persistedQueryOnly: () => new PersistedQueryOnlyError(),
        notFound: {
          message: 'PersistedQueryNotFound',
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' satisfies ErrorCode, http: { status: 404 } },
        },
        keyNotFound: {
          message: 'The request has neither a query nor the hash of a persisted operation.',
          extensions: { code: 'BAD_REQUEST', http: REQUEST_ERROR_HTTP },
        },
      },
    });
  }
  const registered = new LRUCache<string, string>({
    max: 10_000,
    maxSize: APQ_STORE_CHARACTERS,
    sizeCalculation: (document) => Math.max(1, document.length),
  });
  return useAPQ({
    store: {
      get: (hash) => manifest.get(hash) ?? registered.get(hash),
      set: (hash, document) => {
        if (!manifest.has(hash)) registered.set(hash, document);
      },
    },
  });
}

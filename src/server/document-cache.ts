import type { DocumentNode } from 'graphql';
import type { YogaServerOptions } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

type ParserAndValidationCacheOptions = Exclude<
  NonNullable<YogaServerOptions<Record<string, unknown>, Record<string, unknown>>['parserAndValidationCache']>,
  boolean
>;

/** Characters of document text the caches may hold: a parsed document takes about 100 bytes per character. */
export const DOCUMENT_CACHE_CHARACTERS = 500_000;

/**
 * Yoga's parse and validation caches, bounded by the size of the documents rather than their number
 * (yoga's default keeps 1,024 of any size), so that many distinct large documents cannot fill the heap.
 * Validation results live in a WeakMap keyed by the parsed document and go with it.
 */
export function createDocumentCaches(): ParserAndValidationCacheOptions {
  const bounded = <T extends object>() =>
    new LRUCache<string, T>({
      max: 2_000,
      maxSize: DOCUMENT_CACHE_CHARACTERS,
      sizeCalculation: (_value, text) => Math.max(text.length, 1),
    });
  return { documentCache: bounded<DocumentNode>(), errorCache: bounded<object>(), validationCache: true };
}

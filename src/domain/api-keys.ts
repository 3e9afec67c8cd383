import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../database/database.js';
import {
  type ApiKeyRecord,
  activeKeyNamed,
  insertApiKey,
  markApiKeysRevoked,
  selectApiKeyByHash,
  selectApiKeys,
} from '../queries/api-key-queries.js';

export type { ApiKeyRecord };

/** What a key may do: `read` the graph; `write` it through the mutations too (a write key also reads). */
export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Recognisable in logs, configs and secret scanners; the rest is 32 random bytes, base64url. */
export const API_KEY_PREFIX = 'sg_';
const API_KEY_SHAPE = /^sg_[A-Za-z0-9_-]{43}$/;
const MAX_NAME_LENGTH = 100;

/** A failure of a key command, written for the person at the terminal. */
export class ApiKeyError extends Error {
  override name = 'ApiKeyError';
}

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up: the hex SHA-256 of the whole key. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Whether a string can be a key at all; anything else is refused without a database look-up. */
export function looksLikeApiKey(value: string): boolean {
  return API_KEY_SHAPE.test(value);
}

export function mayWrite(key: Pick<ApiKeyRecord, 'scopes'>): boolean {
  return key.scopes.includes('write');
}

export function mayRead(key: Pick<ApiKeyRecord, 'scopes'>): boolean {
  return key.scopes.includes('read') || mayWrite(key);
}

export interface NewApiKey {
  name: string;
  scopes?: string[];
  pointsPerMinute?: number | null;
}

/** Creates a key and returns it with its record: the only time the key itself is ever seen. */
export async function createApiKey(
  database: Database,
  { name, scopes = ['read'], pointsPerMinute = null }: NewApiKey,
): Promise<{ key: string; record: ApiKeyRecord }> {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH) {
    throw new ApiKeyError(`A key's name must be 1 to ${MAX_NAME_LENGTH} characters.`);
  }
  const unknown = scopes.filter((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0 || scopes.length === 0) {
    throw new ApiKeyError(
      `Unknown scope ${unknown.map((scope) => `"${scope}"`).join(', ') || '(none given)'}; the scopes are: ${API_KEY_SCOPES.join(', ')}.`,
    );
  }
  if (pointsPerMinute !== null && !(Number.isSafeInteger(pointsPerMinute) && pointsPerMinute > 0)) {
    throw new ApiKeyError(`--points-per-minute must be a whole number above 0, not ${pointsPerMinute}.`);
  }
  const key = generateApiKey();
  const record = await database.write(async (tx) => {
    if (await activeKeyNamed(tx, trimmed)) {
      throw new ApiKeyError(`A key named "${trimmed}" already exists; revoke it first or pick another name.`);
    }
    return insertApiKey(tx, {
      id: `key_${randomBytes(8).toString('hex')}`,
      name: trimmed,
      hash: hashApiKey(key),
      scopes: [...new Set(scopes)],
      pointsPerMinute,
    });
  });
  return { key, record };
}

export function listApiKeys(database: Database): Promise<ApiKeyRecord[]> {
  return database.read((tx) => selectApiKeys(tx));
}

/** The key's record, revoked ones included; null when no key has this hash. */
export function findApiKey(database: Database, key: string): Promise<ApiKeyRecord | null> {
  const hash = hashApiKey(key);
  return database.read((tx) => selectApiKeyByHash(tx, hash), { tag: 'api-key' });
}

/** Revokes the key with this id, or the active key with this name. */
export async function revokeApiKey(database: Database, idOrName: string): Promise<ApiKeyRecord> {
  const revoked = await database.write((tx) => markApiKeysRevoked(tx, idOrName));
  const [first] = revoked;
  if (!first)
    throw new ApiKeyError(`No active key has the id or name "${idOrName}"; \`npm run keys -- list\` shows them.`);
  return first;
}

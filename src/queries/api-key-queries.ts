import type { QueryRunner } from '../database/database.js';

/** An `(:ApiKey)` as stored: the key itself never is, only its SHA-256. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  scopes: string[];
  /** The key's own limit; null: RATE_LIMIT_KEY_POINTS per RATE_LIMIT_WINDOW_S. */
  pointsPerMinute: number | null;
  createdAt: string;
  revokedAt: string | null;
}

const PROJECTION = `k {
  .id, .name, .scopes, .pointsPerMinute,
  createdAt: toString(k.createdAt), revokedAt: toString(k.revokedAt)
} AS key`;

const toRecord = (value: unknown): ApiKeyRecord => {
  const key = value as ApiKeyRecord;
  return { ...key, pointsPerMinute: key.pointsPerMinute ?? null, revokedAt: key.revokedAt ?? null };
};

/** Whether a key not revoked already has this name. */
export async function activeKeyNamed(tx: QueryRunner, name: string): Promise<boolean> {
  const result = await tx.run('MATCH (k:ApiKey {name: $name}) WHERE k.revokedAt IS NULL RETURN k.id AS id LIMIT 1', {
    name,
  });
  return result.records.length > 0;
}

export async function insertApiKey(
  tx: QueryRunner,
  key: { id: string; name: string; hash: string; scopes: string[]; pointsPerMinute: number | null },
): Promise<ApiKeyRecord> {
  const result = await tx.run(
    `CREATE (k:ApiKey {id: $id, name: $name, hash: $hash, scopes: $scopes, pointsPerMinute: toInteger($pointsPerMinute),
                       createdAt: datetime()})
     RETURN ${PROJECTION}`,
    key,
  );
  return toRecord(result.records[0]?.get('key'));
}

/** Every key, newest first, without its hash. */
export async function selectApiKeys(tx: QueryRunner): Promise<ApiKeyRecord[]> {
  const result = await tx.run(`MATCH (k:ApiKey) RETURN ${PROJECTION} ORDER BY k.createdAt DESC, k.id`);
  return result.records.map((record) => toRecord(record.get('key')));
}

export async function selectApiKeyByHash(tx: QueryRunner, hash: string): Promise<ApiKeyRecord | null> {
  const result = await tx.run(`MATCH (k:ApiKey {hash: $hash}) RETURN ${PROJECTION}`, { hash });
  const found = result.records[0];
  return found ? toRecord(found.get('key')) : null;
}

/** Revokes the keys with this id, or the active keys with this name; returns those it revoked. */
export async function markApiKeysRevoked(tx: QueryRunner, idOrName: string): Promise<ApiKeyRecord[]> {
  const result = await tx.run(
    `MATCH (k:ApiKey)
     WHERE k.revokedAt IS NULL AND (k.id = $idOrName OR k.name = $idOrName)
     SET k.revokedAt = datetime()
     RETURN ${PROJECTION}`,
    { idOrName },
  );
  return result.records.map((record) => toRecord(record.get('key')));
}

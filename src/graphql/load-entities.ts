import type { EntityRecord } from '../graph/entity-record.js';
import type { Context } from './context.js';

/** Entities by key, batched by the request's loader; the keys come from the graph, so each must exist. */
export async function loadEntities(context: Context, keys: readonly string[]): Promise<EntityRecord[]> {
  const entities = await context.loaders.entityByKey.loadMany(keys);
  return entities.map((entity, i) => {
    if (!entity || entity instanceof Error) throw new Error(`entity ${keys[i]} vanished during the request`);
    return entity;
  });
}

export async function loadEntity(context: Context, key: string): Promise<EntityRecord> {
  return (await loadEntities(context, [key]))[0] as EntityRecord;
}

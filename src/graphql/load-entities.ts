import type { EntityRecord } from '../domain/career-graph.js';
import { GraphChangedError } from '../errors.js';
import type { Context } from './context.js';

/**
 * Entities by key, batched by the request's loader; the keys come from the graph, so each must exist.
 * When the loader failed (the database became unavailable, say), that failure is passed on as it is,
 * so a DATABASE_UNAVAILABLE stays one rather than becoming a masked error.
 */
export async function loadEntities(context: Context, keys: readonly string[]): Promise<EntityRecord[]> {
  const entities = await context.loaders.entityByKey.loadMany(keys);
  return entities.map((entity, i) => {
    if (entity instanceof Error) throw entity;
    if (!entity) throw new GraphChangedError(`entity ${keys[i]} vanished`);
    return entity;
  });
}

export const HOURS_ESTIMATED =
  'True when some of these hours are our estimates, not measured figures (see Skill.learningHoursEstimated).';

/** Whether any of these skills' learningHours is an estimate (imported skills). */
export async function anyHoursEstimated(context: Context, skillKeys: readonly string[]): Promise<boolean> {
  return (await loadEntities(context, skillKeys)).some((skill) => skill.learningHoursEstimated === true);
}

export async function loadEntity(context: Context, key: string): Promise<EntityRecord> {
  return (await loadEntities(context, [key]))[0] as EntityRecord;
}

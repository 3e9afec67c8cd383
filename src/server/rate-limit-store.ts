import { type RateLimiterAbstract, RateLimiterMemory } from 'rate-limiter-flexible';

/** One limit: `points` per `durationSeconds`, counted separately for each consumer key under `keyPrefix`. */
export interface LimiterSpec {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

/** Makes the limiter of one limit; every limiter the app uses comes from here. */
export type CreateRateLimiter = (spec: LimiterSpec) => RateLimiterAbstract;

/**
 * The default store: this process's memory, so each instance counts alone. With several instances behind
 * a load balancer, pass `createApp` a factory over a shared store instead, e.g. rate-limiter-flexible's
 * `new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: durationSeconds })`.
 */
export const createMemoryRateLimiter: CreateRateLimiter = ({ keyPrefix, points, durationSeconds }) =>
  new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });

import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors.js';
import type { CreateRateLimiter } from './rate-limit-store.js';

/** A limit: `points` per `windowSeconds`. */
export interface RateLimitPolicy {
  points: number;
  windowSeconds: number;
}

/** Where a consumer stands in its window after its last charge. */
export interface RateLimitState {
  remaining: number;
  msBeforeReset: number;
}

/**
 * The IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers, draft-7 style): the policy, and what is
 * left of it with the seconds until the window resets.
 */
export function rateLimitHeaders(policy: RateLimitPolicy, state: RateLimitState): Record<string, string> {
  const reset = Math.max(0, Math.ceil(state.msBeforeReset / 1000));
  return {
    'ratelimit-policy': `${policy.points};w=${policy.windowSeconds}`,
    ratelimit: `limit=${policy.points}, remaining=${Math.max(0, state.remaining)}, reset=${reset}`,
  };
}

/**
 * The address an anonymous client is counted by: the socket's peer, or behind a trusted proxy the first
 * `x-forwarded-for` hop (the client as the first proxy saw it). IPv4 in IPv6 form counts as IPv4.
 */
export function clientAddress({
  remoteAddress,
  forwardedFor,
  trustProxy,
}: {
  remoteAddress: string | undefined;
  forwardedFor: string | null;
  trustProxy: boolean;
}): string {
  const forwarded = trustProxy ? forwardedFor?.split(',')[0]?.trim() : undefined;
  const address = forwarded || remoteAddress || 'unknown';
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/** Limiters by policy, all from one store factory; charges consumers and refuses those over their limit. */
export class RateLimits {
  readonly #limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly createLimiter: CreateRateLimiter) {}

  /**
   * Takes `points` from `consumer`'s window under `policy`; over the limit, RATE_LIMITED with the headers
   * and Retry-After. A single charge larger than the whole limit is refused without being counted.
   */
  async charge(consumer: string, policy: RateLimitPolicy, points: number, hint: string): Promise<RateLimitState> {
    const limit = `${policy.points} points per ${policy.windowSeconds} s`;
    if (points > policy.points) {
      throw new RateLimitedError(
        `This query costs ${points} points, more than the rate limit of ${limit} allows at all; ask for smaller pages or fewer hops${hint}.`,
        policy.windowSeconds,
        rateLimitHeaders(policy, { remaining: 0, msBeforeReset: policy.windowSeconds * 1000 }),
      );
    }
    try {
      const res = await this.#limiter(policy).consume(consumer, points);
      return { remaining: res.remainingPoints, msBeforeReset: res.msBeforeNext };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new RateLimitedError(
        `Rate limit of ${limit} reached (each request costs 1 point, plus its query's cost when it runs); try again in ${retryAfterSeconds} s${hint}.`,
        retryAfterSeconds,
        rateLimitHeaders(policy, { remaining: 0, msBeforeReset: error.msBeforeNext }),
      );
    }
  }

  #limiter(policy: RateLimitPolicy): RateLimiterAbstract {
    const prefix = `skillgraph:rl:${policy.points}:${policy.windowSeconds}`;
    let limiter = this.#limiters.get(prefix);
    if (!limiter) {
      limiter = this.createLimiter({ keyPrefix: prefix, points: policy.points, durationSeconds: policy.windowSeconds });
      this.#limiters.set(prefix, limiter);
    }
    return limiter;
  }
}

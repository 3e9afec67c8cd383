import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, looksLikeApiKey } from '../../src/domain/api-keys.js';
import { ForbiddenError } from '../../src/errors.js';
import { createMemoryRateLimiter } from '../../src/server/rate-limit-store.js';
import { clientAddress, RateLimits, rateLimitHeaders } from '../../src/server/rate-limits.js';
import { presentedKey } from '../../src/server/use-api-keys.js';

describe('rateLimitHeaders', () => {
  it('writes the policy and what is left, the reset in whole seconds rounded up', () => {
    expect(rateLimitHeaders({ points: 20000, windowSeconds: 60 }, { remaining: 19876, msBeforeReset: 41_200 })).toEqual(
      {
        'ratelimit-policy': '20000;w=60',
        ratelimit: 'limit=20000, remaining=19876, reset=42',
      },
    );
  });

  it('never reports negative remaining points or reset', () => {
    expect(rateLimitHeaders({ points: 5, windowSeconds: 1 }, { remaining: -3, msBeforeReset: -10 }).ratelimit).toBe(
      'limit=5, remaining=0, reset=0',
    );
  });
});

describe('clientAddress', () => {
  it("is the socket's peer unless the proxy is trusted", () => {
    const forwardedFor = '203.0.113.7, 10.0.0.2';
    expect(clientAddress({ remoteAddress: '10.0.0.2', forwardedFor, trustProxy: false })).toBe('10.0.0.2');
    expect(clientAddress({ remoteAddress: '10.0.0.2', forwardedFor, trustProxy: true })).toBe('203.0.113.7');
  });

  it('falls back to the peer when a trusted proxy sends no X-Forwarded-For, and to "unknown" without a socket', () => {
    expect(clientAddress({ remoteAddress: '10.0.0.2', forwardedFor: null, trustProxy: true })).toBe('10.0.0.2');
    expect(clientAddress({ remoteAddress: '10.0.0.2', forwardedFor: ' , x', trustProxy: true })).toBe('10.0.0.2');
    expect(clientAddress({ remoteAddress: undefined, forwardedFor: null, trustProxy: false })).toBe('unknown');
  });

  it('counts IPv4 in IPv6 form as IPv4', () => {
    expect(clientAddress({ remoteAddress: '::ffff:192.0.2.1', forwardedFor: null, trustProxy: false })).toBe(
      '192.0.2.1',
    );
  });
});

describe('presentedKey', () => {
  const key = generateApiKey();
  it('reads a Bearer token or x-api-key, and ignores other schemes', () => {
    expect(presentedKey(new Headers({ authorization: `Bearer ${key}` }))).toBe(key);
    expect(presentedKey(new Headers({ authorization: `bearer  ${key}` }))).toBe(key);
    expect(presentedKey(new Headers({ 'x-api-key': key }))).toBe(key);
    expect(presentedKey(new Headers({ authorization: 'Basic dXNlcjpwYXNz' }))).toBeUndefined();
    expect(presentedKey(new Headers())).toBeUndefined();
  });

  it('refuses two different keys', () => {
    expect(() => presentedKey(new Headers({ authorization: `Bearer ${key}`, 'x-api-key': 'other' }))).toThrow(
      ForbiddenError,
    );
  });
});

describe('API keys', () => {
  it('are sg_ and 32 random bytes in base64url, stored as a SHA-256', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^sg_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeApiKey(key)).toBe(true);
    expect(generateApiKey()).not.toBe(key);
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(looksLikeApiKey(`${key}x`)).toBe(false);
  });
});

describe('RateLimits', () => {
  it('charges points and refuses past the limit with the seconds to wait', async () => {
    const limits = new RateLimits(createMemoryRateLimiter);
    const policy = { points: 10, windowSeconds: 30 };
    expect(await limits.charge('ip:a', policy, 4, '')).toMatchObject({ remaining: 6 });
    expect(await limits.charge('ip:b', policy, 1, '')).toMatchObject({ remaining: 9 });
    await expect(limits.charge('ip:a', policy, 7, '')).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 30, http: { status: 429 } },
    });
  });

  it('refuses a charge above the whole limit without counting it', async () => {
    const limits = new RateLimits(createMemoryRateLimiter);
    const policy = { points: 10, windowSeconds: 30 };
    await expect(limits.charge('ip:a', policy, 11, '')).rejects.toThrow(/more than the rate limit/);
    expect(await limits.charge('ip:a', policy, 10, '')).toMatchObject({ remaining: 0 });
  });
});

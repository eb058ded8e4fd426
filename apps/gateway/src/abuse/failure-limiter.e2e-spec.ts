import { Redis } from 'ioredis';
import { RateLimitedException } from '#libs/platform';
import { deleteRedisPrefix, testConfig } from '#libs/testing';
import { FailureLimiter } from './failure-limiter.js';

const CLIENT = '203.0.113.7';

async function limitedAfter(limiter: FailureLimiter, failures: number): Promise<unknown> {
  for (let i = 0; i < failures; i++) await limiter.recordFailure('token', CLIENT);
  return limiter.refuseIfLimited('token', CLIENT).then(() => 'let through', (error: unknown) => error);
}

describe('FailureLimiter against real Redis, and without it', () => {
  it('counts in Redis under QUEUE_PREFIX with the window as expiry, and refuses at the limit with Retry-After', async () => {
    const config = testConfig({ AUTH_FAILURE_LIMIT: '3', FAILURE_WINDOW_SECONDS: '120' });
    const limiter = new FailureLimiter(config);
    await limiter.onModuleInit();
    const redis = new Redis(config.REDIS_URL);
    try {
      expect(await limitedAfter(limiter, 2)).toBe('let through');
      const key = `${config.QUEUE_PREFIX}:failures:token:${CLIENT}`;
      expect(await redis.get(key)).toBe('2');
      expect(await redis.ttl(key)).toBeGreaterThan(100);
      const refused = await limitedAfter(limiter, 1);
      expect(refused).toBeInstanceOf(RateLimitedException);
      expect((refused as RateLimitedException).retryAfterSeconds).toBeGreaterThan(100);
      // Another kind is counted apart.
      await expect(limiter.refuseIfLimited('link', CLIENT)).resolves.toBeUndefined();
    } finally {
      await limiter.onApplicationShutdown();
      await deleteRedisPrefix(config.REDIS_URL, config.QUEUE_PREFIX);
      redis.disconnect();
    }
  });

  it('falls back to counting in memory when Redis is unreachable, so failures are still limited', async () => {
    const limiter = new FailureLimiter(testConfig({ AUTH_FAILURE_LIMIT: '3', REDIS_URL: 'redis://127.0.0.1:1' }));
    await limiter.onModuleInit();
    try {
      expect(await limitedAfter(limiter, 2)).toBe('let through');
      expect(await limitedAfter(limiter, 1)).toBeInstanceOf(RateLimitedException);
    } finally {
      await limiter.onApplicationShutdown();
    }
  });
});

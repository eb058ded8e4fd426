import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { RateLimitedException } from '#libs/platform';
import { redisOptionsFromUrl, withTimeout } from '#libs/workflow';
import { MemoryFailureCounter } from './memory-failure-counter.js';

/**
 * Bearer-token failures (401) and guesses at email-link tokens (unknown token) are limited apart;
 * so are sign-in emails asked for, per address and per client (every request counts, so the
 * answer cannot tell an employee's address from another).
 */
export type FailureKind = 'token' | 'link' | 'sign-in-address' | 'sign-in-client';

const REFUSALS: Record<FailureKind, string> = {
  token: 'Too many failed bearer tokens from this client; try again later.',
  link: 'Too many unknown email links from this client; try again later.',
  'sign-in-address': 'Too many sign-in emails asked for this address; try again later.',
  'sign-in-client': 'Too many sign-in emails asked for from this client; try again later.',
};

const REDIS_TIMEOUT_MS = 500;

/**
 * Counts a client's failures in Redis, so every gateway replica sees the same count, and refuses
 * the client with 429 once the limit is reached until its window ends. While Redis is unreachable
 * each replica counts on its own (in memory): weaker, but never open.
 */
@Injectable()
export class FailureLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(FailureLimiter.name);
  private readonly redis: Redis;
  private readonly memory: MemoryFailureCounter;
  private readonly limits: Record<FailureKind, number>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = new Redis({ ...redisOptionsFromUrl(config.REDIS_URL), enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true });
    this.redis.on('error', () => undefined);
    this.memory = new MemoryFailureCounter(config.FAILURE_WINDOW_SECONDS * 1000);
    this.limits = { token: config.AUTH_FAILURE_LIMIT, link: config.LINK_GUESS_LIMIT, 'sign-in-address': config.SIGN_IN_ADDRESS_LIMIT, 'sign-in-client': config.SIGN_IN_CLIENT_LIMIT };
  }

  async onModuleInit(): Promise<void> {
    await this.redis.connect().catch((error: Error) => this.logger.warn(`Failure counts stay in memory until Redis answers: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }

  /** Throws 429 with Retry-After when the client has used up its failures of this kind. */
  async refuseIfLimited(kind: FailureKind, client: string): Promise<void> {
    const key = this.key(kind, client);
    const { count, remainingMs } = await this.viaRedis(() => this.readRedis(key), () => this.memory.read(key, Date.now()));
    if (count >= this.limits[kind]) throw new RateLimitedException(Math.max(1, Math.ceil(remainingMs / 1000)), REFUSALS[kind]);
  }

  async recordFailure(kind: FailureKind, client: string): Promise<void> {
    const key = this.key(kind, client);
    await this.viaRedis(
      async () => {
        await this.redis.multi().incr(key).expire(key, this.config.FAILURE_WINDOW_SECONDS, 'NX').exec();
      },
      () => void this.memory.record(key, Date.now()),
    );
  }

  private async readRedis(key: string): Promise<{ count: number; remainingMs: number }> {
    const [[, count], [, ttl]] = (await this.redis.pipeline().get(key).pttl(key).exec()) as [[null, string | null], [null, number]];
    return { count: Number(count ?? 0), remainingMs: Math.max(0, ttl) };
  }

  private key(kind: FailureKind, client: string): string {
    return `${this.config.QUEUE_PREFIX}:failures:${kind}:${client}`;
  }

  private async viaRedis<T>(shared: () => Promise<T>, local: () => T): Promise<T> {
    if (this.redis.status === 'ready') {
      try {
        return await withTimeout(shared(), REDIS_TIMEOUT_MS, 'The failure count in Redis');
      } catch {
        // Fall through: a failure must still be counted somewhere.
      }
    }
    return local();
  }
}

import { Redis } from 'ioredis';
import pg from 'pg';
import { loadConfig, type AppConfig } from '#libs/config';
import { redisOptionsFromUrl } from '#libs/workflow';
import { excludeFromSqlCount } from './sql-counter.js';

export interface BenchOwn {
  databaseUrl: string;
  prefix: string;
  smtpUrl: string;
  jwtSecret: string;
  admin: string;
  /** DATABASE_POOL_SIZE; the default when absent. */
  poolSize?: string;
}

/**
 * The system's configuration in a benchmark: its own database, queue prefix and SMTP sink, warn
 * logs, any free port; REDIS_URL, NATS_URL, NOTIFIER_CONCURRENCY and SMTP_MAX_CONNECTIONS from the environment.
 */
export function benchConfig(own: BenchOwn): AppConfig {
  const env = {
    DATABASE_URL: own.databaseUrl,
    ...(own.poolSize ? { DATABASE_POOL_SIZE: own.poolSize } : {}),
    NOTIFIER_CONCURRENCY: process.env.NOTIFIER_CONCURRENCY,
    SMTP_MAX_CONNECTIONS: process.env.SMTP_MAX_CONNECTIONS,
    REDIS_URL: process.env.REDIS_URL,
    NATS_URL: process.env.NATS_URL,
    QUEUE_PREFIX: own.prefix,
    SMTP_URL: own.smtpUrl,
    JWT_SECRET: own.jwtSecret,
    BOOTSTRAP_ADMIN_EMAIL: own.admin,
    LOG_LEVEL: 'warn',
    PUBLIC_BASE_URL: 'http://salesflow.bench',
    PORT: '0',
  };
  const config = loadConfig(env);
  sourceEnv.set(config, env);
  return config;
}

// The variables each configuration was read from: a process started beside the bench (a notifier)
// reads the same ones, since the parsed values (durations in ms) are not what the variables hold.
const sourceEnv = new WeakMap<AppConfig, Record<string, string | undefined>>();

/** The environment `config` was loaded from, for a child process of the bench. */
export function benchEnvOf(config: AppConfig): Record<string, string> {
  const env = sourceEnv.get(config);
  if (!env) throw new Error('benchEnvOf: a configuration that benchConfig did not make');
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The bench's own Redis and Postgres clients; the client's statements are not counted as the app's. */
export async function benchClients(config: AppConfig): Promise<{ redis: Redis; client: pg.Client }> {
  const redis = new Redis({ ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: 1 });
  const client = new pg.Client({ connectionString: config.DATABASE_URL });
  excludeFromSqlCount(client);
  await client.connect();
  return { redis, client };
}

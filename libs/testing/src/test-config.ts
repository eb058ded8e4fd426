import { randomBytes } from 'node:crypto';
import { loadConfig, type AppConfig } from '#libs/config';

export const TEST_ADMIN_EMAIL = 'admin@salesflow.test';
// At least 32 bytes, so a test may also run with NODE_ENV=production.
export const TEST_JWT_SECRET = 'test-secret-for-salesflow-tests-0123456789';

/** A prefix of its own, so test files sharing Redis and NATS never see each other's queues or subjects. */
export function uniqueQueuePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/**
 * The configuration every test tier starts from: its own queue prefix, a small pool (Postgres
 * allows 100 connections for two jest workers and their apps), a known JWT secret and admin.
 */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_POOL_SIZE: '4',
    QUEUE_PREFIX: uniqueQueuePrefix(),
    JWT_SECRET: TEST_JWT_SECRET,
    BOOTSTRAP_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
    // Quiet unless someone debugging a test asks for the logs.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_BASE_URL: 'http://salesflow.test',
    // Test files send many bad tokens and links from one address on purpose; the limits have tests of their own.
    AUTH_FAILURE_LIMIT: '100000',
    LINK_GUESS_LIMIT: '100000',
    SIGN_IN_ADDRESS_LIMIT: '100000',
    SIGN_IN_CLIENT_LIMIT: '100000',
    ...env,
  });
}

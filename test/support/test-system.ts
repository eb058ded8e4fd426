import type { INestApplication } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import supertest from 'supertest';
import { AllInOneModule } from '../../apps/all-in-one/all-in-one.module.js';
import type { AppConfig } from '#libs/config';
import { Database, PrismaService } from '#libs/database';
import { createHttpApp } from '#libs/platform';
import { createTestDatabase, deleteRedisPrefix, SmtpSink, TEST_ADMIN_EMAIL, TEST_JWT_SECRET, testConfig, type TestDatabase } from '#libs/testing';
import type { Clock } from '#libs/time';
import type { EngineTimings } from '#libs/workflow';

export { TEST_JWT_SECRET };
export const ADMIN_EMAIL = TEST_ADMIN_EMAIL;

/** Fast engine ticks so tests do not wait for production intervals. */
export const TEST_ENGINE: Partial<EngineTimings> = { sweepMs: 100, relayMs: 100, reconcileMs: 500 };

export interface TestSystem {
  app: INestApplication;
  config: AppConfig;
  db: TestDatabase;
  smtp: SmtpSink;
  prisma: PrismaService;
  /** Kysely over the same pool: what the services' transactions run on. */
  database: Database;
  http: ReturnType<typeof supertest>;
  token(email: string): string;
  as(email: string): { get(path: string): supertest.Test; post(path: string): supertest.Test; put(path: string): supertest.Test; patch(path: string): supertest.Test };
  /** Another replica of every service on the same database, queues and NATS subjects. */
  startReplica(): Promise<INestApplication>;
  close(): Promise<void>;
}

export interface TestSystemOptions {
  clock?: Clock;
  engine?: Partial<EngineTimings>;
  env?: Record<string, string>;
  /** Rewrites the test database's URL the system connects with (a proxy that can cut it off). */
  databaseUrl?: (url: string) => string;
}

/**
 * The whole system in one process against the real Postgres (a database of its own), Redis and
 * NATS (a prefix of its own) and an in-process SMTP server.
 */
export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const db = await createTestDatabase();
  const smtp = await new SmtpSink().start();
  const config = testConfig({ DATABASE_URL: options.databaseUrl?.(db.url) ?? db.url, SMTP_URL: smtp.url, ...options.env });
  const apps: INestApplication[] = [];
  const start = async () => {
    const app = await createHttpApp(AllInOneModule.forRoot({ config, clock: options.clock, engine: { ...TEST_ENGINE, ...options.engine } }), { serveNats: true });
    await app.init();
    apps.push(app);
    return app;
  };
  const app = await start();
  const http = supertest(app.getHttpServer());
  const token = (email: string) => jwt.sign({ sub: email }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
  return {
    app,
    config,
    db,
    smtp,
    prisma: app.get(PrismaService),
    database: app.get(Database),
    http,
    token,
    as: (email: string) => ({
      get: (path: string) => http.get(path).set('Authorization', `Bearer ${token(email)}`),
      post: (path: string) => http.post(path).set('Authorization', `Bearer ${token(email)}`),
      put: (path: string) => http.put(path).set('Authorization', `Bearer ${token(email)}`),
      patch: (path: string) => http.patch(path).set('Authorization', `Bearer ${token(email)}`),
    }),
    startReplica: start,
    async close() {
      for (const running of apps.reverse()) await running.close();
      await smtp.stop();
      await deleteRedisPrefix(config.REDIS_URL, config.QUEUE_PREFIX);
      await db.drop();
    },
  };
}

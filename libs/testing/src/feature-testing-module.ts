import type { ModuleMetadata, Provider, Type } from '@nestjs/common';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import type { AppConfig } from '#libs/config';
import { PrismaService } from '#libs/database';
import { PlatformModule } from '#libs/platform';
import { ManualClock } from '#libs/time';
import { JobDispatcher } from '#libs/workflow';
import { OneFeatureJobDispatcher } from './one-feature-job-dispatcher.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { testConfig } from './test-config.js';
import { withoutRedis } from './without-redis.js';

/** Nothing listens on port 1: a connection the tier should not make fails instead of reaching a shared server. */
const NOWHERE = { REDIS_URL: 'redis://127.0.0.1:1', NATS_URL: 'nats://127.0.0.1:1', SMTP_URL: 'smtp://127.0.0.1:1' };

export interface FeatureTestingOptions {
  /** The feature module under test, and what the app makes global for it (e.g. FollowUpCoreModule). */
  imports: NonNullable<ModuleMetadata['imports']>;
  providers?: Provider[];
  /** Defaults to a ManualClock standing at the moment the module was built. */
  clock?: ManualClock;
  env?: Record<string, string>;
  /** More replacements, e.g. a fake for a collaborator the feature calls out to. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

export interface FeatureTestingModule {
  module: TestingModule;
  config: AppConfig;
  db: TestDatabase;
  clock: ManualClock;
  prisma: PrismaService;
  get<T>(token: Type<T>): T;
  /** Closes the module and drops its database. */
  close(): Promise<void>;
}

/**
 * The medium tier: one feature module on the platform every process runs (config, clock,
 * database, engine writers, org directory, notification requests), against a fresh database
 * copied from the migrated template, with no Redis, NATS or SMTP connection. Tests call the
 * feature's services and assert on rows.
 */
export async function featureTestingModule(options: FeatureTestingOptions): Promise<FeatureTestingModule> {
  const db = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: db.url, ...NOWHERE, ...options.env });
  const clock = options.clock ?? new ManualClock();
  let module: TestingModule | undefined;
  try {
    const builder = withoutRedis(
      Test.createTestingModule({ imports: [PlatformModule.forRoot({ config, clock }), ...options.imports], providers: options.providers ?? [] }),
    ).overrideProvider(JobDispatcher).useClass(OneFeatureJobDispatcher);
    module = await (options.override ? options.override(builder) : builder).compile();
    await module.init();
  } catch (error) {
    await module?.close();
    await db.drop();
    throw error;
  }
  const started = module;
  return {
    module: started,
    config,
    db,
    clock,
    prisma: started.get(PrismaService),
    get: (token) => started.get(token, { strict: false }),
    async close() {
      await started.close();
      await db.drop();
    },
  };
}

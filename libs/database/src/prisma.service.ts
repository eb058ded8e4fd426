import { Inject, Injectable, Logger } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '#generated/prisma';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { UTC_TYPE_PARSERS } from './pg-types.js';

const logger = new Logger('PrismaService');

/**
 * Prisma through its pg driver adapter (no engine binaries here). It owns the pool that Kysely
 * (`Database`) shares, and is disconnected last by the graceful shutdown, after workers finished.
 */
@Injectable()
export class PrismaService extends PrismaClient {
  readonly pool: pg.Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Prisma's adapter passes its own type parsers with every query; these serve Kysely's.
    const pool = new pg.Pool({
      connectionString: config.DATABASE_URL,
      max: config.DATABASE_POOL_SIZE,
      types: UTC_TYPE_PARSERS,
      // Bounds what Prisma's maxWait and transaction timeout bounded before the hot path moved to
      // Kysely, which has neither: a burst waits at most 15 s for a connection, and a transaction
      // left idle (a stuck await inside it) is ended by the server instead of holding its locks.
      connectionTimeoutMillis: 15_000,
      options: '-c idle_in_transaction_session_timeout=60000',
    });
    // An idle connection dropped by the server (a restart, a terminated backend) emits 'error' on
    // the pool; unheard, that would end the process. The adapter listens only once Prisma connects,
    // and Kysely may use the pool before.
    pool.on('error', (error) => logger.warn(`An idle database connection failed and was dropped: ${error.message}`));
    // pg-pool removes its own listener while a client is checked out, so a connection lost between
    // two statements of a transaction would emit 'error' unheard and end the process. The next
    // statement on that client fails by itself (a 503 at the edge); this only keeps the process up.
    pool.on('connect', (client) => client.on('error', (error) => logger.warn(`A database connection in use failed: ${error.message}`)));
    super({
      // The adapter's own @types/pg is a newer minor than ours; the runtime pg is one and the same.
      adapter: new PrismaPg(pool as unknown as ConstructorParameters<typeof PrismaPg>[0], { disposeExternalPool: true }),
      // A burst queues for a pooled connection instead of failing after Prisma's default 2 s.
      transactionOptions: { maxWait: 15_000, timeout: 30_000 },
    });
    this.pool = pool;
  }

  /** Prisma's disconnect leaves a pool it was given open (its adapter is only disposed on exit). */
  override async $disconnect(): Promise<void> {
    await super.$disconnect();
    if (!this.pool.ended) await this.pool.end();
  }
}

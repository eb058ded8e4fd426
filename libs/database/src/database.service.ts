import { Injectable } from '@nestjs/common';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { DB } from '#generated/kysely';
import { PrismaService } from './prisma.service.js';
import { kyselyPool } from './kysely-pool.js';

/**
 * What a statement runs on: the pool, or a transaction. Writers that must join the caller's
 * transaction take one of these; a `Transaction<DB>` is one.
 */
export type Tx = Kysely<DB>;

export type { Transaction };

/**
 * Kysely over the pg pool Prisma's adapter uses (so DATABASE_POOL_SIZE bounds both): the
 * transactions that carry a decision, a submission, a send and the engine's passes run here,
 * typed by tables generated from schema.prisma (prisma-kysely). Prisma keeps the schema, the
 * migrations and the ordinary reads and writes. See docs/engineering-notes.md.
 */
@Injectable()
export class Database {
  readonly db: Kysely<DB>;

  constructor(prisma: PrismaService) {
    this.db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: kyselyPool(prisma.pool) }) });
  }

  /** Runs `work` in one transaction: it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}

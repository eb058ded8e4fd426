import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, Prisma } from '#generated/prisma';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { PgSql, PrismaSql, type Sql } from './raw-sql.js';
import { preparedStatementNames } from './statement-names.js';

export type Tx = Prisma.TransactionClient;

export interface TransactionOptions {
  maxWait?: number;
  timeout?: number;
}

/** The connection a transaction opened by `PrismaService.transaction` runs on, while it is being opened. */
interface Opening {
  client?: pg.PoolClient;
  /** Set once the work runs: a transaction the work opens by other means must not be taken for this one. */
  sealed?: boolean;
  /** Set when Prisma ends the transaction, which it also does on its own when it times out. */
  ended?: boolean;
}

type AdapterTransaction = Awaited<ReturnType<Awaited<ReturnType<PrismaPg['connect']>>['startTransaction']>>;

/**
 * Marks the slot ended as soon as Prisma ends the transaction (it sends COMMIT or ROLLBACK, then
 * releases the connection): a statement sent after that must not reach the connection, which
 * may by then carry another transaction.
 */
function noteEnd(transaction: AdapterTransaction, slot: Opening): void {
  const { executeRaw, commit, rollback } = transaction;
  transaction.executeRaw = (query) => {
    if (query.sql === 'COMMIT' || query.sql === 'ROLLBACK') slot.ended = true;
    return executeRaw.call(transaction, query);
  };
  transaction.commit = () => {
    slot.ended = true;
    return commit.call(transaction);
  };
  transaction.rollback = () => {
    slot.ended = true;
    return rollback.call(transaction);
  };
}

const logger = new Logger('PrismaService');
const opening = new AsyncLocalStorage<Opening>();
const fastSql = new WeakMap<object, Sql>();

/**
 * Raw statements for `db` (a transaction client, or the PrismaService itself) straight through
 * `pg`, on the transaction's own connection; through Prisma's `$queryRaw` for a transaction that
 * `PrismaService.transaction` did not open.
 */
export function sqlOf(db: Tx): Sql {
  return fastSql.get(db) ?? new PrismaSql(db);
}

/**
 * The pg adapter, noting the pooled connection each transaction begins on. The adapter keeps it
 * as `client` on its transaction object (declared protected, plain at runtime): what
 * `raw-sql.e2e-spec` checks, by seeing uncommitted Prisma writes through the fast path.
 */
class ConnectionNotingPg extends PrismaPg {
  override async connect(): ReturnType<PrismaPg['connect']> {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await start(isolationLevel);
      const slot = opening.getStore();
      if (slot && !slot.sealed && !slot.client) {
        slot.client = (transaction as unknown as { client: pg.PoolClient }).client;
        noteEnd(transaction, slot);
      }
      return transaction;
    };
    return adapter;
  }
}

@Injectable()
/** Disconnected last, by the graceful shutdown, after workers finished their jobs. */
export class PrismaService extends PrismaClient {
  /** Shared with the adapter: one name per statement text on a connection, whichever path prepared it. */
  private readonly statementNames: (query: { sql: string }) => string | undefined;
  /** Prisma's adapter and the fast raw path share it, so DATABASE_POOL_SIZE bounds both. */
  private readonly pool: pg.Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
    // An idle connection dropped by the server (a restart, a terminated backend) emits 'error' on
    // the pool; unheard, that would end the process. The adapter listens only once Prisma connects,
    // and the fast path may use the pool before.
    pool.on('error', (error) => logger.warn(`An idle database connection failed and was dropped: ${error.message}`));
    const statementNames = preparedStatementNames();
    super({
      // The adapter's own @types/pg is a newer minor than ours; the runtime pg is one and the same.
      adapter: new ConnectionNotingPg(pool as unknown as ConstructorParameters<typeof PrismaPg>[0], {
        statementNameGenerator: statementNames as (query: { sql: string }) => string,
        disposeExternalPool: true,
      }),
      // A burst queues for a pooled connection instead of failing after Prisma's default 2 s.
      transactionOptions: { maxWait: 15_000, timeout: 30_000 },
    });
    this.statementNames = statementNames;
    this.pool = pool;
    fastSql.set(this, new PgSql(pool, statementNames));
  }

  /** Prisma's disconnect leaves a pool it was given open (its adapter is only disposed on exit). */
  override async $disconnect(): Promise<void> {
    await super.$disconnect();
    if (!this.pool.ended) await this.pool.end();
  }

  /**
   * `$transaction` with a callback, whose raw statements (through `sqlOf(tx)`) go straight to
   * the transaction's connection. Prisma model calls on `tx` work as usual, on the same connection.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const slot: Opening = {};
    return opening.run(slot, () =>
      this.$transaction(async (tx) => {
        slot.sealed = true;
        if (slot.client) fastSql.set(tx, new PgSql(slot.client, this.statementNames, () => !slot.ended));
        try {
          return await work(tx);
        } finally {
          // The connection goes back to the pool: a client kept past its transaction must not reach it.
          fastSql.delete(tx);
        }
      }, options),
    );
  }
}

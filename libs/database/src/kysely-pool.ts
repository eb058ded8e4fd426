import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { preparedStatementNames } from './statement-names.js';

/** Instants as ISO-8601 UTC, arrays included (pg would format a Date in the process's zone). */
function utc(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(utc);
  return value;
}

/**
 * The pg pool as Kysely's dialect sees it (its public `PostgresPool` interface), adding two
 * things to every statement: a name, so Postgres parses and plans it once per connection instead
 * of on every execution (Kysely does not name statements; without names the approval bench lost a
 * fifth of its throughput), and Date parameters sent as UTC: the `timestamp` columns hold UTC
 * wall time, as Prisma stores them, and pg's only switch for it is process-wide. Statements
 * without parameters (BEGIN, COMMIT) go unnamed. Ending the pool is Prisma's $disconnect's job.
 */
export function kyselyPool(pool: pg.Pool, statementName = preparedStatementNames()): PostgresPool {
  // Kysely keeps one connection object per client it is given: give it the same one each time.
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let known = wrapped.get(client);
    if (!known) {
      known = {
        get processID() {
          return (client as pg.PoolClient & { processID?: number }).processID;
        },
        release: (destroy?: boolean) => client.release(destroy),
        // Kysely passes a cursor object only when the dialect is given a cursor class; this one is not.
        query: ((statement: string, parameters: readonly unknown[]) =>
          client.query({ name: parameters.length > 0 ? statementName({ sql: statement }) : undefined, text: statement, values: parameters.map(utc) })) as unknown as PostgresPoolClient['query'],
      };
      wrapped.set(client, known);
    }
    return known;
  };
  return { connect: async () => wrap(await pool.connect()), end: async () => undefined, options: pool.options };
}

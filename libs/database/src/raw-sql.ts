import pg from 'pg';
import { Prisma } from '#generated/prisma';

/**
 * Raw statements straight to the `pg` driver, with the rows Prisma's `$queryRaw` would return.
 *
 * Prisma 6's client runs every raw statement through its WebAssembly query interpreter and its
 * transaction manager: ~0.4 ms of JavaScript per statement on this machine, against ~0.1 ms for
 * `pg` itself (docs/engineering-notes.md). The hot paths (a decision is ~20 statements) use this
 * instead, on the same pooled connection and inside the same transaction as the Prisma calls
 * around them.
 */
export interface Sql {
  /** The statement's rows, typed as `$queryRaw` types them (numeric as Decimal, int8 as bigint, timestamps as Date). */
  query<T>(statement: Prisma.Sql): Promise<T[]>;
  /** The number of rows the statement changed, as `$executeRaw` counts them. */
  execute(statement: Prisma.Sql): Promise<number>;
}

/** Something that runs a statement: a pooled client inside a transaction, or the pool itself. */
export type Runner = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

const OID = { int8: 20, numeric: 1700, timestamp: 1114, date: 1082, textArray: 1009, int8Array: 1016, numericArray: 1231, timestampArray: 1115, dateArray: 1182 } as const;

/** A `timestamp` (without time zone) holds UTC here, as Prisma writes it: "2026-11-27 17:30:00.123". */
function utcTimestamp(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

const ELEMENT_PARSERS = {
  int8: (text: string) => BigInt(text),
  numeric: (text: string) => new Prisma.Decimal(text),
  timestamp: utcTimestamp,
  date: (text: string) => new Date(`${text}T00:00:00Z`),
};

/** An array of `element`s: pg's text[] parser splits it (quoting, NULLs), each element is then parsed. */
function arrayOf(element: (text: string) => unknown): (text: string) => unknown[] {
  // pg-types declares only scalar type ids; its text[] parser is registered all the same.
  const split = (pg.types.getTypeParser as (oid: number) => (text: string) => (string | null)[])(OID.textArray);
  return (text) => split(text).map((item) => (item === null ? null : element(item)));
}

const PARSERS: Partial<Record<number, (text: string) => unknown>> = {
  [OID.int8]: ELEMENT_PARSERS.int8,
  [OID.numeric]: ELEMENT_PARSERS.numeric,
  [OID.timestamp]: ELEMENT_PARSERS.timestamp,
  [OID.date]: ELEMENT_PARSERS.date,
  [OID.int8Array]: arrayOf(ELEMENT_PARSERS.int8),
  [OID.numericArray]: arrayOf(ELEMENT_PARSERS.numeric),
  [OID.timestampArray]: arrayOf(ELEMENT_PARSERS.timestamp),
  [OID.dateArray]: arrayOf(ELEMENT_PARSERS.date),
};

const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format ?? 'text') === 'text' && PARSERS[oid] ? PARSERS[oid] : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Parameters as Prisma sends them: instants as ISO-8601 UTC (a `timestamp` column ignores the
 * zone, a `timestamptz` honours it; pg alone would write local time), decimals and bigints as
 * text. Arrays are mapped element by element, because pg formats a Date inside an array itself.
 */
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Prisma.Decimal.isDecimal(value)) return (value as Prisma.Decimal).toString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(parameter);
  return value;
}

export class PgSql implements Sql {
  constructor(
    private readonly runner: Runner,
    private readonly statementName: (query: { sql: string }) => string | undefined,
    /** For a transaction's connection: false once the transaction has ended (committed, rolled back, timed out). */
    private readonly open: () => boolean = () => true,
  ) {}

  async query<T>(statement: Prisma.Sql): Promise<T[]> {
    return (await this.run(statement)).rows as T[];
  }

  async execute(statement: Prisma.Sql): Promise<number> {
    return (await this.run(statement)).rowCount ?? 0;
  }

  private run(statement: Prisma.Sql): Promise<pg.QueryResult> {
    if (!this.open()) return Promise.reject(new Error('The transaction has already ended (committed, rolled back, or timed out); its statements can no longer run.'));
    const text = statement.text;
    return (this.runner as pg.Pool).query({ name: this.statementName({ sql: text }), text, values: statement.values.map(parameter), types: TYPES });
  }
}

/** The same interface over Prisma's own raw calls, for a transaction client `PrismaService.transaction` did not open. */
export class PrismaSql implements Sql {
  constructor(private readonly client: Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'>) {}

  query<T>(statement: Prisma.Sql): Promise<T[]> {
    return this.client.$queryRaw<T[]>(statement);
  }

  execute(statement: Prisma.Sql): Promise<number> {
    return this.client.$executeRaw(statement);
  }
}

// The fast raw path (pg straight, see raw-sql.ts) must be indistinguishable from Prisma's
// $queryRaw to the code above it: the same row types, the same instants, the same transaction.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Prisma } from '#generated/prisma';
import { loadConfig } from '#libs/config';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { isUniqueViolation } from './idempotency.js';
import { PrismaService, sqlOf, type Tx } from './prisma.service.js';
import { PgSql, PrismaSql } from './raw-sql.js';

// Instants must not depend on the process's zone (pg alone formats and parses local time): the
// test command runs every test with TZ=Asia/Shanghai (package.json), where that would show.

let db: TestDatabase;
let prisma: PrismaService;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = new PrismaService(loadConfig({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '3', JWT_SECRET: 'raw-sql-spec-secret-000' }));
  await prisma.$connect();
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const at = new Date('2026-03-29T01:30:00.123Z');

const everyType = () => Prisma.sql`
  SELECT 12.50::numeric AS amount, count(*) AS n, 7::int AS small, ${at}::timestamp AS ts, ${at}::timestamptz AS tstz,
         'x'::text AS t, ${randomUUIDFixed}::uuid AS id, 'PENDING_APPROVAL'::"ContractStatus"::text AS status, '{"a":[1,"b"]}'::json AS j,
         '{"k":true}'::jsonb AS jb, true AS yes, 1.5::float8 AS f, ARRAY['a','b'] AS arr, NULL::text AS nothing,
         ${new Prisma.Decimal('3.25')}::numeric AS "decimalParam", ${10n}::int8 AS "bigParam", ${[at, at]}::timestamp[] AS "dateArray",
         ARRAY[1.5, NULL]::numeric[] AS "decimals", ARRAY[1, 2]::int8[] AS "bigs", ARRAY['2026-03-29'::date] AS "days"
  FROM generate_series(1, 3)`;
const randomUUIDFixed = '5b0f6a3e-7d7c-4a55-9e0e-2f0c2b7b1a11';

describe('raw statements straight through pg', () => {
  it('returns the rows Prisma $queryRaw returns, for every type the repositories read', async () => {
    const [viaPrisma] = await prisma.$queryRaw<Record<string, unknown>[]>(everyType());
    const [fast] = await sqlOf(prisma).query<Record<string, unknown>>(everyType());
    expect(sqlOf(prisma)).toBeInstanceOf(PgSql);
    for (const column of Object.keys(viaPrisma)) {
      expect([column, fast[column]]).toEqual([column, viaPrisma[column]]);
      expect([column, isDeepStrictEqual(fast[column], viaPrisma[column])]).toEqual([column, true]);
    }
    expect(Object.keys(fast).sort()).toEqual(Object.keys(viaPrisma).sort());
    expect((fast.ts as Date).toISOString()).toBe(at.toISOString());
    expect((fast.amount as Prisma.Decimal).toFixed(2)).toBe('12.50');
    expect(fast.n).toBe(3n);
  });

  it('writes instants as UTC and counts changed rows like $executeRaw', async () => {
    const id = randomUUID();
    await sqlOf(prisma).execute(Prisma.sql`
      INSERT INTO "Outbox" (id, queue, "jobName", payload, "createdAt") VALUES (${id}::uuid, 'test', 'utc', '{}', ${at})`);
    const stored = await prisma.outbox.findUniqueOrThrow({ where: { id } });
    expect(stored.createdAt.toISOString()).toBe(at.toISOString());
    const changed = await sqlOf(prisma).execute(Prisma.sql`UPDATE "Outbox" SET "jobName" = 'utc2' WHERE id = ${id}::uuid OR "jobName" = 'none'`);
    expect(changed).toBe(1);
  });

  it('runs on the transaction\u2019s own connection: sees its uncommitted Prisma writes and rolls back with it', async () => {
    const id = randomUUID();
    await expect(
      prisma.transaction(async (tx) => {
        expect(sqlOf(tx)).toBeInstanceOf(PgSql);
        await tx.outbox.create({ data: { id, queue: 'test', jobName: 'in-tx', payload: {} } });
        const seen = await sqlOf(tx).query<{ jobName: string }>(Prisma.sql`SELECT "jobName" FROM "Outbox" WHERE id = ${id}::uuid`);
        expect(seen).toEqual([{ jobName: 'in-tx' }]);
        await sqlOf(tx).execute(Prisma.sql`UPDATE "Outbox" SET "jobName" = 'fast' WHERE id = ${id}::uuid`);
        expect((await tx.outbox.findUniqueOrThrow({ where: { id } })).jobName).toBe('fast');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await prisma.outbox.findUnique({ where: { id } })).toBeNull();
  });

  it('commits what both paths wrote, and keeps concurrent transactions on their own connections', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await Promise.all(
      ids.map((id) =>
        prisma.transaction(async (tx) => {
          await sqlOf(tx).execute(Prisma.sql`INSERT INTO "Outbox" (id, queue, "jobName", payload) VALUES (${id}::uuid, 'test', 'mine', '{}')`);
          // Another transaction's uncommitted row is invisible here: each has its own connection.
          const visible = await sqlOf(tx).query<{ id: string }>(Prisma.sql`SELECT id FROM "Outbox" WHERE id = ANY(${ids}::uuid[])`);
          expect(visible.map((row) => row.id)).toEqual([id]);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }),
      ),
    );
    expect(await prisma.outbox.count({ where: { id: { in: ids } } })).toBe(3);
  });

  it('reports a unique violation as one (what idempotent creates rely on)', async () => {
    const id = randomUUID();
    const insert = Prisma.sql`INSERT INTO "Outbox" (id, queue, "jobName", payload) VALUES (${id}::uuid, 'test', 'dup', '{}')`;
    await sqlOf(prisma).execute(insert);
    const error = await sqlOf(prisma).execute(insert).then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('refuses a transaction client kept past its transaction (its connection is back in the pool)', async () => {
    let kept: Tx | undefined;
    await prisma.transaction(async (tx) => {
      kept = tx;
    });
    await expect(sqlOf(kept!).query(Prisma.sql`SELECT 1::int AS one`)).rejects.toThrow(/transaction/i);
  });

  it('survives the server dropping an idle pooled connection before Prisma ever connected, and reconnects', async () => {
    const fresh = new PrismaService(loadConfig({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '1', JWT_SECRET: 'raw-sql-spec-secret-000' }));
    try {
      const [{ pid }] = await sqlOf(fresh).query<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`);
      await sqlOf(prisma).query(Prisma.sql`SELECT pg_terminate_backend(${pid}::int)`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // An unheard 'error' on the pool would have ended this process (the test run) by now.
      expect(await sqlOf(fresh).query(Prisma.sql`SELECT 1::int AS one`)).toEqual([{ one: 1 }]);
    } finally {
      await fresh.$disconnect();
    }
  });

  it('refuses statements after Prisma timed the transaction out, so none runs outside it or on a reused connection', async () => {
    const id = randomUUID();
    let late: unknown;
    await expect(
      prisma.transaction(
        async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 400));
          late = await sqlOf(tx)
            .execute(Prisma.sql`INSERT INTO "Outbox" (id, queue, "jobName", payload) VALUES (${id}::uuid, 'test', 'late', '{}')`)
            .catch((error: unknown) => error);
        },
        { timeout: 150 },
      ),
    ).rejects.toThrow();
    expect((late as Error).message).toMatch(/already ended/);
    expect(await prisma.outbox.findUnique({ where: { id } })).toBeNull();
  });

  it('falls back to Prisma for a transaction opened with $transaction', async () => {
    await prisma.$transaction(async (tx) => {
      expect(sqlOf(tx)).toBeInstanceOf(PrismaSql);
      expect(await sqlOf(tx).query(Prisma.sql`SELECT 1::int AS one`)).toEqual([{ one: 1 }]);
    });
  });
});

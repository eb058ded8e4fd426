// Kysely runs the hot-path transactions on the pool Prisma's adapter uses. These guard what the
// code above relies on: instants stored and read as UTC whatever the process's zone (the test
// command runs with TZ=Asia/Shanghai, where a local-time slip shows), transactions isolated from
// each other under concurrency, rollback, one shape for unique violations, and Prisma's reads
// agreeing with Kysely's writes.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '#libs/config';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { Database } from './database.service.js';
import { PrismaService } from './prisma.service.js';
import { isUniqueViolation } from './unique-violation.js';

let testDb: TestDatabase;
let prisma: PrismaService;
let database: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  prisma = new PrismaService(loadConfig({ NODE_ENV: 'test', DATABASE_URL: testDb.url, DATABASE_POOL_SIZE: '4', JWT_SECRET: 'database-spec-secret-000' }));
  database = new Database(prisma);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await testDb?.drop();
});

const at = new Date('2026-03-29T01:30:00.123Z');

const outboxRow = (id: string, jobName: string) => ({ id, queue: 'test', jobName, payload: '{}', createdAt: at });

describe('the Kysely path', () => {
  it('writes and reads instants as UTC, as Prisma does (builder, raw template and arrays)', async () => {
    const id = randomUUID();
    await database.db.insertInto('Outbox').values(outboxRow(id, 'utc')).execute();
    expect((await prisma.outbox.findUniqueOrThrow({ where: { id } })).createdAt.toISOString()).toBe(at.toISOString());
    const read = await database.db.selectFrom('Outbox').select('createdAt').where('id', '=', id).executeTakeFirstOrThrow();
    expect(read.createdAt.toISOString()).toBe(at.toISOString());
    const { rows } = await sql<{ ts: Date; stamps: Date[]; wall: string }>`
      SELECT ${at}::timestamp AS ts, ${[at, at]}::timestamp[] AS stamps, to_char(${at}::timestamp, 'HH24:MI') AS wall`.execute(database.db);
    expect(rows[0].ts.toISOString()).toBe(at.toISOString());
    expect(rows[0].stamps.map((stamp) => stamp.toISOString())).toEqual([at.toISOString(), at.toISOString()]);
    expect(rows[0].wall).toBe('01:30');
    const before = await database.db.selectFrom('Outbox').select('id').where('createdAt', '<', new Date(at.getTime() + 1)).where('id', '=', id).execute();
    expect(before).toHaveLength(1);
  });

  it('rolls back everything a transaction wrote when its work throws', async () => {
    const id = randomUUID();
    await expect(
      database.transaction(async (tx) => {
        await tx.insertInto('Outbox').values(outboxRow(id, 'in-tx')).execute();
        expect(await tx.selectFrom('Outbox').select('jobName').where('id', '=', id).executeTakeFirst()).toEqual({ jobName: 'in-tx' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await prisma.outbox.findUnique({ where: { id } })).toBeNull();
  });

  it('keeps concurrent transactions on their own connections (no statement sees another one\u2019s uncommitted row)', async () => {
    // Each transaction inserts, waits until all have inserted, looks, and waits until all have
    // looked before it commits: so no row is committed while anyone looks, and a statement routed
    // to another transaction's connection would see that one's row.
    const barrier = (parties: number) => {
      let arrived = 0;
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return () => (++arrived === parties && open(), opened);
    };
    for (let round = 0; round < 20; round++) {
      const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const allInserted = barrier(ids.length);
      const allLooked = barrier(ids.length);
      const seen = new Map<string, string[]>();
      await Promise.all(
        ids.map((id) =>
          database.transaction(async (tx) => {
            await tx.insertInto('Outbox').values(outboxRow(id, 'mine')).execute();
            await allInserted();
            const visible = await tx.selectFrom('Outbox').select('id').where('id', 'in', ids).execute();
            seen.set(id, visible.map((row) => row.id));
            await allLooked();
          }),
        ),
      );
      for (const id of ids) expect(seen.get(id)).toEqual([id]);
      expect(await prisma.outbox.count({ where: { id: { in: ids } } })).toBe(4);
    }
  });

  it('reports a unique violation from Kysely and from Prisma in one shape', async () => {
    const id = randomUUID();
    await database.db.insertInto('Outbox').values(outboxRow(id, 'dup')).execute();
    const fromKysely = await database.db.insertInto('Outbox').values(outboxRow(id, 'dup')).execute().then(() => null, (e: unknown) => e);
    const fromPrisma = await prisma.outbox.create({ data: { id, queue: 'test', jobName: 'dup', payload: {} } }).then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(fromKysely)).toBe(true);
    expect(isUniqueViolation(fromPrisma)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });

  it('survives the server dropping an idle pooled connection', async () => {
    const fresh = new PrismaService(loadConfig({ NODE_ENV: 'test', DATABASE_URL: testDb.url, DATABASE_POOL_SIZE: '1', JWT_SECRET: 'database-spec-secret-000' }));
    const freshDb = new Database(fresh);
    try {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(freshDb.db);
      await sql`SELECT pg_terminate_backend(${rows[0].pid})`.execute(database.db);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await sql<{ one: number }>`SELECT 1::int AS one`.execute(freshDb.db);
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      await fresh.$disconnect();
    }
  });
});

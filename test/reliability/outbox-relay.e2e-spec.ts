import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { waitFor } from '#libs/testing';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * DESIGN "outbox": the relay claims unpublished rows with SKIP LOCKED, never an `id > last`
 * cursor (which skips rows that commit late), and two relays never publish the same row while one
 * of them holds it.
 *
 * The rows are `approval.remind` jobs for timers and steps that do not exist, which the handler
 * skips: only publishing and the final outcome are observed.
 */
describe('outbox relay', () => {
  const system = useTestSystem();

  function reminderPayload() {
    return JSON.stringify({ timerId: randomUUID(), subjectId: randomUUID() });
  }

  /** An id that sorts before / after every random UUID, so a cursor on id (or createdAt) would skip the early one. */
  const lowId = () => `00000000-0000-4000-8000-${randomBytes(6).toString('hex')}`;
  const highId = () => `ffffffff-ffff-4fff-bfff-${randomBytes(6).toString('hex')}`;

  async function outboxRow(id: string) {
    return system.prisma.outbox.findUnique({ where: { id } });
  }

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: system.db.url });
    await client.connect();
    return client;
  }

  it('guarantee: a row that commits late (smaller id, earlier createdAt, committed after a later row was already published) is still published and run once', async () => {
    const slow = await connect();
    try {
      const early = lowId();
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO "Outbox" (id, queue, "jobName", payload, "createdAt") VALUES ($1, 'approval-urgent', 'approval.remind', $2::jsonb, now() - interval '1 minute')`,
        [early, reminderPayload()],
      );

      // A later row commits first and goes all the way through while the early one is uncommitted.
      const later = highId();
      await system.prisma.$executeRaw`
        INSERT INTO "Outbox" (id, queue, "jobName", payload, "createdAt")
        VALUES (${later}::uuid, 'approval-urgent', 'approval.remind', ${reminderPayload()}::jsonb, now())`;
      await waitFor('the later row to be published and done', () => outboxRow(later), (row) => row?.publishedAt != null && row.doneAt != null);
      expect(await outboxRow(early)).toBeNull(); // still invisible: not committed

      await slow.query('COMMIT');
      const published = await waitFor('the late-committed row to be published and done', () => outboxRow(early), (row) => row?.publishedAt != null && row.doneAt != null);
      expect(published!.outcome).toBe('skipped');
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      await slow.end();
    }
  });

  it('guarantee: a row held by another relay (locked in its claiming transaction) is skipped, not waited on and not published twice; it is published once the lock goes', async () => {
    const otherRelay = await connect();
    try {
      // Another replica's relay claims a committed, unpublished row (FOR UPDATE) and has not yet
      // finished its pass. Insert + lock go in one round trip; if our relay got there first, try
      // again with a new row (bounded).
      let held: string | null = null;
      for (let attempt = 0; attempt < 20 && !held; attempt += 1) {
        const id = lowId();
        try {
          // One simple-protocol message: the INSERT commits, then the claim begins at once.
          const results = (await otherRelay.query(
            `INSERT INTO "Outbox" (id, queue, "jobName", payload, "createdAt") VALUES ('${id}', 'approval-urgent', 'approval.remind', '${reminderPayload()}'::jsonb, now());
             COMMIT; BEGIN; SELECT "publishedAt" FROM "Outbox" WHERE id = '${id}' FOR UPDATE NOWAIT;`,
          )) as unknown as pg.QueryResult[];
          if (results[3].rows[0].publishedAt === null) held = id;
          else await otherRelay.query('ROLLBACK');
        } catch {
          await otherRelay.query('ROLLBACK');
        }
      }
      if (!held) throw new Error('Could not lock an unpublished outbox row before the relay published it');

      const free = highId();
      await system.prisma.$executeRaw`
        INSERT INTO "Outbox" (id, queue, "jobName", payload, "createdAt")
        VALUES (${free}::uuid, 'approval-urgent', 'approval.remind', ${reminderPayload()}::jsonb, now())`;
      // Our relay is not blocked by the lock: the free row goes through ...
      await waitFor('the free row to be published and done', () => outboxRow(free), (row) => row?.publishedAt != null && row.doneAt != null);
      // ... and the held one is left to its holder (not published a second time).
      expect((await outboxRow(held))!.publishedAt).toBeNull();

      // The holder goes away without publishing (crash, rollback): our relay takes the row.
      await otherRelay.query('ROLLBACK');
      const published = await waitFor('the released row to be published and done', () => outboxRow(held!), (row) => row?.publishedAt != null && row.doneAt != null);
      expect(published!.outcome).toBe('skipped');
    } finally {
      await otherRelay.query('ROLLBACK').catch(() => undefined);
      await otherRelay.end();
    }
  });
});

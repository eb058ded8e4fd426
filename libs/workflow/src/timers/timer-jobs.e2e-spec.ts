// TimerJobs carries the guarantees every timer handler relies on, against the real Postgres:
// nothing is acted on before its due time (a clock jump), a subject that is gone or no longer
// due is skipped, the work and the job's recorded outcome commit together or not at all.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '#libs/config';
import { Database, OutboxSignal, PrismaService } from '#libs/database';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { NotDueYetError } from './not-due-yet.error.js';
import { TimerJobs, type TimerWork } from './timer-jobs.js';

let testDb: TestDatabase;
let prisma: PrismaService;
let database: Database;
let clock: ManualClock;
let timers: TimerJobs;

beforeAll(async () => {
  testDb = await createTestDatabase();
  prisma = new PrismaService(loadConfig({ NODE_ENV: 'test', DATABASE_URL: testDb.url, DATABASE_POOL_SIZE: '2', JWT_SECRET: 'timer-jobs-spec-secret-00' }));
  database = new Database(prisma);
  clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
  timers = new TimerJobs(database, new OutboxSignal(), clock);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await testDb?.drop();
});

/** A fired timer whose subject is an outbox row of its own (any lockable row serves), and the job's outbox row. */
async function armed(dueAt: Date) {
  const subjectId = randomUUID();
  const timerId = randomUUID();
  const outboxId = randomUUID();
  await database.db.insertInto('Outbox').values([
    { id: subjectId, queue: 'test', jobName: 'subject', payload: '{}', createdAt: dueAt },
    { id: outboxId, queue: 'test', jobName: 'test.timer', payload: '{}', createdAt: dueAt },
  ]).execute();
  await database.db.insertInto('Timer').values({ id: timerId, kind: 'test.timer', subjectId, dueAt, uniqueKey: `test:${timerId}`, queue: 'test', firedAt: dueAt, createdAt: dueAt }).execute();
  return { payload: { timerId, subjectId }, context: { outboxId, correlationId: null, queue: 'test' }, subjectId };
}

/** Work that locks the subject row and marks it done (jobName 'acted'). */
function marking(overrides: Partial<TimerWork<{ id: string; jobName: string }>> = {}): TimerWork<{ id: string; jobName: string }> {
  return {
    lock: (tx, timer) => tx.selectFrom('Outbox').select(['id', 'jobName']).where('id', '=', timer.subjectId).forUpdate().executeTakeFirst(),
    stillDue: (subject) => subject.jobName !== 'acted',
    act: async (tx, subject) => {
      await tx.updateTable('Outbox').set({ jobName: 'acted' }).where('id', '=', subject.id).execute();
    },
    ...overrides,
  };
}

const outcomeOf = async (id: string) => database.db.selectFrom('Outbox').select(['outcome', 'doneAt', 'jobName']).where('id', '=', id).executeTakeFirstOrThrow();

describe('TimerJobs', () => {
  it('acts once when due, and records done with the work in one commit', async () => {
    const job = await armed(new Date('2026-12-01T07:59:00Z'));
    expect((await timers.run(job.payload, job.context, marking())).outcome).toBe('done');
    expect((await outcomeOf(job.subjectId)).jobName).toBe('acted');
    expect(await outcomeOf(job.context.outboxId)).toMatchObject({ outcome: 'done', doneAt: clock.now() });
    // A duplicate delivery finds the work done and skips.
    expect((await timers.run(job.payload, job.context, marking())).outcome).toBe('skipped');
  });

  it('refuses to act before the due time (a clock jump) and records nothing', async () => {
    const job = await armed(new Date('2026-12-01T09:00:00Z'));
    await expect(timers.run(job.payload, job.context, marking())).rejects.toBeInstanceOf(NotDueYetError);
    expect((await outcomeOf(job.subjectId)).jobName).toBe('subject');
    expect(await outcomeOf(job.context.outboxId)).toMatchObject({ outcome: null, doneAt: null });
  });

  it('skips a timer that is gone, a subject that is gone, and work no longer due, even early', async () => {
    const job = await armed(new Date('2026-12-01T09:00:00Z'));
    expect((await timers.run({ ...job.payload, timerId: randomUUID() }, job.context, marking())).outcome).toBe('skipped');
    expect((await timers.run(job.payload, job.context, marking({ lock: async () => null }))).outcome).toBe('skipped');
    expect((await timers.run(job.payload, job.context, marking({ stillDue: () => false }))).outcome).toBe('skipped');
    expect(await outcomeOf(job.context.outboxId)).toMatchObject({ outcome: 'skipped' });
  });

  it('rolls back the work and records no outcome when acting fails (BullMQ retries)', async () => {
    const job = await armed(new Date('2026-12-01T07:00:00Z'));
    const failing = marking({
      act: async (tx, subject) => {
        await tx.updateTable('Outbox').set({ jobName: 'acted' }).where('id', '=', subject.id).execute();
        throw new Error('SMTP relay unreachable');
      },
    });
    await expect(timers.run(job.payload, job.context, failing)).rejects.toThrow('SMTP relay unreachable');
    expect((await outcomeOf(job.subjectId)).jobName).toBe('subject');
    expect(await outcomeOf(job.context.outboxId)).toMatchObject({ outcome: null, doneAt: null });
  });
});

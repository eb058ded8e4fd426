import { UnrecoverableError, type Job } from 'bullmq';
import { JOB_ATTEMPTS, QUEUES, type JobEnvelope, type JobName } from '#libs/queue';
import { featureTestingModule, TEST_ADMIN_EMAIL, type FeatureTestingModule } from '#libs/testing';
import { JobDispatcher, PermanentJobError } from '#libs/workflow';
import { FollowUpCoreModule } from '../../customer-follow-up.module.js';
import { RevisitDigestService } from '../../revisits/revisit-digest.service.js';
import { CustomersModule } from '../customers.module.js';
import { ImportBatches } from './import-batches.js';

/**
 * Medium tier: a `customer.import` job through the real JobDispatcher and OutboxJobRunner on a real
 * database, its batches replaced by a stand-in that fails as told. A job that dies for good (a
 * permanent error at once, a transient one when its attempts run out) writes its dead letter and,
 * in the same transaction, `@OnJobDeath('customer.import')` leaves the import `failed` with the
 * error and its staged rows deleted; a transient error with attempts left is retried and books nothing.
 */
describe('customer import jobs (medium: dispatcher and runner on a real database)', () => {
  let t: FeatureTestingModule;
  let failWith: Error | null = null;
  const batches = { run: async () => { if (failWith) throw failWith; return 'done' as const; } };
  const digests = { fire: async () => { throw new PermanentJobError('no such owner'); } };

  beforeAll(async () => {
    t = await featureTestingModule({
      imports: [FollowUpCoreModule, CustomersModule],
      override: (builder) => builder.overrideProvider(ImportBatches).useValue(batches).overrideProvider(RevisitDigestService).useValue(digests),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A running import with three staged rows, and the outbox row of its job. */
  async function runningImport() {
    const admin = await t.prisma.employee.findUniqueOrThrow({ where: { email: TEST_ADMIN_EMAIL } });
    const upload = await t.prisma.customerImport.create({ data: { uploadedById: admin.id, format: 'csv', status: 'running', rowsTotal: 3 } });
    await t.prisma.customerImportRow.createMany({ data: [1, 2, 3].map((rowNumber) => ({ importId: upload.id, rowNumber, raw: `row ${rowNumber}` })) });
    const outbox = await t.prisma.outbox.create({ data: { queue: QUEUES.followUpBulk, jobName: 'customer.import', payload: { importId: upload.id } } });
    return { importId: upload.id, outboxId: outbox.id };
  }

  function job(name: JobName, outboxId: string, data: Record<string, unknown>, attemptsMade: number) {
    return {
      id: `ob-${outboxId}`, name, queueName: QUEUES.followUpBulk, attemptsMade, opts: { attempts: JOB_ATTEMPTS },
      data: { outboxId, correlationId: 'corr-import', ...data },
    } as unknown as Job<JobEnvelope & Record<string, unknown>>;
  }

  const state = async (importId: string, outboxId: string) => ({
    upload: await t.prisma.customerImport.findUniqueOrThrow({ where: { id: importId } }),
    staged: await t.prisma.customerImportRow.count({ where: { importId } }),
    outbox: await t.prisma.outbox.findUniqueOrThrow({ where: { id: outboxId } }),
    deadLetters: await t.prisma.deadLetter.findMany({ where: { outboxId } }),
  });

  it('a permanent error dies at once: the dead letter, and in its transaction the import failed with the error and its staged rows gone', async () => {
    const { importId, outboxId } = await runningImport();
    failWith = new PermanentJobError('the database refuses the batch');

    await expect(t.get(JobDispatcher).dispatch(job('customer.import', outboxId, { importId }, 0))).rejects.toBeInstanceOf(UnrecoverableError);

    const after = await state(importId, outboxId);
    expect(after.deadLetters).toEqual([expect.objectContaining({ jobName: 'customer.import', queue: QUEUES.followUpBulk, payload: { importId }, error: 'the database refuses the batch', correlationId: 'corr-import' })]);
    expect(after.outbox.outcome).toBe('dead');
    expect(after.upload).toMatchObject({ status: 'failed', error: 'the database refuses the batch' });
    expect(after.upload.finishedAt).not.toBeNull();
    expect(after.staged).toBe(0);
  });

  it('a transient error with attempts left is retried and books nothing; on the last attempt the job dies and the import fails', async () => {
    const { importId, outboxId } = await runningImport();
    failWith = new Error('connection reset');

    await expect(t.get(JobDispatcher).dispatch(job('customer.import', outboxId, { importId }, 0))).rejects.toThrow('connection reset');
    let after = await state(importId, outboxId);
    expect(after.deadLetters).toEqual([]);
    expect(after.outbox.doneAt).toBeNull();
    expect(after.upload.status).toBe('running');
    expect(after.staged).toBe(3);

    await expect(t.get(JobDispatcher).dispatch(job('customer.import', outboxId, { importId }, JOB_ATTEMPTS - 1))).rejects.toBeInstanceOf(UnrecoverableError);
    after = await state(importId, outboxId);
    expect(after.deadLetters.map((letter) => letter.error)).toEqual(['connection reset']);
    expect(after.upload).toMatchObject({ status: 'failed', error: 'connection reset' });
    expect(after.staged).toBe(0);
  });

  it('a job without death bookkeeping still dies into a dead letter; an import job that succeeds records its outcome', async () => {
    const { importId, outboxId } = await runningImport();
    const digestOutbox = await t.prisma.outbox.create({ data: { queue: QUEUES.followUpBulk, jobName: 'revisit.digest', payload: { timerIds: [] } } });
    await expect(t.get(JobDispatcher).dispatch(job('revisit.digest', digestOutbox.id, { timerIds: [] }, 0))).rejects.toBeInstanceOf(UnrecoverableError);
    expect((await t.prisma.deadLetter.findMany({ where: { outboxId: digestOutbox.id } })).map((letter) => letter.jobName)).toEqual(['revisit.digest']);

    failWith = null;
    await expect(t.get(JobDispatcher).dispatch(job('customer.import', outboxId, { importId }, 0))).resolves.toBe('done');
    const after = await state(importId, outboxId);
    expect(after.outbox.outcome).toBe('done');
    expect(after.deadLetters).toEqual([]);
    expect(after.upload.status).toBe('running');
  });
});

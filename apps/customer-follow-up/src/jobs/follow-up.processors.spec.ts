import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Tx } from '#libs/database';
import type { JobEnvelope } from '#libs/queue';
import { DeadJobHooks, OutboxJobRunner, PermanentJobError, type DeadJob, type JobOutcomeRecorder } from '#libs/workflow';
import { FollowUpJobRouter } from './follow-up-job.router.js';
import { FollowUpBulkProcessor } from './follow-up.processors.js';

/** The real runner over a recorder that keeps what it was told, running the dead-letter callback with a stand-in transaction. */
class RecordingOutcomes {
  readonly finished: string[] = [];
  readonly deadLetters: DeadJob[] = [];
  readonly tx = { stands: 'for the dead letter transaction' } as unknown as Tx;

  async finish(outboxId: string, outcome: string): Promise<void> {
    this.finished.push(`${outboxId}:${outcome}`);
  }

  async dead(job: DeadJob, alsoInTransaction?: (tx: Tx) => Promise<void>): Promise<void> {
    this.deadLetters.push(job);
    if (alsoInTransaction) await alsoInTransaction(this.tx);
  }
}

function importJob(attemptsMade: number): Job<JobEnvelope & Record<string, string>> {
  return {
    id: 'ob-outbox-1', name: 'customer.import', queueName: 'followup-bulk', attemptsMade, opts: { attempts: 8 },
    data: { outboxId: 'outbox-1', correlationId: 'corr-1', importId: 'import-1' },
  } as unknown as Job<JobEnvelope & Record<string, string>>;
}

describe('follow-up processors: a route\u2019s onDead runs when its job dies for good', () => {
  let outcomes: RecordingOutcomes;
  let router: FollowUpJobRouter;
  let processor: FollowUpBulkProcessor;
  let deaths: { tx: Tx; error: string; payload: Record<string, string> }[];

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    outcomes = new RecordingOutcomes();
    const hooks = new DeadJobHooks();
    router = new FollowUpJobRouter(hooks);
    processor = new FollowUpBulkProcessor(new OutboxJobRunner(outcomes as unknown as JobOutcomeRecorder, hooks), router);
    deaths = [];
  });

  const registerFailing = (error: Error) =>
    router.register('customer.import', async () => { throw error; }, {
      onDead: async (tx, dead, payload) => { deaths.push({ tx, error: dead.message, payload }); },
    });

  it('a permanent error: the dead letter is written and onDead gets its transaction, the error and the payload without the envelope', async () => {
    registerFailing(new PermanentJobError('the database refuses the batch'));
    await expect(processor.process(importJob(0))).rejects.toBeInstanceOf(UnrecoverableError);
    expect(outcomes.deadLetters.map((d) => [d.outboxId, d.jobName, d.error])).toEqual([['outbox-1', 'customer.import', 'the database refuses the batch']]);
    expect(deaths).toEqual([{ tx: outcomes.tx, error: 'the database refuses the batch', payload: { importId: 'import-1' } }]);
  });

  it('a transient error with attempts left is retried: no dead letter, no onDead; on the last attempt both happen', async () => {
    registerFailing(new Error('connection reset'));
    await expect(processor.process(importJob(0))).rejects.toThrow('connection reset');
    expect(outcomes.deadLetters).toEqual([]);
    expect(deaths).toEqual([]);

    await expect(processor.process(importJob(7))).rejects.toBeInstanceOf(UnrecoverableError);
    expect(deaths.map((d) => d.error)).toEqual(['connection reset']);
  });

  it('a job without onDead still dies into a dead letter; a handler that succeeds records its outcome', async () => {
    router.register('revisit.digest', async () => { throw new PermanentJobError('no such owner'); });
    router.register('customer.import', async (payload) => (payload.importId === 'import-1' ? 'done' : 'skipped'));
    await expect(processor.process({ ...importJob(0), name: 'revisit.digest' } as Job<JobEnvelope & Record<string, string>>)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(outcomes.deadLetters.map((d) => d.jobName)).toEqual(['revisit.digest']);
    await expect(processor.process(importJob(0))).resolves.toBe('done');
    expect(outcomes.finished).toEqual(['outbox-1:done']);
  });
});

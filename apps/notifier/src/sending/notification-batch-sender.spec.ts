import { Logger } from '@nestjs/common';
import type { AppConfig } from '#libs/config';
import type { Tx } from '#libs/database';
import { PermanentJobError, ShutdownState, type DeadJob, type JobOutcomeRecorder } from '#libs/workflow';
import { NotificationBatchSender } from './notification-batch-sender.service.js';
import type { NotificationSender } from './notification-sender.service.js';

type OnPermanent = (tx: Tx, error: string) => Promise<void>;

/** A sender whose sends finish when the test says so, recording which ones started. */
class ControlledSender {
  readonly started: string[] = [];
  private readonly finishers = new Map<string, (finish: (onPermanent?: OnPermanent) => Promise<'done'>) => void>();

  send(id: string, _job: undefined, onPermanent?: OnPermanent): Promise<'done'> {
    this.started.push(id);
    return new Promise((resolve, reject) => {
      this.finishers.set(id, (finish) => finish(onPermanent).then(resolve, reject));
    });
  }

  finish(id: string, how: (onPermanent?: OnPermanent) => Promise<'done'> = async () => 'done'): void {
    this.finishers.get(id)!(how);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const TX = { stands: 'for the dead-letter transaction' } as unknown as Tx;

describe('NotificationBatchSender (fakes for the one-email path)', () => {
  let sender: ControlledSender;
  let letters: DeadJob[];
  let shutdown: ShutdownState;
  let batch: NotificationBatchSender;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    sender = new ControlledSender();
    letters = [];
    shutdown = new ShutdownState();
    const outcomes = { letter: async (_tx: Tx, job: DeadJob) => void letters.push(job) } as unknown as JobOutcomeRecorder;
    batch = new NotificationBatchSender(sender as unknown as NotificationSender, outcomes, shutdown, { NOTIFIER_CONCURRENCY: 2 } as AppConfig);
  });

  const job = { outboxId: 'outbox-1', queue: 'notifier-bulk', correlationId: 'corr-1' };

  it('sends at most NOTIFIER_CONCURRENCY at once, and the batch is done when all are', async () => {
    const run = batch.sendAll(job, ['a', 'b', 'c']);
    await tick();
    expect(sender.started).toEqual(['a', 'b']);
    sender.finish('a');
    await tick();
    expect(sender.started).toEqual(['a', 'b', 'c']);
    sender.finish('b');
    sender.finish('c');
    await expect(run).resolves.toBe('done');
  });

  it('guarantee: SMTP 5xx for one email writes its own dead letter in the transaction that marks it dead, and the batch still succeeds', async () => {
    const run = batch.sendAll(job, ['a', 'b']);
    await tick();
    sender.finish('a', async (onPermanent) => {
      await onPermanent!(TX, '550 5.1.1 Mailbox unavailable');
      throw new PermanentJobError('SMTP refused');
    });
    sender.finish('b');
    await expect(run).resolves.toBe('done');
    expect(letters).toEqual([{ outboxId: 'outbox-1', queue: 'notifier-bulk', jobName: 'notification.send', payload: { notificationId: 'a' }, correlationId: 'corr-1', error: '550 5.1.1 Mailbox unavailable' }]);
  });

  it('guarantee: a transient failure fails the batch (to be retried) only after the other sends finished', async () => {
    const run = batch.sendAll(job, ['a', 'b', 'c']);
    await tick();
    sender.finish('a', async () => {
      throw new Error('451 greylisted');
    });
    await tick();
    sender.finish('b');
    sender.finish('c');
    await expect(run).rejects.toThrow('1 of 3 emails of batch outbox-1 failed and will be retried with it: 451 greylisted');
    expect(sender.started).toEqual(['a', 'b', 'c']);
  });

  it('guarantee: once shutdown begins, sends not started are released (the batch is retried elsewhere); those in flight finish', async () => {
    const run = batch.sendAll(job, ['a', 'b', 'c', 'd']);
    await tick();
    shutdown.begin();
    sender.finish('a');
    sender.finish('b');
    await expect(run).rejects.toThrow(/2 of 4 emails of batch outbox-1 failed and will be retried with it: Email c released: the notifier is shutting down/);
    expect(sender.started).toEqual(['a', 'b']);
  });
});

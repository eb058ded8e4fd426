// The boot-time check: a served queue's job without a handler, or with two, stops the process at
// start with its name; and a job reaches the one method marked for its name.
import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Job } from 'bullmq';
import type { JobEnvelope, JobPayload } from '#libs/queue';
import { DeadJobHooks } from '../dead-job-hooks.js';
import { OutboxJobRunner } from '../outbox-job.runner.js';
import type { JobContext } from './job-context.js';
import { JobDispatcher } from './job-dispatcher.js';
import { OnJob, OnJobDeath, SERVED_QUEUE } from './on-job.decorator.js';

const seen: Array<{ payload: unknown; context: JobContext }> = [];

@Injectable()
class Reminders {
  @OnJob('approval.remind')
  async remind(payload: JobPayload<'approval.remind'>, context: JobContext) {
    seen.push({ payload, context });
    return 'done' as const;
  }
}

@Injectable()
class Escalations {
  @OnJob('approval.escalate')
  async escalate() {
    return 'skipped' as const;
  }
}

@Injectable()
class Absences {
  @OnJob('absence.start')
  async start() {
    return 'done' as const;
  }

  @OnJob('absence.end')
  async end() {
    return 'done' as const;
  }

  @OnJobDeath('absence.end')
  async endDied() {}
}

@Injectable()
class SecondReminders {
  @OnJob('approval.remind')
  async remindAgain() {
    return 'done' as const;
  }
}

/** Stands for `queueProcessor(QUEUES.approvalUrgent)` without a Redis connection. */
class ApprovalUrgentConsumer {}
Reflect.defineMetadata(SERVED_QUEUE, 'approval-urgent', ApprovalUrgentConsumer);

/** Runs the handler as the real runner does, without recording outcomes in a database. */
const runner = { run: (_job: unknown, handler: () => Promise<unknown>) => handler() };

async function boot(providers: Array<new () => object>) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobDispatcher, DeadJobHooks, { provide: OutboxJobRunner, useValue: runner }, ApprovalUrgentConsumer, ...providers],
  }).compile();
  await module.init();
  return module;
}

describe('JobDispatcher', () => {
  it('starts when every job of a served queue has one handler, and routes each job to it', async () => {
    const module = await boot([Reminders, Escalations, Absences]);
    const job = { name: 'approval.remind', queueName: 'approval-urgent', data: { timerId: 't1', subjectId: 's1', outboxId: 'o1', correlationId: 'c1' } };
    await expect(module.get(JobDispatcher).dispatch(job as unknown as Job<JobEnvelope & Record<string, unknown>>)).resolves.toBe('done');
    expect(seen).toEqual([{ payload: { timerId: 't1', subjectId: 's1' }, context: { outboxId: 'o1', correlationId: 'c1', queue: 'approval-urgent' } }]);
    expect(module.get(DeadJobHooks).for('absence.end')).toBeDefined();
    await module.close();
  });

  it('routes a job queued under its old name (before the one-name renames) to the current handler', async () => {
    const module = await boot([Reminders, Escalations, Absences]);
    seen.length = 0;
    const job = { name: 'approval.reminder', queueName: 'approval-urgent', data: { timerId: 't2', subjectId: 's2', outboxId: 'o2', correlationId: null } };
    await expect(module.get(JobDispatcher).dispatch(job as unknown as Job<JobEnvelope & Record<string, unknown>>)).resolves.toBe('done');
    expect(seen.map((call) => call.payload)).toEqual([{ timerId: 't2', subjectId: 's2' }]);
    await module.close();
  });

  it('refuses to start when a job of a served queue has no handler, naming it', async () => {
    await expect(boot([Reminders, Absences])).rejects.toThrow(/No @OnJob handler for approval\.escalate \(queue approval-urgent\)/);
  });

  it('refuses to start when a job has two handlers, naming both', async () => {
    await expect(boot([Reminders, SecondReminders, Escalations, Absences])).rejects.toThrow(
      /approval\.remind has two @OnJob handlers: Reminders\.remind and SecondReminders\.remindAgain/,
    );
  });
});

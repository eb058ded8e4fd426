import { Injectable } from '@nestjs/common';
import { DeadJobHooks, type DeadJobHook } from '#libs/workflow';
import type { Tx } from '#libs/database';
import type { JobName, JobPayload } from '#libs/queue';

export type FollowUpJobHandler<N extends JobName = JobName> = (payload: JobPayload<N>, correlationId: string | null) => Promise<'done' | 'skipped'>;

/**
 * The domain's own bookkeeping when a job dies for good (a permanent error, retries exhausted, or
 * failed outside its run and found by the reconciler), in the transaction that writes the dead
 * letter: e.g. the import row becomes `failed`. Kept in DeadJobHooks, where the runner and the
 * reconciler look it up.
 */
export type FollowUpJobDeadHandler<N extends JobName = JobName> = (tx: Tx, error: Error, payload: JobPayload<N>) => Promise<void>;

/**
 * One BullMQ worker per queue takes every job name of that queue; each feature registers the
 * handlers for its own job names here (in onModuleInit), so features stay in their own folders.
 */
@Injectable()
export class FollowUpJobRouter {
  private readonly handlers = new Map<string, FollowUpJobHandler>();

  constructor(private readonly deadJobHooks: DeadJobHooks) {}

  register<N extends JobName>(name: N, handler: FollowUpJobHandler<N>, options: { onDead?: FollowUpJobDeadHandler<N> } = {}): void {
    if (this.handlers.has(name)) throw new Error(`A handler for ${name} is registered twice.`);
    // The handler is looked up by the job's name, so the payload it gets is the one of that name.
    this.handlers.set(name, handler as unknown as FollowUpJobHandler);
    if (options.onDead) this.deadJobHooks.register(name, options.onDead as unknown as DeadJobHook);
  }

  handlerFor(name: string): FollowUpJobHandler {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No customer-follow-up handler for job ${name}.`);
    return handler;
  }
}

import { Injectable, Optional } from '@nestjs/common';
import { DeadJobHooks, type DeadJobHook } from '../../../../libs/workflow/src/index.js';
import type { Tx } from '../../../../libs/database/src/index.js';
import type { JobName, JobPayload } from '../../../../libs/queue/src/index.js';

export type FollowUpJobHandler<N extends JobName = JobName> = (payload: JobPayload<N>, correlationId: string | null) => Promise<'done' | 'skipped'>;

/**
 * The domain's own bookkeeping when a job dies for good (a permanent error, or retries exhausted),
 * in the transaction that writes the dead letter: e.g. the import row becomes `failed`.
 */
export type FollowUpJobDeadHandler<N extends JobName = JobName> = (tx: Tx, error: Error, payload: JobPayload<N>) => Promise<void>;

export interface FollowUpJobRoute {
  handler: FollowUpJobHandler;
  onDead?: FollowUpJobDeadHandler;
}

/**
 * One BullMQ worker per queue takes every job name of that queue; each feature registers the
 * handlers for its own job names here (in onModuleInit), so features stay in their own folders.
 */
@Injectable()
export class FollowUpJobRouter {
  private readonly routes = new Map<string, FollowUpJobRoute>();

  constructor(@Optional() private readonly deadJobHooks?: DeadJobHooks) {}

  register<N extends JobName>(name: N, handler: FollowUpJobHandler<N>, options: { onDead?: FollowUpJobDeadHandler<N> } = {}): void {
    if (this.routes.has(name)) throw new Error(`A handler for ${name} is registered twice.`);
    // The route is looked up by the job's name, so the payload it gets is the one of that name.
    const route = { handler, ...(options.onDead ? { onDead: options.onDead } : {}) } as unknown as FollowUpJobRoute;
    this.routes.set(name, route);
    // Also for deaths recorded outside the job's run (the reconciler).
    if (options.onDead) this.deadJobHooks?.register(name, options.onDead as unknown as DeadJobHook);
  }

  routeFor(name: string): FollowUpJobRoute {
    const route = this.routes.get(name);
    if (!route) throw new Error(`No customer-follow-up handler for job ${name}.`);
    return route;
  }
}

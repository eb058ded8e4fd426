import { Injectable } from '@nestjs/common';
import type { Tx } from '../../../../libs/database/src/index.js';
import type { JobName } from '../../../../libs/queue/src/index.js';

export type FollowUpJobPayload = Record<string, string>;

export type FollowUpJobHandler = (payload: FollowUpJobPayload, correlationId: string | null) => Promise<'done' | 'skipped'>;

/**
 * The domain's own bookkeeping when a job dies for good (a permanent error, or retries exhausted),
 * in the transaction that writes the dead letter: e.g. the import row becomes `failed`.
 */
export type FollowUpJobDeadHandler = (tx: Tx, error: Error, payload: FollowUpJobPayload) => Promise<void>;

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

  register(name: JobName, handler: FollowUpJobHandler, options: { onDead?: FollowUpJobDeadHandler } = {}): void {
    if (this.routes.has(name)) throw new Error(`A handler for ${name} is registered twice.`);
    this.routes.set(name, { handler, ...(options.onDead ? { onDead: options.onDead } : {}) });
  }

  routeFor(name: string): FollowUpJobRoute {
    const route = this.routes.get(name);
    if (!route) throw new Error(`No customer-follow-up handler for job ${name}.`);
    return route;
  }
}

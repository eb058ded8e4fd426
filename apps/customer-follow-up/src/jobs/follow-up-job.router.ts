import { Injectable } from '@nestjs/common';
import type { JobName } from '../../../../libs/queue/src/index.js';

export type FollowUpJobHandler = (payload: Record<string, string>, correlationId: string | null) => Promise<'done' | 'skipped'>;

/**
 * One BullMQ worker per queue takes every job name of that queue; each feature registers the
 * handlers for its own job names here (in onModuleInit), so features stay in their own folders.
 */
@Injectable()
export class FollowUpJobRouter {
  private readonly handlers = new Map<string, FollowUpJobHandler>();

  register(name: JobName, handler: FollowUpJobHandler): void {
    if (this.handlers.has(name)) throw new Error(`A handler for ${name} is registered twice.`);
    this.handlers.set(name, handler);
  }

  handlerFor(name: string): FollowUpJobHandler {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No customer-follow-up handler for job ${name}.`);
    return handler;
  }
}

import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { currentJobName, JOBS_WITH_DEATH_BOOKKEEPING, type JobName } from '#libs/queue';

/** The domain's own bookkeeping when a job dies for good, in the transaction of its dead letter. */
export type DeadJobHook = (tx: Tx, error: Error, payload: Record<string, unknown>) => Promise<void>;

/**
 * Where features say how their jobs die, so that a death recorded outside the job's own run (the
 * reconciler finding a job BullMQ failed after too many stalls) books the domain rows too.
 */
@Injectable()
export class DeadJobHooks {
  private readonly hooks = new Map<string, DeadJobHook>();

  register(jobName: JobName, hook: DeadJobHook): void {
    if (this.hooks.has(jobName)) throw new Error(`A dead-job hook for ${jobName} is registered twice.`);
    this.hooks.set(jobName, hook);
  }

  for(jobName: string): DeadJobHook | undefined {
    return this.hooks.get(currentJobName(jobName));
  }

  /** This process may record the job's death: it needs no bookkeeping, or this process knows it. */
  canBury(jobName: string): boolean {
    return !JOBS_WITH_DEATH_BOOKKEEPING.has(currentJobName(jobName)) || this.hooks.has(currentJobName(jobName));
  }
}

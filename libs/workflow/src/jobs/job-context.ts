import type { JobName, JobPayload } from '#libs/queue';
import type { FinishedOutcome, RecordedOutcome } from '../outbox-outcome.js';

/** What a handler knows of the job besides its payload. */
export interface JobContext {
  outboxId: string;
  correlationId: string | null;
  queue: string;
}

export type JobHandler<N extends JobName = JobName> = (payload: JobPayload<N>, context: JobContext) => Promise<FinishedOutcome | RecordedOutcome>;

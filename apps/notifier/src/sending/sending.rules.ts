import type { FinishedOutcome } from '#libs/workflow';

/** SMTP 5xx is permanent; 4xx, timeouts and connection errors are worth retrying. */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export interface BatchVerdict {
  /** Sends that failed for a reason a retry may fix: the batch job fails and is retried. */
  transient: Error[];
  /** Emails refused for good; each has a dead letter of its own already. */
  dead: number;
  outcome: FinishedOutcome;
}

/** What a batch's sends add up to; `isPermanent` tells a refusal for good from a failure worth retrying. */
export function batchVerdict(results: PromiseSettledResult<unknown>[], isPermanent: (reason: unknown) => boolean): BatchVerdict {
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  const transient = failures.filter((reason) => !isPermanent(reason)) as Error[];
  return {
    transient,
    dead: failures.length - transient.length,
    outcome: results.some((result) => result.status === 'fulfilled' && result.value === 'done') ? 'done' : 'skipped',
  };
}

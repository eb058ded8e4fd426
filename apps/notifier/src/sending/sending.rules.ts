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

/**
 * What a failed send means for the email, from nodemailer's error (code, `command` in flight,
 * `timeoutType`, `responseCode`; docs/engineering-notes.md, "SMTP outcomes"):
 * - `permanent`: a 5xx reply; the relay refused this message for good.
 * - `outcome-unknown`: an established session went silent (ETIMEDOUT with timeoutType
 *   SOCKET_TIMEOUT). If that happened after the final dot of DATA, the relay may have queued the
 *   message and only its reply was lost, so a resend may be a duplicate.
 * - `transient`: anything else (refused or dropped connections, connect and greeting timeouts,
 *   4xx replies): this attempt did not deliver the message.
 */
export type SmtpFailure = 'permanent' | 'outcome-unknown' | 'transient';

export function classifySmtpFailure(error: unknown): SmtpFailure {
  if (isPermanentSmtpFailure(error)) return 'permanent';
  const { code, timeoutType } = error as { code?: unknown; timeoutType?: unknown };
  return code === 'ETIMEDOUT' && timeoutType === 'SOCKET_TIMEOUT' ? 'outcome-unknown' : 'transient';
}

/** How long failed sends are retried (config: SMTP_RETRY_BUDGET, SMTP_RETRY_MAX_DELAY, SMTP_UNKNOWN_RESEND_DELAY). */
export interface SmtpRetryPolicy {
  budgetMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
  unknownResendDelayMs: number;
}

/** The ledger row's state before this failure (the claim's RETURNING). */
export interface FailedSend {
  /** Claims so far, this one included. */
  attempts: number;
  failingSince: Date | null;
  /** A copy may already be out twice (a resend after a crash or an unknown outcome). */
  resentAfterInterrupt: boolean;
}

export type RetryDecision =
  | { action: 'retry'; delayMs: number }
  | { action: 'resend-once'; delayMs: number }
  | { action: 'dead'; reason: string };

/**
 * Retries run on a time budget from the first failure, not a count: the delay doubles from
 * `firstDelayMs` up to `maxDelayMs`, and the last retry falls at the end of the budget. An unknown
 * outcome is resent once, `unknownResendDelayMs` later, so a relay that did queue it yields at most
 * one duplicate (same Message-ID, flagged); a second unknown outcome is dead rather than a third copy.
 */
export function afterSmtpFailure(policy: SmtpRetryPolicy, failure: SmtpFailure, send: FailedSend, now: Date): RetryDecision {
  if (failure === 'permanent') return { action: 'dead', reason: 'refused for good' };
  const remainingMs = policy.budgetMs - (now.getTime() - (send.failingSince ?? now).getTime());
  if (remainingMs <= 0) return { action: 'dead', reason: `retry budget of ${policy.budgetMs / 1000} s used up` };
  if (failure === 'outcome-unknown') {
    if (send.resentAfterInterrupt) return { action: 'dead', reason: 'outcome unknown after a resend; not sent a third time' };
    return { action: 'resend-once', delayMs: policy.unknownResendDelayMs };
  }
  const backoffMs = policy.firstDelayMs * 2 ** Math.min(Math.max(send.attempts - 1, 0), 30);
  return { action: 'retry', delayMs: Math.min(backoffMs, policy.maxDelayMs, remainingMs) };
}

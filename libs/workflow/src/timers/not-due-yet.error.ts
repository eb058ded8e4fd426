/**
 * A timer job that arrives before its due time (a clock jump, a job restored early): it is
 * retried later and never acted on early. One class for every service.
 */
export class NotDueYetError extends Error {
  constructor(timerId: string, dueAt: Date) {
    super(`Timer ${timerId} is due at ${dueAt.toISOString()}, not yet.`);
  }
}

/** A timer job that arrives before its due time (clock jump): retried later, never acted on early. */
export class TimerNotDueError extends Error {
  constructor(timerId: string, dueAt: Date) {
    super(`Timer ${timerId} is due at ${dueAt.toISOString()}, not yet.`);
  }
}

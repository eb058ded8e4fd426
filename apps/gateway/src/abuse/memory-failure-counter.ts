/** Failures per key in fixed windows, for one process: what the limiter falls back on when Redis is unreachable. */
export class MemoryFailureCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly windowMs: number) {}

  record(key: string, now: number): number {
    const current = this.live(key, now);
    const next = current ? { count: current.count + 1, endsAt: current.endsAt } : { count: 1, endsAt: now + this.windowMs };
    this.windows.set(key, next);
    return next.count;
  }

  /** The failures counted in the key's current window, and the milliseconds until it ends. */
  read(key: string, now: number): { count: number; remainingMs: number } {
    const current = this.live(key, now);
    return current ? { count: current.count, remainingMs: current.endsAt - now } : { count: 0, remainingMs: 0 };
  }

  private live(key: string, now: number) {
    const current = this.windows.get(key);
    if (current && current.endsAt > now) return current;
    this.windows.delete(key);
    return undefined;
  }
}

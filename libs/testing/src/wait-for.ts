export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls until `probe` returns a value that `accept` likes, or fails with what it last saw.
 * Tests wait with this, never with sleeps.
 */
export async function waitFor<T>(
  description: string,
  probe: () => Promise<T> | T,
  accept: (value: T) => boolean = Boolean,
  { timeoutMs = 20_000, intervalMs = 50 }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const seen = lastError ? `error: ${String(lastError)}` : `last value: ${JSON.stringify(last)?.slice(0, 2000)}`;
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}; ${seen}`);
}

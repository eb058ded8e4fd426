/**
 * One step of a benchmark's cleanup: bounded in time and never throwing, so a step that hangs or
 * fails (a closed connection, a stuck worker) still lets the next ones run and the process end.
 */
export async function cleanupStep(what: string, work: () => Promise<unknown> | undefined, limitMs = 30_000): Promise<void> {
  try {
    await Promise.race([work(), new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${limitMs / 1000} s`)), limitMs).unref())]);
  } catch (error) {
    console.error(`cleanup: ${what} failed: ${(error as Error).message}`);
  }
}

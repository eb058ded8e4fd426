/**
 * Runs a benchmark's `main` within its time budget: past the budget it cleans up and exits 2; a
 * failure exits 1; the problems seen are printed after the figures; cleanup always runs.
 */
export async function runBench(main: () => Promise<void>, cleanup: () => Promise<void>, budgetMs: number, problems: readonly string[] = []): Promise<never> {
  const watchdog = setTimeout(() => {
    console.error(`The benchmark ran past its ${budgetMs / 1000} s budget; cleaning up and stopping.`);
    void cleanup().finally(() => process.exit(2));
  }, budgetMs);
  watchdog.unref();
  let exitCode = 0;
  try {
    await main();
    if (problems.length > 0) console.log(`\nProblems seen (figures above are still printed): ${problems.join('; ')}`);
  } catch (error) {
    console.error('The benchmark failed:', error);
    exitCode = 1;
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
  process.exit(exitCode);
}

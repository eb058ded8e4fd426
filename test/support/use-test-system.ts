import { startTestSystem, type TestSystem, type TestSystemOptions } from './test-system.js';

export interface UseTestSystemOptions extends TestSystemOptions {
  /** Runs once the system is up, in the same beforeAll: the file's org, calendars, fixtures. */
  setUp?: () => Promise<unknown>;
  /** Runs before the system closes (afterAll hooks run in declaration order, so a later one would be too late). */
  tearDown?: () => Promise<unknown> | void;
}

/**
 * The set-up every e2e file shares: starts the whole system (its own database, queue prefix and
 * SMTP sink) before the file's tests and closes it, dropping the database and the queues' keys,
 * after them. Call it in a describe block; the object it returns is the started system once
 * beforeAll has run (filled in place, so closures written before then see it).
 */
export function useTestSystem(options: UseTestSystemOptions = {}): TestSystem {
  const { setUp, tearDown, ...systemOptions } = options;
  const system = {} as TestSystem;
  let started: TestSystem | undefined;

  beforeAll(async () => {
    started = await startTestSystem(systemOptions);
    Object.assign(system, started);
    await setUp?.();
  });

  afterAll(async () => {
    if (!started) return;
    try {
      await tearDown?.();
    } finally {
      await started.close();
    }
  });

  return system;
}

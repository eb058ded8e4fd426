import { waitFor } from '#libs/testing';
import type { ManualClock } from '#libs/time';
import type { TestSystem } from '../support/test-system.js';

/**
 * Bounded wait until the engine has nothing left to do at the clock's current time: no due timer
 * unfired and no outbox row (job or email) unfinished, read in ONE statement so both counts come
 * from the same snapshot (two separate queries can miss a timer fired between them). Fails on a
 * dead job, so no failure hides.
 */
export async function engineIdle(system: TestSystem, clock: ManualClock, description: string): Promise<void> {
  const now = clock.now();
  await waitFor(
    `the engine to be idle: ${description}`,
    async () => {
      const [state] = await system.prisma.$queryRaw<{ due: number; open: number; dead: number }[]>`
        SELECT (SELECT count(*)::int FROM "Timer" WHERE "firedAt" IS NULL AND "cancelledAt" IS NULL AND "dueAt" <= ${now}) AS due,
               (SELECT count(*)::int FROM "Outbox" WHERE "doneAt" IS NULL) AS open,
               (SELECT count(*)::int FROM "DeadLetter") AS dead`;
      if (state.dead > 0) throw new Error(`dead jobs: ${JSON.stringify(await system.prisma.deadLetter.findMany({ select: { jobName: true, error: true } }))}`);
      return state;
    },
    (state) => state.due === 0 && state.open === 0,
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  const dead = await system.prisma.deadLetter.findMany({ select: { jobName: true, error: true } });
  if (dead.length > 0) throw new Error(`dead jobs: ${JSON.stringify(dead)}`);
}

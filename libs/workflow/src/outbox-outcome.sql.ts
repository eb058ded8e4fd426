import { Prisma } from '#generated/prisma';

export type FinishedOutcome = 'done' | 'skipped';

/**
 * Records an outbox job's final outcome, once. A statement, not a Prisma updateMany (which costs a
 * transaction of its own), and composable: a handler may put it in a CTE of the statement that
 * finishes its own work, so both land together (see RecordedOutcome).
 */
export function recordOutboxOutcomeSql(outboxId: string, outcome: FinishedOutcome | 'dead', at: Date): Prisma.Sql {
  return Prisma.sql`UPDATE "Outbox" SET "doneAt" = ${at}, outcome = ${outcome} WHERE id = ${outboxId}::uuid AND "doneAt" IS NULL`;
}

/** What a handler returns when its own statement already recorded the outbox outcome. */
export class RecordedOutcome {
  constructor(readonly outcome: FinishedOutcome) {}
}

import type { Tx } from '#libs/database';

export type FinishedOutcome = 'done' | 'skipped';

/** Records an outbox job's final outcome, once, in the caller's transaction (or alone on the pool). */
export async function recordOutboxOutcome(db: Tx, outboxId: string, outcome: FinishedOutcome | 'dead', at: Date): Promise<boolean> {
  const result = await db.updateTable('Outbox').set({ doneAt: at, outcome }).where('id', '=', outboxId).where('doneAt', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** What a handler returns when its own transaction already recorded the outbox outcome. */
export class RecordedOutcome {
  constructor(readonly outcome: FinishedOutcome) {}
}

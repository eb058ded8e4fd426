import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { QueueName, JobName } from '#libs/queue';

export interface ArmTimer {
  kind: JobName;
  queue: QueueName;
  subjectId: string;
  dueAt: Date;
  /** Makes "once per occurrence" a database fact. */
  uniqueKey: string;
  correlationId?: string | null;
}

@Injectable()
export class TimerWriter {
  /** Arms a timer in the caller's transaction; arming the same uniqueKey twice is harmless. */
  async arm(tx: Tx, timer: ArmTimer): Promise<void> {
    await this.armAll(tx, [timer]);
  }

  /** Arms several timers in one statement; a uniqueKey already armed is left as it is. */
  async armAll(tx: Tx, timers: ArmTimer[]): Promise<void> {
    if (timers.length === 0) return;
    const createdAt = new Date();
    // One JSON parameter, not eight per row: binding parameters one by one costs the driver more than the statement.
    const rows = JSON.stringify(
      timers.map((t) => ({ id: randomUUID(), kind: t.kind, subjectId: t.subjectId, dueAt: t.dueAt.toISOString(), uniqueKey: t.uniqueKey, queue: t.queue, correlationId: t.correlationId ?? null })),
    );
    await sql`
      INSERT INTO "Timer" (id, kind, "subjectId", "dueAt", "uniqueKey", queue, "correlationId", "createdAt")
      SELECT id, kind, "subjectId", "dueAt", "uniqueKey", queue, "correlationId", ${createdAt}::timestamp
      FROM jsonb_to_recordset(${rows}::jsonb) AS t(id uuid, kind text, "subjectId" uuid, "dueAt" timestamp, "uniqueKey" text, queue text, "correlationId" text)
      ON CONFLICT ("uniqueKey") DO NOTHING`.execute(tx);
  }

  async cancelForSubject(tx: Tx, subjectId: string, now: Date): Promise<void> {
    await this.cancelForSubjects(tx, [subjectId], now);
  }

  /** Cancels the subjects' pending timers. */
  async cancelForSubjects(tx: Tx, subjectIds: string[], now: Date): Promise<void> {
    if (subjectIds.length === 0) return;
    await this.cancelPending(tx, now).where('subjectId', 'in', subjectIds).execute();
  }

  /** Cancels the pending timers with these unique keys (a deadline met: its reminder and escalation). */
  async cancelByKeys(tx: Tx, uniqueKeys: string[], now: Date): Promise<void> {
    if (uniqueKeys.length === 0) return;
    await this.cancelPending(tx, now).where('uniqueKey', '=', (eb) => eb.fn.any(eb.val(uniqueKeys))).execute();
  }

  private cancelPending(tx: Tx, now: Date) {
    return tx.updateTable('Timer').set({ cancelledAt: now }).where('firedAt', 'is', null).where('cancelledAt', 'is', null);
  }
}

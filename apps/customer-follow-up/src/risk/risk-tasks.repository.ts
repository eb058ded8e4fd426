import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import type { RiskTask } from '#generated/kysely';
import type { Tx } from '#libs/database';

export type RiskTaskRow = Selectable<RiskTask>;

/** The countermeasures of risk alerts as tasks (issue 13 adds reminders and the /risk-tasks API). */
@Injectable()
export class RiskTasksRepository {
  /** Creates the tasks an alert does not have yet (unique per alert and kind), and answers all its tasks. */
  async ensure(tx: Tx, alertId: string, ownerId: string, tasks: { kind: string; dueAt: Date }[], now: Date): Promise<RiskTaskRow[]> {
    if (tasks.length > 0) {
      await tx
        .insertInto('RiskTask')
        .values(tasks.map((task) => ({ id: randomUUID(), alertId, kind: task.kind, ownerId, dueAt: task.dueAt, status: 'OPEN' as const, createdAt: now })))
        .onConflict((oc) => oc.columns(['alertId', 'kind']).doNothing())
        .execute();
    }
    return this.ofAlerts(tx, [alertId]);
  }

  /** Oldest first within each alert (the order the countermeasures were created in). */
  ofAlerts(tx: Tx, alertIds: string[]): Promise<RiskTaskRow[]> {
    if (alertIds.length === 0) return Promise.resolve([]);
    return tx.selectFrom('RiskTask').selectAll().where('alertId', 'in', alertIds).orderBy('alertId').orderBy('dueAt').orderBy('kind').execute();
  }
}

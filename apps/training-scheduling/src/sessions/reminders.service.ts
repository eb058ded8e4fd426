import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { TimerWriter, type ArmTimer } from '#libs/workflow';
import { TrainingPolicyStore } from '../policy/training-policy.store.js';
import type { EmployeeRow, TrainingSessionRow } from '../rows.js';
import { reminderDueAt, reminderKey } from './reminders.rules.js';

/**
 * Reminder timers, armed and cancelled in the transaction of the change that causes them: a
 * confirmed seat arms one per policy offset still ahead; a reschedule cancels the old ones and
 * arms the new sequence's; a withdrawal or cancellation cancels them. The subject is the enrollment.
 */
@Injectable()
export class Reminders {
  constructor(
    private readonly timers: TimerWriter,
    private readonly policy: TrainingPolicyStore,
    private readonly directory: OrgDirectory,
  ) {}

  async arm(tx: Tx, session: TrainingSessionRow, attendees: { enrollmentId: string; employee: EmployeeRow }[], now: Date, correlationId: string | null): Promise<void> {
    if (attendees.length === 0 || session.status !== 'SCHEDULED') return;
    const { policy } = await this.policy.active(tx);
    const contexts = await this.directory.workingContexts(attendees.map((a) => a.employee), tx);
    const timers: ArmTimer[] = [];
    for (const { enrollmentId, employee } of attendees) {
      const zone = contexts.get(employee.id)?.zone ?? employee.timezone;
      for (const before of policy.remindersBefore) {
        const dueAt = reminderDueAt(session.startsAt, before, zone);
        if (dueAt <= now) continue; // already past when the seat was given: no late "reminder"
        timers.push({
          kind: JOBS.trainingRemind, queue: QUEUES.trainingUrgent, subjectId: enrollmentId, dueAt,
          uniqueKey: reminderKey(session.id, session.icalSequence, before, enrollmentId), correlationId,
        });
      }
    }
    await this.timers.armAll(tx, timers);
  }

  /** Cancels the pending reminders of these enrollments (and only reminders: other timers of theirs stay). */
  async cancel(tx: Tx, enrollmentIds: string[], now: Date): Promise<void> {
    if (enrollmentIds.length === 0) return;
    await tx
      .updateTable('Timer')
      .set({ cancelledAt: now })
      .where('kind', '=', JOBS.trainingRemind)
      .where('subjectId', 'in', enrollmentIds)
      .where('firedAt', 'is', null)
      .where('cancelledAt', 'is', null)
      .execute();
  }
}

import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { AbsenceWriter } from '#libs/org';
import type { EmployeeRow, TrainingSessionRow } from '../rows.js';
import { countsAsAbsence } from './sessions.rules.js';

/**
 * Training time is absence time: a confirmed seat in a session of a full working day or more
 * registers an absence for the session's hours through libs/org's AbsenceWriter (delegate: the
 * person's manager), so approval steps reach the delegate while they are in training, as with
 * a manual absence. A withdrawal, a cancellation or a reschedule takes it back. Called beside
 * the reminders, in the same transactions.
 */
@Injectable()
export class TrainingAbsences {
  constructor(private readonly absences: AbsenceWriter) {}

  async register(tx: Tx, session: TrainingSessionRow, attendees: { enrollmentId: string; employee: EmployeeRow }[], actorId: string | null, now: Date, correlationId: string | null): Promise<void> {
    if (attendees.length === 0 || session.status !== 'SCHEDULED' || !countsAsAbsence(session) || session.endsAt <= now) return;
    const managerIds = [...new Set(attendees.flatMap((a) => (a.employee.managerId ? [a.employee.managerId] : [])))];
    const managers = managerIds.length === 0 ? [] : await tx.selectFrom('Employee').select(['id', 'email']).where('id', 'in', managerIds).execute();
    const managerById = new Map(managers.map((m) => [m.id, m]));
    for (const { enrollmentId, employee } of attendees) {
      const delegate = employee.managerId ? (managerById.get(employee.managerId) ?? null) : null;
      const absence = await this.absences.record(
        tx,
        { employee, delegate, from: session.startsAt, to: session.endsAt, reason: { trainingSessionId: session.id, enrollmentId } },
        actorId,
        now,
        correlationId,
      );
      await tx.updateTable('Enrollment').set({ absenceId: absence.id }).where('id', '=', enrollmentId).execute();
    }
  }

  /** Takes back the absences these enrollments registered (their timers with them). */
  async remove(tx: Tx, enrollmentIds: string[], actorId: string | null, now: Date, correlationId: string | null): Promise<void> {
    if (enrollmentIds.length === 0) return;
    const registered = await tx
      .selectFrom('Enrollment')
      .select('absenceId')
      .where('id', 'in', enrollmentIds)
      .where('absenceId', 'is not', null)
      .execute();
    if (registered.length === 0) return;
    await tx.updateTable('Enrollment').set({ absenceId: null }).where('id', 'in', enrollmentIds).execute();
    for (const { absenceId } of registered) await this.absences.remove(tx, absenceId!, actorId, now, correlationId);
  }
}

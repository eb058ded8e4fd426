import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { Tx } from '#libs/database';
import { JOBS, QUEUES } from '#libs/queue';
import { TimerWriter } from '#libs/workflow';

export interface NewAbsence {
  employee: { id: string; email: string };
  delegate: { id: string; email: string } | null;
  from: Date;
  to: Date;
  /** Why, for the audit trail (a training session, say); absent for a manual absence. */
  reason?: object;
}

export interface WrittenAbsence {
  id: string;
  from: Date;
  to: Date;
}

/**
 * The one writer of absences, in the caller's transaction: the row, the absence.start and
 * absence.end timers (contract-approval's absence jobs hand steps to the delegate and back), the
 * audit entry. Manual absences (POST /org/absences) and training sessions both come through here.
 */
@Injectable()
export class AbsenceWriter {
  constructor(
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
  ) {}

  async record(tx: Tx, absence: NewAbsence, actorId: string | null, now: Date, correlationId: string | null): Promise<WrittenAbsence> {
    const { employee, delegate, from, to } = absence;
    const created = await tx
      .insertInto('Absence')
      .values({ id: randomUUID(), employeeId: employee.id, delegateId: delegate?.id ?? null, from, to, createdAt: new Date() })
      .returning(['id', 'from', 'to'])
      .executeTakeFirstOrThrow();
    await this.timers.armAll(tx, [
      { kind: JOBS.absenceStart, queue: QUEUES.approvalUrgent, subjectId: created.id, dueAt: from.getTime() > now.getTime() ? from : now, uniqueKey: `absence-start:${created.id}`, correlationId },
      // Steps a delegate holds for the employee come back when the absence is over.
      { kind: JOBS.absenceEnd, queue: QUEUES.approvalUrgent, subjectId: created.id, dueAt: to, uniqueKey: `absence-end:${created.id}`, correlationId },
    ]);
    await this.audit.record(tx, {
      entityType: 'absence',
      entityId: created.id,
      action: 'absence.created',
      actorId,
      after: { employee: employee.email, from: from.toISOString(), to: to.toISOString(), delegate: delegate?.email ?? null, ...(absence.reason ? { reason: absence.reason } : {}) },
      correlationId,
      at: now,
    });
    return created;
  }

  /**
   * Takes the absence back. Not begun yet: the row and its timers go. Begun: it ends now (the
   * row is kept for what happened meanwhile) and its end timer is due now, so steps a delegate
   * holds for the employee come back to them exactly as at the end of any absence. Over already,
   * or gone: nothing to do.
   */
  async remove(tx: Tx, absenceId: string, actorId: string | null, now: Date, correlationId: string | null): Promise<void> {
    const absence = await tx.selectFrom('Absence').select(['id', 'employeeId', 'from', 'to']).where('id', '=', absenceId).forUpdate().executeTakeFirst();
    if (!absence || absence.to.getTime() <= now.getTime()) return;
    await this.timers.cancelForSubject(tx, absence.id, now);
    if (absence.from.getTime() > now.getTime()) {
      await tx.deleteFrom('Absence').where('id', '=', absence.id).execute();
    } else {
      await tx.updateTable('Absence').set({ to: now }).where('id', '=', absence.id).execute();
      await this.timers.arm(tx, { kind: JOBS.absenceEnd, queue: QUEUES.approvalUrgent, subjectId: absence.id, dueAt: now, uniqueKey: `absence-end:${absence.id}:cut-short`, correlationId });
    }
    await this.audit.record(tx, {
      entityType: 'absence',
      entityId: absence.id,
      action: 'absence.removed',
      actorId,
      before: { from: absence.from.toISOString(), to: absence.to.toISOString() },
      after: absence.from.getTime() > now.getTime() ? null : { from: absence.from.toISOString(), to: now.toISOString() },
      correlationId,
      at: now,
    });
  }
}

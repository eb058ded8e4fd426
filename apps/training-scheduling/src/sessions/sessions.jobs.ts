import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { OrgDirectory } from '#libs/org';
import type { JobPayload } from '#libs/queue';
import { OnJob, TimerJobs, type JobContext } from '#libs/workflow';
import type { EmployeeRow, EnrollmentRow, TrainingSessionRow } from '../rows.js';
import { parseReminderKey } from './reminders.rules.js';
import { SessionsMailer } from './sessions.mailer.js';
import { SessionsService } from './sessions.service.js';

interface Reminded {
  enrollment: EnrollmentRow;
  session: TrainingSessionRow;
  employee: EmployeeRow;
}

/**
 * A reminder timer fired: the attendee is emailed, unless the seat is gone (withdrawn), the session
 * cancelled, or the timer belongs to an older sequence (the session moved since: the new
 * sequence has timers of its own). TimerJobs refuses to act before the due time.
 */
@Injectable()
export class SessionJobs {
  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly sessions: SessionsService,
    private readonly mailer: SessionsMailer,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
  ) {}

  @OnJob('training.remind')
  remind(payload: JobPayload<'training.remind'>, context: JobContext) {
    return this.timerJobs.run<Reminded>(payload, context, {
      lock: async (tx, timer) => {
        // The session first (every seat decision's lock order), then the enrollment.
        const key = parseReminderKey(timer.uniqueKey);
        if (!key) return null;
        const session = await tx.selectFrom('TrainingSession').selectAll().where('id', '=', key.sessionId).forUpdate().executeTakeFirst();
        const enrollment = await tx.selectFrom('Enrollment').selectAll().where('id', '=', timer.subjectId).executeTakeFirst();
        const employee = enrollment ? await this.directory.findById(enrollment.employeeId, tx) : null;
        return session && enrollment && employee ? { session, enrollment, employee } : null;
      },
      stillDue: ({ session, enrollment }, timer) =>
        session.status === 'SCHEDULED' && enrollment.status === 'CONFIRMED' && parseReminderKey(timer.uniqueKey)?.sequence === session.icalSequence,
      act: async (tx, { session, enrollment, employee }, timer, now) => {
        const { before } = parseReminderKey(timer.uniqueKey)!;
        const parties = await this.sessions.parties(tx, session);
        await this.mailer.reminder(tx, parties, employee, timer.uniqueKey, before, context.correlationId);
        await this.audit.record(tx, {
          entityType: 'enrollment', entityId: enrollment.id, action: 'enrollment.reminded', actorId: null,
          after: { sessionId: session.id, before, to: employee.email, dueAt: timer.dueAt.toISOString() }, correlationId: context.correlationId, at: now,
        });
      },
    });
  }
}

import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { OrgDirectory } from '#libs/org';
import type { JobPayload } from '#libs/queue';
import { OnJob, TimerJobs, type JobContext } from '#libs/workflow';
import type { CertificateRow } from '../attendance/attendance.repository.js';
import { RequirementsHook } from '../plans/requirements.hook.js';
import type { CourseRow, EmployeeRow } from '../rows.js';
import { NextSession } from '../sessions/next-session.service.js';
import { RecertificationRepository } from './recertification.repository.js';
import { recertificationDue } from './recertification.rules.js';
import { OverdueTimers } from '../overdue/overdue-timers.service.js';

interface Expiring {
  certificate: CertificateRow;
  course: CourseRow;
  holder: EmployeeRow;
  renewed: boolean;
}

/**
 * Some days before a certificate expires (RECERTIFY_DAYS_BEFORE): a requirement for the course
 * is opened, due on the expiry date, and the holder is enrolled in the next session with a seat
 * or put on the first waitlist, which meets it. Skipped when a later certificate renewed it.
 * TimerJobs refuses to act before the due time and records the outcome with the work.
 */
@Injectable()
export class RecertificationJobs {
  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly repository: RecertificationRepository,
    private readonly nextSession: NextSession,
    private readonly requirements: RequirementsHook,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly overdue: OverdueTimers,
  ) {}

  @OnJob('training.recertify')
  recertify(payload: JobPayload<'training.recertify'>, context: JobContext) {
    return this.timerJobs.run<Expiring>(payload, context, {
      lock: async (tx, timer) => {
        const certificate = await this.repository.lockCertificate(tx, timer.subjectId);
        if (!certificate || !certificate.expiresAt) return null;
        const course = await tx.selectFrom('Course').selectAll().where('id', '=', certificate.courseId).executeTakeFirst();
        const holder = await this.directory.findById(certificate.employeeId, tx);
        return course && holder ? { certificate, course, holder, renewed: await this.repository.renewed(tx, certificate) } : null;
      },
      stillDue: ({ renewed }) => !renewed,
      act: async (tx, { certificate, course, holder }, _timer, now) => {
        const { zone } = await this.directory.workingContext(holder, tx);
        const { year, dueOn } = recertificationDue(certificate.expiresAt!, zone);
        const requirementId = await this.repository.openRequirement(tx, certificate, year, dueOn, now);
        // An expired certificate not renewed is overdue like any mandatory requirement.
        await this.overdue.armWrittenAt(tx, year, now, context.correlationId);
        const enrollment = await this.nextSession.place(tx, course, holder, 1, now, holder.id, context.correlationId);
        if (enrollment) await this.requirements.enrolled(tx, enrollment, course.id, now);
        await this.audit.record(tx, {
          entityType: 'certificate', entityId: certificate.id, action: 'certificate.recertify', actorId: null, onBehalfOfId: holder.id,
          after: { requirementId, year, dueOn, enrollmentId: enrollment?.id ?? null, status: enrollment?.status ?? null }, correlationId: context.correlationId, at: now,
        });
      },
    });
  }
}

import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { JobPayload } from '#libs/queue';
import { OnJob, TimerJobs, type JobContext } from '#libs/workflow';
import { TrainingEvents } from '../events/training-events.service.js';
import type { CourseRow, EmployeeRow } from '../rows.js';
import { OverdueMailer } from './overdue.mailer.js';
import { OverdueRepository, type RequirementRow } from './overdue.repository.js';
import { localDateText, parseOverdueTimerKey, type OverdueStep } from './overdue.rules.js';

interface Locked {
  requirement: RequirementRow;
  course: CourseRow;
  person: EmployeeRow;
}

/**
 * A step of an open mandatory requirement came due. Skipped when the requirement is completed or
 * withdrawn, its course no longer mandatory, its due date changed since the timer was armed (the
 * new date has timers of its own), or (for the reminder only) the person is already enrolled in
 * a session of the course. TimerJobs refuses to act before the due time.
 */
@Injectable()
export class OverdueJobs {
  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly repository: OverdueRepository,
    private readonly mailer: OverdueMailer,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly events: TrainingEvents,
  ) {}

  @OnJob('training-requirement.overdue-step')
  overdueStep(payload: JobPayload<'training-requirement.overdue-step'>, context: JobContext) {
    return this.timerJobs.run<Locked>(payload, context, {
      lock: async (tx, timer) => {
        const requirement = await this.repository.lock(tx, timer.subjectId);
        const course = requirement ? await this.repository.course(tx, requirement.courseId) : undefined;
        const person = requirement ? await this.directory.findById(requirement.employeeId, tx) : null;
        return requirement && course && person ? { requirement, course, person } : null;
      },
      stillDue: ({ requirement, course }, timer) => {
        const key = parseOverdueTimerKey(timer.uniqueKey);
        if (!key || requirement.status !== 'OPEN' || !course.mandatory || key.dueOn !== localDateText(requirement.dueOn)) return false;
        return key.step !== 'reminder' || requirement.satisfiedByEnrollmentId === null;
      },
      act: async (tx, { requirement, course, person }, timer, now) => {
        const { step, dueOn } = parseOverdueTimerKey(timer.uniqueKey)!;
        const to = await this.recipient(tx, step, person);
        if (to) await this.mailer.step(tx, requirement.id, step, to, person, course, dueOn, context.correlationId);
        // Past its due date: the other services (appraisal, the attrition risk) hear of it once, with the manager's step.
        if (step === 'manager') await this.events.overdue(tx, person.id, course, requirement, context.correlationId);
        await this.audit.record(tx, {
          entityType: 'training-requirement', entityId: requirement.id, action: `training-requirement.overdue-${step}`, actorId: null,
          after: { courseId: course.id, employeeId: person.id, dueOn, to: to?.email ?? null, dueAt: timer.dueAt.toISOString() }, correlationId: context.correlationId, at: now,
        });
      },
    });
  }

  /** The person, their manager, or the nearest sales director above them other than that manager; null when there is none. */
  private async recipient(tx: Tx, step: OverdueStep, person: EmployeeRow): Promise<EmployeeRow | null> {
    if (step === 'reminder') return person;
    if (step === 'manager') return this.directory.managerOf(person, tx);
    const chain = await this.directory.reportingChain(person, tx);
    return chain.find((above) => above.role === 'SALES_DIRECTOR' && above.id !== person.managerId) ?? null;
  }
}

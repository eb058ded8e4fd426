import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { TrainingOutcomeFacts } from '#libs/queue';
import { EventPublisher } from '#libs/workflow';
import { localDateText } from '../overdue/overdue.rules.js';
import type { RequirementDue } from '../plans/plans.repository.js';
import type { CourseRow, EnrollmentRow } from '../rows.js';

/**
 * The training outcomes other services hear about (appraisal's KPIs, the attrition risk):
 * published in the transaction that decided them, with the facts a consumer needs and no more.
 */
@Injectable()
export class TrainingEvents {
  constructor(private readonly events: EventPublisher) {}

  completed(tx: Tx, enrollment: EnrollmentRow, course: CourseRow, requirement: RequirementDue | null, at: Date, correlationId: string | null): Promise<string> {
    return this.events.publish(tx, 'training.completed', { ...facts(enrollment, course, requirement), completedAt: at.toISOString() }, correlationId);
  }

  failed(tx: Tx, enrollment: EnrollmentRow, course: CourseRow, requirement: RequirementDue | null, final: boolean, at: Date, correlationId: string | null): Promise<string> {
    return this.events.publish(tx, 'training.failed', { ...facts(enrollment, course, requirement), failedAt: at.toISOString(), attempt: enrollment.attempt, final }, correlationId);
  }

  overdue(tx: Tx, employeeId: string, course: CourseRow, requirement: RequirementDue, correlationId: string | null): Promise<string> {
    return this.events.publish(tx, 'training.overdue', {
      employeeId, courseId: course.id, category: course.category, mandatory: course.mandatory, requirementId: requirement.id, dueOn: localDateText(requirement.dueOn),
    }, correlationId);
  }
}

function facts(enrollment: EnrollmentRow, course: CourseRow, requirement: RequirementDue | null): TrainingOutcomeFacts {
  return {
    employeeId: enrollment.employeeId,
    courseId: course.id,
    category: course.category,
    mandatory: course.mandatory,
    enrollmentId: enrollment.id,
    requirementId: requirement?.id ?? null,
    dueOn: requirement ? localDateText(requirement.dueOn) : null,
  };
}

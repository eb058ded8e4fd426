import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { CourseRow, EmployeeRow } from '../rows.js';

export interface RequirementRow {
  id: string;
  employeeId: string;
  courseId: string;
  dueOn: Date;
  status: string;
  satisfiedByEnrollmentId: string | null;
}

/** SQL of the overdue feature: the requirements whose steps to arm, and the one a fired step locks. */
@Injectable()
export class OverdueRepository {
  /** Open requirements of mandatory courses written at `at` (added, reopened or redated in this transaction), with their people. */
  async openMandatoryWrittenAt(tx: Tx, year: number, at: Date): Promise<{ requirementId: string; dueOn: Date; employee: EmployeeRow }[]> {
    const rows = await tx
      .selectFrom('TrainingRequirement as r')
      .innerJoin('Course as c', 'c.id', 'r.courseId')
      .innerJoin('Employee as e', 'e.id', 'r.employeeId')
      .selectAll('e')
      .select(['r.id as requirementId', 'r.dueOn as requirementDueOn'])
      .where('r.year', '=', year)
      .where('r.status', '=', 'OPEN')
      .where('r.updatedAt', '=', at)
      .where('c.mandatory', '=', true)
      .execute();
    return rows.map(({ requirementId, requirementDueOn, ...employee }) => ({ requirementId, dueOn: requirementDueOn, employee: employee as EmployeeRow }));
  }

  lock(tx: Tx, requirementId: string): Promise<RequirementRow | undefined> {
    return tx
      .selectFrom('TrainingRequirement')
      .select(['id', 'employeeId', 'courseId', 'dueOn', 'status', 'satisfiedByEnrollmentId'])
      .where('id', '=', requirementId)
      .forUpdate()
      .executeTakeFirst();
  }

  course(tx: Tx, courseId: string): Promise<CourseRow | undefined> {
    return tx.selectFrom('Course').selectAll().where('id', '=', courseId).executeTakeFirst();
  }
}

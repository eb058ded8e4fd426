import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql, type Insertable } from 'kysely';
import type { CourseCategory, Role, TrainingFeedback } from '#generated/kysely';
import type { Tx } from '#libs/database';
import type { CourseRow } from '../rows.js';

export type FeedbackRecord = Omit<Insertable<TrainingFeedback>, 'id'>;

/** Weak KPIs turned into training: one row per (appraisal, KPI). */
@Injectable()
export class FeedbackRepository {
  /** Serializes the deliveries of one appraisal's event, so two at once cannot both enroll. */
  async lockAppraisal(tx: Tx, appraisalId: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('training-feedback'), hashtext(${appraisalId}))`.execute(tx);
  }

  async kpisDone(tx: Tx, appraisalId: string): Promise<Set<string>> {
    const rows = await tx.selectFrom('TrainingFeedback').select('kpi').where('appraisalId', '=', appraisalId).execute();
    return new Set(rows.map((row) => row.kpi));
  }

  coursesFor(tx: Tx, category: CourseCategory, role: Role): Promise<CourseRow[]> {
    return tx.selectFrom('Course').selectAll().where('category', '=', category).where(sql<boolean>`${role}::"Role" = ANY("levels")`).execute();
  }

  /** The person's active enrollment in an upcoming scheduled session of the course, with its start. */
  async upcomingEnrollment(tx: Tx, courseId: string, employeeId: string, now: Date): Promise<{ id: string; startsAt: Date } | null> {
    const row = await tx
      .selectFrom('Enrollment as e')
      .innerJoin('TrainingSession as s', 's.id', 'e.sessionId')
      .select(['e.id', 's.startsAt'])
      .where('s.courseId', '=', courseId)
      .where('s.status', '=', 'SCHEDULED')
      .where('s.startsAt', '>', now)
      .where('e.employeeId', '=', employeeId)
      .where('e.status', '<>', 'WITHDRAWN')
      .orderBy('s.startsAt')
      .executeTakeFirst();
    return row ?? null;
  }

  async sessionStart(tx: Tx, sessionId: string): Promise<Date> {
    return (await tx.selectFrom('TrainingSession').select('startsAt').where('id', '=', sessionId).executeTakeFirstOrThrow()).startsAt;
  }

  async record(tx: Tx, row: FeedbackRecord): Promise<void> {
    await tx.insertInto('TrainingFeedback').values({ id: randomUUID(), ...row }).execute();
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import type { Certificate } from '#generated/kysely';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';
import type { EnrollmentRow } from '../rows.js';

export type CertificateRow = Selectable<Certificate>;

/** Attendance, scores and results on enrollments; certificates. */
@Injectable()
export class AttendanceRepository {
  async lockEnrollment(tx: Tx, id: string): Promise<EnrollmentRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('Enrollment').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  enrollmentsOf(tx: Tx, sessionId: string, ids: string[]): Promise<EnrollmentRow[]> {
    return tx.selectFrom('Enrollment').selectAll().where('sessionId', '=', sessionId).where('id', 'in', ids).forUpdate().execute();
  }

  markAttendance(tx: Tx, id: string, attendance: EnrollmentRow['attendance'], byId: string, now: Date): Promise<EnrollmentRow> {
    return tx.updateTable('Enrollment').set({ attendance, attendanceRecordedAt: now, attendanceRecordedById: byId, updatedAt: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  score(tx: Tx, id: string, score: number, byId: string, now: Date): Promise<EnrollmentRow> {
    return tx.updateTable('Enrollment').set({ score, assessedAt: now, assessedById: byId, updatedAt: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  decide(tx: Tx, id: string, result: NonNullable<EnrollmentRow['result']>, now: Date): Promise<EnrollmentRow> {
    return tx.updateTable('Enrollment').set({ result, resultAt: now, updatedAt: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  issueCertificate(tx: Tx, enrollment: EnrollmentRow, courseId: string, issuedAt: Date, expiresAt: Date | null): Promise<CertificateRow> {
    return tx
      .insertInto('Certificate')
      .values({ id: randomUUID(), employeeId: enrollment.employeeId, courseId, enrollmentId: enrollment.id, issuedAt, expiresAt, createdAt: issuedAt })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}

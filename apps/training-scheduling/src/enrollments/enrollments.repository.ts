import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';
import { type EnrollmentRow } from '../rows.js';

/** Enrollments; seat decisions run under the session's row lock (SessionsRepository.lock). */
@Injectable()
export class EnrollmentsRepository {
  /** `waitlistedAt`: SessionsRepository.waitlistStamp for a waitlist place, null for a seat. */
  create(tx: Tx, row: { sessionId: string; employeeId: string; status: 'CONFIRMED' | 'WAITLISTED'; enrolledById: string; waitlistedAt: Date | null }, now: Date): Promise<EnrollmentRow> {
    return tx
      .insertInto('Enrollment')
      .values({
        id: randomUUID(), ...row,
        confirmedAt: row.status === 'CONFIRMED' ? now : null,
        createdAt: now, updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findById(tx: Tx, id: string): Promise<EnrollmentRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('Enrollment').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async active(tx: Tx, sessionId: string, employeeId: string): Promise<EnrollmentRow | null> {
    return (await tx.selectFrom('Enrollment').selectAll().where('sessionId', '=', sessionId).where('employeeId', '=', employeeId).where('status', '<>', 'WITHDRAWN').executeTakeFirst()) ?? null;
  }

  withdraw(tx: Tx, id: string, now: Date): Promise<EnrollmentRow> {
    return tx.updateTable('Enrollment').set({ status: 'WITHDRAWN', withdrawnAt: now, updatedAt: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }
}

import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { EnrollmentRow } from '../rows.js';
import { Reminders } from './reminders.service.js';
import { SessionsMailer, type SessionParties } from './sessions.mailer.js';
import { TrainingAbsences } from './training-absences.service.js';

/**
 * Free seats go to the waitlist in the order people joined it, each promoted person invited.
 * The caller holds the session's row lock, so seats are counted and given under one lock.
 */
@Injectable()
export class Seats {
  constructor(
    private readonly mailer: SessionsMailer,
    private readonly reminders: Reminders,
    private readonly trainingAbsences: TrainingAbsences,
  ) {}

  async promote(tx: Tx, parties: SessionParties, freeSeats: number, now: Date, correlationId: string | null): Promise<EnrollmentRow[]> {
    if (freeSeats <= 0 || parties.session.status !== 'SCHEDULED') return [];
    const first = tx
      .selectFrom('Enrollment')
      .select('id')
      .where('sessionId', '=', parties.session.id)
      .where('status', '=', 'WAITLISTED')
      .orderBy('waitlistedAt')
      .orderBy('id')
      .limit(freeSeats);
    const promoted = await tx
      .updateTable('Enrollment')
      .set({ status: 'CONFIRMED', confirmedAt: now, updatedAt: now })
      .where('id', 'in', first)
      .returningAll()
      .execute();
    if (promoted.length === 0) return [];
    const people = new Map((await tx.selectFrom('Employee').selectAll().where('id', 'in', promoted.map((e) => e.employeeId)).execute()).map((e) => [e.id, e]));
    const attendees = promoted.flatMap((enrollment) => {
      const employee = people.get(enrollment.employeeId);
      return employee ? [{ enrollmentId: enrollment.id, employee }] : [];
    });
    for (const { enrollmentId, employee } of attendees) {
      await this.mailer.invitation(tx, parties, { employee, role: 'attendee', enrollmentId }, 'promoted', correlationId);
    }
    await this.reminders.arm(tx, parties.session, attendees, now, correlationId);
    await this.trainingAbsences.register(tx, parties.session, attendees, null, now, correlationId);
    return promoted;
  }
}

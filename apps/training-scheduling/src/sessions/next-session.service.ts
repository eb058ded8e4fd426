import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { placeFor } from '../enrollments/enrollments.rules.js';
import type { CourseRow, EmployeeRow, EnrollmentRow, TrainingSessionRow } from '../rows.js';
import { Reminders } from './reminders.service.js';
import { SessionsMailer } from './sessions.mailer.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { TrainingAbsences } from './training-absences.service.js';

/**
 * Enrolling someone the system decides to enroll (a retake after a fail, a recertification): the
 * next scheduled session of the course with a free seat, else the first with a waitlist. Each
 * candidate is locked before its seats are counted, as every seat decision does. A confirmed
 * seat is invited, reminded and (a full day) registered as absence time.
 */
@Injectable()
export class NextSession {
  constructor(
    private readonly repository: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly mailer: SessionsMailer,
    private readonly reminders: Reminders,
    private readonly trainingAbsences: TrainingAbsences,
  ) {}

  /** The enrollment made (confirmed or waitlisted), or null when no upcoming session takes the person. */
  async place(tx: Tx, course: CourseRow, person: EmployeeRow, attempt: number, now: Date, byId: string, correlationId: string | null): Promise<EnrollmentRow | null> {
    const upcoming = await this.repository.upcomingWithoutPerson(tx, course.id, person.id, now);
    let waitlistable: TrainingSessionRow | null = null;
    for (const candidate of upcoming) {
      const session = await this.repository.lock(tx, candidate.id);
      if (!session || session.status !== 'SCHEDULED') continue;
      const { confirmed } = await this.repository.seatCounts(tx, session.id);
      const place = placeFor(session, confirmed);
      if (place === 'CONFIRMED') return this.enroll(tx, session, person, 'CONFIRMED', attempt, now, byId, correlationId);
      if (place === 'WAITLISTED' && !waitlistable) waitlistable = session;
    }
    return waitlistable ? this.enroll(tx, waitlistable, person, 'WAITLISTED', attempt, now, byId, correlationId) : null;
  }

  private async enroll(tx: Tx, session: TrainingSessionRow, person: EmployeeRow, status: 'CONFIRMED' | 'WAITLISTED', attempt: number, now: Date, byId: string, correlationId: string | null): Promise<EnrollmentRow> {
    const waitlistedAt = status === 'WAITLISTED' ? await this.repository.waitlistStamp(tx, session.id, now) : null;
    const enrollment = await tx
      .insertInto('Enrollment')
      .values({
        id: randomUUID(), sessionId: session.id, employeeId: person.id, status, enrolledById: byId, attempt,
        waitlistedAt, confirmedAt: status === 'CONFIRMED' ? now : null, createdAt: now, updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (status === 'CONFIRMED') {
      const parties = await this.sessions.parties(tx, session);
      await this.mailer.invitation(tx, parties, { employee: person, role: 'attendee', enrollmentId: enrollment.id }, 'new', correlationId);
      await this.reminders.arm(tx, session, [{ enrollmentId: enrollment.id, employee: person }], now, correlationId);
      await this.trainingAbsences.register(tx, session, [{ enrollmentId: enrollment.id, employee: person }], byId, now, correlationId);
    }
    return enrollment;
  }
}

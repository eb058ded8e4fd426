import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql, type Updateable } from 'kysely';
import type { TrainingSession } from '#generated/kysely';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';
import { type EmployeeRow, type EnrollmentRow, type TrainingSessionRow } from '../rows.js';

export interface NewSession {
  courseId: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  place: string | null;
  onlineUrl: string | null;
  trainerId: string;
  capacity: number;
  waitlist: boolean;
  createdById: string;
}

/** Training sessions, their trainers' other bookings and absences, and their seat counts. */
@Injectable()
export class SessionsRepository {
  create(tx: Tx, session: NewSession, now: Date): Promise<TrainingSessionRow> {
    return tx.insertInto('TrainingSession').values({ id: randomUUID(), ...session, createdAt: now, updatedAt: now }).returningAll().executeTakeFirstOrThrow();
  }

  async findById(tx: Tx, id: string): Promise<TrainingSessionRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('TrainingSession').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /**
   * When someone joining the session's waitlist at `now` is stamped: after everyone who joined
   * before, even within the same millisecond (or under a clock that stands still), so that the
   * waitlist order is the order of arrival. Call it under the session's lock.
   */
  async waitlistStamp(tx: Tx, sessionId: string, now: Date): Promise<Date> {
    const row = await tx.selectFrom('Enrollment').select((eb) => eb.fn.max('waitlistedAt').as('last')).where('sessionId', '=', sessionId).executeTakeFirst();
    const last = row?.last ? new Date(row.last) : null;
    return last && last >= now ? new Date(last.getTime() + 1) : now;
  }

  /** The session under a row lock until the transaction ends: every seat decision takes it first. */
  async lock(tx: Tx, id: string): Promise<TrainingSessionRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('TrainingSession').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  update(tx: Tx, id: string, data: Updateable<TrainingSession>): Promise<TrainingSessionRow> {
    return tx.updateTable('TrainingSession').set(data).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /**
   * Serializes bookings of one trainer for the rest of the transaction, so two sessions created
   * at once for the same trainer see each other.
   */
  async lockTrainer(tx: Tx, trainerId: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`training-trainer:${trainerId}`}))`.execute(tx);
  }

  /** A scheduled session of this trainer overlapping [startsAt, endsAt), other than `exceptId`. */
  async trainerBookingOverlapping(tx: Tx, trainerId: string, startsAt: Date, endsAt: Date, exceptId?: string): Promise<TrainingSessionRow | null> {
    let query = tx
      .selectFrom('TrainingSession')
      .selectAll()
      .where('trainerId', '=', trainerId)
      .where('status', '=', 'SCHEDULED')
      .where('startsAt', '<', endsAt)
      .where('endsAt', '>', startsAt);
    if (exceptId) query = query.where('id', '<>', exceptId);
    return (await query.orderBy('startsAt').limit(1).executeTakeFirst()) ?? null;
  }

  /** An absence of this employee overlapping [startsAt, endsAt) (the organization directory's table). */
  async absenceOverlapping(tx: Tx, employeeId: string, startsAt: Date, endsAt: Date): Promise<{ from: Date; to: Date } | null> {
    const row = await tx
      .selectFrom('Absence')
      .select(['from', 'to'])
      .where('employeeId', '=', employeeId)
      .where('from', '<', endsAt)
      .where('to', '>', startsAt)
      .orderBy('from')
      .limit(1)
      .executeTakeFirst();
    return row ?? null;
  }

  async seatCounts(tx: Tx, sessionId: string): Promise<{ confirmed: number; waitlisted: number }> {
    const rows = await tx
      .selectFrom('Enrollment')
      .select((eb) => ['status', eb.fn.countAll<string>().as('count')])
      .where('sessionId', '=', sessionId)
      .where('status', '<>', 'WITHDRAWN')
      .groupBy('status')
      .execute();
    const count = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0);
    return { confirmed: count('CONFIRMED'), waitlisted: count('WAITLISTED') };
  }

  /** Confirmed enrollments with their people, for invitations. */
  confirmedWithPeople(tx: Tx, sessionId: string): Promise<(EnrollmentRow & { person: EmployeeRow })[]> {
    return this.withPeople(tx, sessionId, 'CONFIRMED');
  }

  private async withPeople(tx: Tx, sessionId: string, status: EnrollmentRow['status']): Promise<(EnrollmentRow & { person: EmployeeRow })[]> {
    const enrollments = await tx.selectFrom('Enrollment').selectAll().where('sessionId', '=', sessionId).where('status', '=', status).orderBy('createdAt').orderBy('id').execute();
    if (enrollments.length === 0) return [];
    const people = await tx.selectFrom('Employee').selectAll().where('id', 'in', enrollments.map((e) => e.employeeId)).execute();
    const byId = new Map(people.map((person) => [person.id, person]));
    return enrollments.flatMap((enrollment) => {
      const person = byId.get(enrollment.employeeId);
      return person ? [{ ...enrollment, person }] : [];
    });
  }

  /** Scheduled sessions of the course still to start, soonest first, in which the person holds no place. */
  upcomingWithoutPerson(tx: Tx, courseId: string, employeeId: string, now: Date): Promise<TrainingSessionRow[]> {
    return tx
      .selectFrom('TrainingSession')
      .selectAll()
      .where('courseId', '=', courseId)
      .where('status', '=', 'SCHEDULED')
      .where('startsAt', '>', now)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('Enrollment as e').select('e.id').whereRef('e.sessionId', '=', 'TrainingSession.id').where('e.employeeId', '=', employeeId).where('e.status', '<>', 'WITHDRAWN'))),
      )
      .orderBy('startsAt')
      .orderBy('id')
      .limit(50)
      .execute();
  }
}

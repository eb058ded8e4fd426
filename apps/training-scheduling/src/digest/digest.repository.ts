import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { EmployeeRow } from '../rows.js';

export interface DigestRequirement {
  employeeId: string;
  year: number;
  courseId: string;
  courseCode: string;
  titleEn: string;
  titleZh: string;
  dueOn: Date;
  status: string;
  /** Set while the person holds a seat or a waitlist place in a session of the course. */
  satisfiedByEnrollmentId: string | null;
}

export interface DigestSession {
  id: string;
  courseId: string;
  courseCode: string;
  titleEn: string;
  titleZh: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  onlineUrl: string | null;
  freeSeats: number;
}

/**
 * SQL of the digest: each read is one statement for a whole batch of managers (array parameters,
 * = ANY), never one per manager or per person.
 */
@Injectable()
export class DigestRepository {
  /** Everyone with at least one direct report. */
  async managerIds(tx: Tx): Promise<string[]> {
    const rows = await tx.selectFrom('Employee').select('managerId').distinct().where('managerId', 'is not', null).orderBy('managerId').execute();
    return rows.map((row) => row.managerId!);
  }

  /** Those of `ids` who have at least one direct report. */
  async managersAmong(tx: Tx, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await tx.selectFrom('Employee').select('managerId').distinct().where((eb) => eb('managerId', '=', eb.fn.any(eb.val(ids)))).execute();
    return rows.map((row) => row.managerId!);
  }

  /** The direct reports of these managers, by name. */
  reports(tx: Tx, managerIds: string[]): Promise<EmployeeRow[]> {
    if (managerIds.length === 0) return Promise.resolve([]);
    return tx.selectFrom('Employee').selectAll().where((eb) => eb('managerId', '=', eb.fn.any(eb.val(managerIds)))).orderBy('name').orderBy('email').execute();
  }

  /** The people's requirements of these plan years, withdrawn ones left out, with their courses. */
  requirements(tx: Tx, employeeIds: string[], years: number[]): Promise<DigestRequirement[]> {
    if (employeeIds.length === 0 || years.length === 0) return Promise.resolve([]);
    return tx
      .selectFrom('TrainingRequirement as r')
      .innerJoin('Course as c', 'c.id', 'r.courseId')
      .select(['r.employeeId', 'r.year', 'r.courseId', 'c.code as courseCode', 'c.titleEn', 'c.titleZh', 'r.dueOn', 'r.status', 'r.satisfiedByEnrollmentId'])
      .where((eb) => eb('r.employeeId', '=', eb.fn.any(eb.val(employeeIds))))
      .where((eb) => eb('r.year', '=', eb.fn.any(eb.val(years))))
      .where('r.status', '<>', 'WITHDRAWN')
      .orderBy('r.dueOn')
      .orderBy('c.code')
      .execute();
  }

  /** Scheduled sessions of these courses starting in (from, to] with a seat left, soonest first. */
  async sessionsWithSeats(tx: Tx, courseIds: string[], from: Date, to: Date): Promise<DigestSession[]> {
    if (courseIds.length === 0) return [];
    const result = await sql<DigestSession>`
      SELECT s."id", s."courseId", c."code" AS "courseCode", c."titleEn", c."titleZh", s."startsAt", s."endsAt", s."place", s."onlineUrl",
             (s."capacity" - count(e."id"))::int AS "freeSeats"
      FROM "TrainingSession" s
      JOIN "Course" c ON c."id" = s."courseId"
      LEFT JOIN "Enrollment" e ON e."sessionId" = s."id" AND e."status" = 'CONFIRMED'
      WHERE s."courseId" = ANY(${courseIds}::uuid[]) AND s."status" = 'SCHEDULED'
        AND s."startsAt" > ${from.toISOString()}::timestamp AND s."startsAt" <= ${to.toISOString()}::timestamp
      GROUP BY s."id", c."id"
      HAVING s."capacity" - count(e."id") > 0
      ORDER BY s."startsAt", c."code", s."id"`.execute(tx);
    return result.rows;
  }
}

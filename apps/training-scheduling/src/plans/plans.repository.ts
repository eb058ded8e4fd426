import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { EmployeeRow } from '../rows.js';
import type { PlanDocument, PlanRule } from './plans.rules.js';

export interface PlanRow {
  year: number;
  version: number;
  document: unknown;
  createdAt: Date;
}

export interface AppliedCounts {
  added: number;
  reopened: number;
  redated: number;
  withdrawn: number;
}

export interface ProgressRow {
  team: string | null;
  role: string | null;
  byTeam: boolean;
  total: number;
  completed: number;
  open: number;
  enrolled: number;
  overdue: number;
}

/** Only the employees named, or everyone (a publish). */
export type Scope = { employeeIds: string[] } | 'everyone';

const affected = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);

/**
 * Training plans (a row per year and version, never changed once written) and the requirements
 * they set. Applying a plan is set-based: the matching (employee, course, due) pairs go into a
 * transaction-local table with one statement per rule, then four statements turn the stored
 * requirements into that set (add, reopen, redate, withdraw), whatever the number of people.
 */

/** A requirement as the other features need it: which one, and its due date (the person's local date). */
export interface RequirementDue {
  id: string;
  dueOn: Date;
}
@Injectable()
export class PlansRepository {
  /** Serializes publishing a year's plan and re-applying it to people who changed. */
  async lockYear(tx: Tx, year: number): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('training-plan'), ${year})`.execute(tx);
  }

  async active(tx: Tx, year: number): Promise<PlanRow | null> {
    return (await tx.selectFrom('TrainingPlan').select(['year', 'version', 'document', 'createdAt']).where('year', '=', year).orderBy('version', 'desc').limit(1).executeTakeFirst()) ?? null;
  }

  /** The years from `fromYear` on that have a plan. */
  async yearsFrom(tx: Tx, fromYear: number): Promise<number[]> {
    return (await tx.selectFrom('TrainingPlan').select('year').distinct().where('year', '>=', fromYear).orderBy('year').execute()).map((row) => row.year);
  }

  add(tx: Tx, plan: { year: number; version: number; document: PlanDocument; createdById: string; at: Date }): Promise<PlanRow> {
    return tx
      .insertInto('TrainingPlan')
      .values({ id: randomUUID(), year: plan.year, version: plan.version, document: JSON.stringify(plan.document), createdById: plan.createdById, createdAt: plan.at })
      .returning(['year', 'version', 'document', 'createdAt'])
      .executeTakeFirstOrThrow();
  }

  async courseIdsByCode(tx: Tx, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await tx.selectFrom('Course').select(['id', 'code']).where('code', 'in', codes).execute();
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  /** The people in scope that a rule's roles, teams, regions and product lines admit (for the rules evaluated in JS). */
  async candidates(tx: Tx, scope: Scope): Promise<EmployeeRow[]> {
    let query = tx.selectFrom('Employee').selectAll();
    if (scope !== 'everyone') query = query.where('id', 'in', scope.employeeIds.length > 0 ? scope.employeeIds : [randomUUID()]);
    return query.execute();
  }

  async startDesired(tx: Tx): Promise<void> {
    await sql`CREATE TEMP TABLE IF NOT EXISTS training_plan_desired (
      "employeeId" uuid NOT NULL, "courseId" uuid NOT NULL, "dueOn" date NOT NULL, PRIMARY KEY ("employeeId", "courseId")
    ) ON COMMIT DROP`.execute(tx);
    await sql`TRUNCATE training_plan_desired`.execute(tx);
  }

  /**
   * One rule, one statement: INSERT ... SELECT from Employee filtered by the audience. `personal`
   * carries the people (and their due dates) a `when` or a joining date picked in JS; the
   * audience's columns still filter in SQL. Two rules for one course: the earlier due date wins.
   */
  async desire(tx: Tx, rule: PlanRule, courseId: string, scope: Scope, personal?: { ids: string[]; dues: string[] }): Promise<void> {
    const { roles, teams, regions, productLines } = rule.audience;
    const filters = [sql`TRUE`];
    if (roles) filters.push(sql`e."role"::text = ANY(${roles}::text[])`);
    if (teams) filters.push(sql`e."team" = ANY(${teams}::text[])`);
    if (regions) filters.push(sql`e."region" = ANY(${regions}::text[])`);
    if (productLines) filters.push(sql`e."productLines" && ${productLines}::text[]`);
    if (scope !== 'everyone') filters.push(sql`e."id" = ANY(${scope.employeeIds}::uuid[])`);
    const where = sql.join(filters, sql` AND `);
    const conflict = sql`ON CONFLICT ("employeeId", "courseId") DO UPDATE SET "dueOn" = LEAST(training_plan_desired."dueOn", excluded."dueOn")`;
    if (personal) {
      await sql`INSERT INTO training_plan_desired ("employeeId", "courseId", "dueOn")
        SELECT e."id", ${courseId}::uuid, p."due" FROM "Employee" e
        JOIN unnest(${personal.ids}::uuid[], ${personal.dues}::date[]) AS p("id", "due") ON p."id" = e."id"
        WHERE ${where} ${conflict}`.execute(tx);
    } else {
      const dueOn = 'date' in rule.due ? rule.due.date : null;
      await sql`INSERT INTO training_plan_desired ("employeeId", "courseId", "dueOn")
        SELECT e."id", ${courseId}::uuid, ${dueOn}::date FROM "Employee" e WHERE ${where} ${conflict}`.execute(tx);
    }
  }

  /**
   * Turns the year's requirements (of the people in scope) into the desired set: only the
   * difference is written. A completed requirement is never touched, so no completion is lost.
   */
  async reconcile(tx: Tx, year: number, version: number, scope: Scope, now: Date): Promise<AppliedCounts> {
    const added = await sql`INSERT INTO "TrainingRequirement" ("id", "year", "employeeId", "courseId", "planVersion", "dueOn", "status", "satisfiedByEnrollmentId", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${year}, d."employeeId", d."courseId", ${version}, d."dueOn", 'OPEN',
        (SELECT en."id" FROM "Enrollment" en JOIN "TrainingSession" s ON s."id" = en."sessionId"
          WHERE en."employeeId" = d."employeeId" AND s."courseId" = d."courseId" AND en."status" <> 'WITHDRAWN' AND s."status" = 'SCHEDULED'
          ORDER BY en."createdAt" LIMIT 1),
        ${now}, ${now}
      FROM training_plan_desired d
      ON CONFLICT ("year", "employeeId", "courseId") DO NOTHING`.execute(tx);
    const reopened = await sql`UPDATE "TrainingRequirement" r
      SET "status" = 'OPEN', "withdrawnAt" = NULL, "dueOn" = d."dueOn", "planVersion" = ${version}, "updatedAt" = ${now}
      FROM training_plan_desired d
      WHERE r."year" = ${year} AND r."employeeId" = d."employeeId" AND r."courseId" = d."courseId" AND r."status" = 'WITHDRAWN'`.execute(tx);
    const redated = await sql`UPDATE "TrainingRequirement" r
      SET "dueOn" = d."dueOn", "planVersion" = ${version}, "updatedAt" = ${now}
      FROM training_plan_desired d
      WHERE r."year" = ${year} AND r."employeeId" = d."employeeId" AND r."courseId" = d."courseId" AND r."status" = 'OPEN' AND r."dueOn" <> d."dueOn"`.execute(tx);
    const inScope = scope === 'everyone' ? sql`TRUE` : sql`r."employeeId" = ANY(${scope.employeeIds}::uuid[])`;
    const withdrawn = await sql`UPDATE "TrainingRequirement" r
      SET "status" = 'WITHDRAWN', "withdrawnAt" = ${now}, "planVersion" = ${version}, "updatedAt" = ${now}
      WHERE r."year" = ${year} AND r."status" = 'OPEN' AND r."recertifiesCertificateId" IS NULL AND ${inScope}
        AND NOT EXISTS (SELECT 1 FROM training_plan_desired d WHERE d."employeeId" = r."employeeId" AND d."courseId" = r."courseId")`.execute(tx);
    return { added: affected(added), reopened: affected(reopened), redated: affected(redated), withdrawn: affected(withdrawn) };
  }

  /** Marks the person's open requirements for the course as met by this enrollment (the first one wins). */
  async satisfy(tx: Tx, enrollment: { id: string; employeeId: string }, courseId: string, now: Date): Promise<void> {
    await tx.updateTable('TrainingRequirement')
      .set({ satisfiedByEnrollmentId: enrollment.id, updatedAt: now })
      .where('employeeId', '=', enrollment.employeeId).where('courseId', '=', courseId).where('status', '=', 'OPEN').where('satisfiedByEnrollmentId', 'is', null)
      .execute();
  }

  /** A completed enrollment completes the person's open requirements for the course (whatever the year). */
  /** The requirements it completed (at most one: one per year, employee and course, and one open at a time in practice). */
  complete(tx: Tx, enrollment: { id: string; employeeId: string }, courseId: string, now: Date): Promise<RequirementDue[]> {
    return tx.updateTable('TrainingRequirement')
      .set((eb) => ({ status: 'COMPLETED', completedAt: now, satisfiedByEnrollmentId: eb.fn.coalesce('satisfiedByEnrollmentId', eb.val(enrollment.id)), updatedAt: now }))
      .where('employeeId', '=', enrollment.employeeId).where('courseId', '=', courseId).where('status', '=', 'OPEN')
      .returning(['id', 'dueOn'])
      .execute();
  }

  /** The person's open requirement for the course, the earliest due first. */
  openFor(tx: Tx, employeeId: string, courseId: string): Promise<RequirementDue | undefined> {
    return tx.selectFrom('TrainingRequirement').select(['id', 'dueOn'])
      .where('employeeId', '=', employeeId).where('courseId', '=', courseId).where('status', '=', 'OPEN')
      .orderBy('dueOn').limit(1)
      .executeTakeFirst();
  }

  /** A withdrawn enrollment no longer meets anything. */
  async release(tx: Tx, enrollmentId: string, now: Date): Promise<void> {
    await tx.updateTable('TrainingRequirement').set({ satisfiedByEnrollmentId: null, updatedAt: now }).where('satisfiedByEnrollmentId', '=', enrollmentId).execute();
  }

  /**
   * Completion and overdue counts by team and by role in one pass (GROUPING SETS); `managerId`
   * limits it to that person's reporting line. Overdue: open past its due date in the person's zone.
   */
  async progress(tx: Tx, year: number, now: Date, managerId: string | null): Promise<ProgressRow[]> {
    const line = managerId === null
      ? sql`TRUE`
      : sql`e."id" IN (WITH RECURSIVE line AS (
          SELECT "id" FROM "Employee" WHERE "managerId" = ${managerId}::uuid
          UNION SELECT m."id" FROM "Employee" m JOIN line l ON m."managerId" = l."id"
        ) SELECT "id" FROM line)`;
    const result = await sql<ProgressRow>`SELECT e."team" AS "team", e."role"::text AS "role", GROUPING(e."role") = 1 AS "byTeam",
        count(*)::int AS "total",
        (count(*) FILTER (WHERE r."status" = 'COMPLETED'))::int AS "completed",
        (count(*) FILTER (WHERE r."status" = 'OPEN'))::int AS "open",
        (count(*) FILTER (WHERE r."status" = 'OPEN' AND r."satisfiedByEnrollmentId" IS NOT NULL))::int AS "enrolled",
        (count(*) FILTER (WHERE r."status" = 'OPEN' AND r."dueOn" < ((${now.toISOString()}::timestamptz) AT TIME ZONE e."timezone")::date))::int AS "overdue"
      FROM "TrainingRequirement" r JOIN "Employee" e ON e."id" = r."employeeId"
      WHERE r."year" = ${year} AND r."status" <> 'WITHDRAWN' AND ${line}
      GROUP BY GROUPING SETS ((e."team"), (e."role"))
      ORDER BY 3 DESC, 1 NULLS LAST, 2`.execute(tx);
    return result.rows;
  }
}

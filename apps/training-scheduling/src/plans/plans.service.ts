import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { z } from 'zod/v4';
import { AuditWriter } from '#libs/audit';
import type { TrainingPlanProgress, TrainingPlanView } from '#libs/contracts';
import { Database, isUniqueViolation, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ConflictError, NotFoundError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { OverdueTimers } from '../overdue/overdue-timers.service.js';
import { audienceWhenHolds } from './plan-when.js';
import { PlansRepository, type AppliedCounts, type PlanRow, type Scope } from './plans.repository.js';
import { courseCodesOf, dueOn, isPlanYear, needsPersonalEvaluation, validatePlan, type PlanDocument } from './plans.rules.js';

type PlanViewBody = z.infer<typeof TrainingPlanView>;
type ProgressBody = z.infer<typeof TrainingPlanProgress>;

/** Who sees every requirement's progress; anyone else sees their reporting line. */
const SEE_ALL = new Set(['HR', 'ADMIN']);
/** Plans are kept per calendar year as the company counts it. */
const COMPANY_ZONE = 'Asia/Shanghai';

function checkedYear(year: number): number {
  if (!isPlanYear(year)) throw new BadRequestError('The year is invalid.', [{ field: 'year', message: 'must be a year from 2000 to 2100' }]);
  return year;
}

/**
 * Annual training plans by level (issue 10 item 3): a version per publish, rules as data,
 * validated once; publishing (and a directory change, see PlansJobs) applies the active version
 * set-based, writing only the difference.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly database: Database,
    private readonly repository: PlansRepository,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly overdue: OverdueTimers,
  ) {}

  async put(caller: Caller, year: number, input: unknown, correlationId: string): Promise<PlanViewBody> {
    checkedYear(year);
    const known = await this.repository.courseIdsByCode(this.database.db, [...new Set(courseCodesOf(input))]);
    const validation = validatePlan(input, new Set(known.keys()));
    if (!validation.ok) throw new BadRequestError(`The training plan for ${year} is invalid; nothing was written.`, validation.errors);
    try {
      return await this.database.transaction(async (tx) => {
        await this.repository.lockYear(tx, year);
        const previous = await this.repository.active(tx, year);
        const now = this.clock.now();
        const row = await this.repository.add(tx, { year, version: (previous?.version ?? 0) + 1, document: validation.plan, createdById: caller.id, at: now });
        const applied = await this.apply(tx, row, 'everyone', now);
        await this.audit.record(tx, {
          entityType: 'training-plan', entityId: caller.id, action: 'training-plan.published', actorId: caller.id,
          before: previous ? { year, version: previous.version, document: previous.document } : undefined,
          after: { year, version: row.version, document: validation.plan, applied }, correlationId, at: now,
        });
        return { ...view(row), applied };
      });
    } catch (error) {
      // (year, version) is unique; the year's lock serializes publishers, this is the last guard.
      if (isUniqueViolation(error)) throw new ConflictError(`The training plan for ${year} was published concurrently; read it again.`, 'conflict.stale_version');
      throw error;
    }
  }

  async get(year: number): Promise<PlanViewBody> {
    return view(await this.found(this.database.db, checkedYear(year)));
  }

  async progress(caller: Caller, year: number): Promise<ProgressBody> {
    const plan = await this.found(this.database.db, checkedYear(year));
    const rows = await this.repository.progress(this.database.db, year, this.clock.now(), SEE_ALL.has(caller.role) ? null : caller.id);
    const counts = (row: (typeof rows)[number]) => ({ total: row.total, completed: row.completed, open: row.open, enrolled: row.enrolled, overdue: row.overdue });
    return {
      year,
      version: plan.version,
      byTeam: rows.filter((row) => row.byTeam).map((row) => ({ team: row.team, ...counts(row) })),
      byRole: rows.filter((row) => !row.byTeam).map((row) => ({ role: row.role as ProgressBody['byRole'][number]['role'], ...counts(row) })),
    };
  }

  /**
   * Re-applies the active plans of this year and later to the people named (they joined or moved);
   * idempotent: the requirements are unique per (year, employee, course) and only the difference is written.
   */
  async applyToEmployees(employeeIds: string[], correlationId: string | null): Promise<AppliedCounts | null> {
    if (employeeIds.length === 0) return null;
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const years = await this.repository.yearsFrom(tx, DateTime.fromJSDate(now, { zone: COMPANY_ZONE }).year);
      if (years.length === 0) return null;
      const total: AppliedCounts = { added: 0, reopened: 0, redated: 0, withdrawn: 0 };
      for (const year of years) {
        await this.repository.lockYear(tx, year);
        const plan = await this.repository.active(tx, year);
        if (!plan) continue;
        const applied = await this.apply(tx, plan, { employeeIds }, now);
        for (const key of Object.keys(total) as (keyof AppliedCounts)[]) total[key] += applied[key];
        await this.audit.record(tx, {
          entityType: 'training-plan', entityId: employeeIds[0], action: 'training-plan.reapplied', actorId: null,
          after: { year, version: plan.version, employeeIds, applied }, correlationId, at: now,
        });
      }
      return total;
    });
  }

  /** One statement per rule into the desired set, then the difference written in four statements. */
  private async apply(tx: Tx, plan: PlanRow, scope: Scope, now: Date): Promise<AppliedCounts> {
    const document = plan.document as PlanDocument;
    const courseIds = await this.repository.courseIdsByCode(tx, [...new Set(document.rules.map((rule) => rule.course))]);
    await this.repository.startDesired(tx);
    // A `when` or a due date counted from joining needs each person's facts: read them once for all rules.
    const personal = document.rules.some(needsPersonalEvaluation) ? await this.repository.candidates(tx, scope) : [];
    const contexts = personal.length > 0 ? await this.directory.workingContexts(personal, tx) : new Map();
    for (const rule of document.rules) {
      const courseId = courseIds.get(rule.course);
      if (!courseId) continue; // validated at publish; a course deleted since asks nothing
      if (!needsPersonalEvaluation(rule)) {
        await this.repository.desire(tx, rule, courseId, scope);
        continue;
      }
      const picked = personal.filter((person) => rule.audience.when === undefined || audienceWhenHolds(rule.audience.when, { role: person.role, team: person.team, region: person.region }));
      const dues = picked.map((person) => {
        const context = contexts.get(person.id)!;
        return dueOn(rule.due, person.createdAt, context.calendar, context.zone);
      });
      await this.repository.desire(tx, rule, courseId, scope, { ids: picked.map((person) => person.id), dues });
    }
    const applied = await this.repository.reconcile(tx, plan.year, plan.version, scope, now);
    // The requirements just added, reopened or redated carry `now`: arm their overdue steps.
    await this.overdue.armWrittenAt(tx, plan.year, now, null);
    return applied;
  }

  private async found(tx: Tx, year: number): Promise<PlanRow> {
    const plan = await this.repository.active(tx, year);
    if (!plan) throw new NotFoundError(`There is no training plan for ${year}.`, 'training-plan.not_found');
    return plan;
  }
}

function view(row: PlanRow): PlanViewBody {
  return { year: row.year, version: row.version, document: row.document as PlanViewBody['document'], createdAt: row.createdAt.toISOString() };
}

import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod/v4';
import { AuditWriter } from '#libs/audit';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { TargetInput, TargetProgressPage, TargetsWritten } from '#libs/contracts';
import { Database } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ForbiddenError, type Caller, type FieldError } from '#libs/rpc';
import { Clock } from '#libs/time';
import { ProgressTimers } from '../progress/progress-timers.service.js';
import { parsePeriod, PERIOD_FORMS, type Period } from '../periods/period.js';
import { TargetProgressReader, type PersonProgress } from './target-progress.reader.js';
import { TargetsRepository } from './targets.repository.js';
import { centsText, fromCents, maySetTarget, readsAllTargets, teamTotal, toCents } from './targets.rules.js';

type PageBody = z.infer<typeof TargetProgressPage>;
type WrittenBody = z.infer<typeof TargetsWritten>;

/** The largest target accepted (Decimal(20,2) holds more; this keeps cents exact in a double). */
export const MAX_TARGET = 1e13;

/**
 * Sales targets per person and period (issue 11 item 2). A PUT writes all its targets or none;
 * GET answers each person's progress in the caller's view and the view's total.
 */
@Injectable()
export class TargetsService {
  constructor(
    private readonly database: Database,
    private readonly repository: TargetsRepository,
    private readonly reader: TargetProgressReader,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly progressTimers: ProgressTimers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async put(caller: Caller, periodText: string, targets: TargetInput[], correlationId: string): Promise<WrittenBody> {
    const period = checkedPeriod(periodText);
    const errors: FieldError[] = [];
    targets.forEach((target, i) => {
      if (typeof target.amount !== 'number' || !Number.isFinite(target.amount) || target.amount < 0 || target.amount > MAX_TARGET || toCents(target.amount) / 100 !== target.amount) {
        errors.push({ field: `targets[${i}].amount`, message: `must be a number from 0 to ${MAX_TARGET} with at most two decimals (${this.config.BASE_CURRENCY})` });
      }
    });
    const people = await this.repository.people(this.database.db, targets.map((t) => t.employee));
    const byRef = new Map<string, (typeof people)[number]>();
    for (const person of people) {
      byRef.set(person.id, person);
      byRef.set(person.email, person);
    }
    const resolved = targets.map((target, i) => {
      const person = byRef.get(target.employee.toLowerCase());
      if (!person) errors.push({ field: `targets[${i}].employee`, message: `no employee has the id or email ${target.employee}` });
      return person;
    });
    const seen = new Map<string, number>();
    resolved.forEach((person, i) => {
      if (!person) return;
      if (seen.has(person.id)) errors.push({ field: `targets[${i}].employee`, message: `${person.email} is named twice (also targets[${seen.get(person.id)}])` });
      else seen.set(person.id, i);
    });
    if (errors.length > 0) throw new BadRequestError(`The targets for ${period.text} are invalid; nothing was written.`, errors);
    const below = new Set((await this.directory.reportingSubtree(caller.id)).filter((id) => id !== caller.id));
    // Named as the caller named them (an id stays an id), so a 403 reveals no one's email.
    const outside = resolved.flatMap((person, i) => (maySetTarget(caller.role, caller.id, below, person!.id) ? [] : [`targets[${i}] (${targets[i].employee})`]));
    if (outside.length > 0) {
      throw new ForbiddenError(`You may set targets for the people below you in your reporting line only; not for ${outside.join(', ')}. Nothing was written.`, 'target.outside_remit');
    }

    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const ids = resolved.map((person) => person!.id);
      const before = new Map((await this.repository.lock(tx, period.text, ids)).map((row) => [row.employeeId, row]));
      const writes = targets.map((target, i) => ({ employeeId: ids[i], amount: centsText(toCents(target.amount)) }));
      const written = await this.repository.upsert(tx, period.text, caller.id, writes, now);
      await this.progressTimers.armAbove(tx, ids, now, correlationId);
      await this.audit.recordAll(tx, writes.filter((w) => written.has(w.employeeId)).map((w) => {
        const previous = before.get(w.employeeId);
        return {
          entityType: 'sales-target', entityId: written.get(w.employeeId)!.id, action: 'sales-target.set', actorId: caller.id,
          before: previous ? { period: period.text, employeeId: w.employeeId, amount: previous.amount, version: previous.version, setById: previous.setById } : null,
          after: { period: period.text, employeeId: w.employeeId, amount: w.amount, version: written.get(w.employeeId)!.version, setById: caller.id },
          correlationId, at: now,
        };
      }));
      return {
        period: period.text,
        currency: this.config.BASE_CURRENCY,
        targets: writes.map((w, i) => ({
          employee: { id: ids[i], email: resolved[i]!.email, name: resolved[i]!.name },
          amount: Number(w.amount),
          version: written.get(w.employeeId)?.version ?? before.get(w.employeeId)!.version,
          changed: written.has(w.employeeId),
        })),
      };
    });
  }

  /**
   * Each person in the caller's view with a target in the period: ADMIN sees everyone's, anyone
   * else their own and their reporting line's (SPEC). The total covers the whole view the filters
   * select, so it is computed over every page; the page is cut from it by the cursor (the last
   * person's id).
   */
  async list(caller: Caller, query: { period: string; team?: string; cursor?: string; limit: number }): Promise<PageBody> {
    const period = checkedPeriod(query.period);
    const now = this.clock.now();
    const db = this.database.db;
    const view = readsAllTargets(caller.role) ? null : await this.directory.reportingSubtree(caller.id, db);
    const rows = await this.reader.read(db, period, view, query.team ?? null, now);
    const start = query.cursor ? rows.findIndex((row) => row.target.employeeId === query.cursor) + 1 : 0;
    if (query.cursor && start === 0) throw new BadRequestError('The cursor is not one of this list\u2019s.', [{ field: 'cursor', message: 'use the nextCursor of the previous page' }]);
    const page = rows.slice(start, start + query.limit);
    const total = teamTotal(rows.map((row) => row.progress));
    return {
      period: period.text,
      currency: this.config.BASE_CURRENCY,
      asOf: now.toISOString(),
      team: query.team ?? null,
      items: page.map(view_),
      nextCursor: start + query.limit < rows.length ? page[page.length - 1].target.employeeId : null,
      total: {
        people: total.people, target: fromCents(total.targetCents), actual: fromCents(total.actualCents), expected: fromCents(total.expectedCents),
        attainmentPct: total.attainmentPct, behindPace: total.behindPace, behindCount: total.behindCount,
      },
    };
  }
}

function checkedPeriod(text: string): Period {
  const period = parsePeriod(text);
  if (!period) throw new BadRequestError(`${text} is not a period.`, [{ field: 'period', message: `must be ${PERIOD_FORMS}` }]);
  return period;
}

function view_({ target, contracts, progress }: PersonProgress): PageBody['items'][number] {
  return {
    employee: { id: target.employeeId, email: target.employeeEmail, name: target.employeeName },
    team: target.team,
    target: fromCents(progress.targetCents),
    actual: fromCents(progress.actualCents),
    contracts,
    attainmentPct: progress.attainmentPct,
    expected: fromCents(progress.expectedCents),
    elapsedPct: progress.elapsedPct,
    behindPace: progress.behindPace,
    version: target.version,
    setBy: { id: target.setById, email: target.setByEmail, name: target.setByName },
    updatedAt: target.updatedAt.toISOString(),
  };
}

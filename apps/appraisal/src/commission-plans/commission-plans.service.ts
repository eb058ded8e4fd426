import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { BadRequestError, ConflictError, ForbiddenError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { planFor } from '../commissions/commissions.rules.js';
import { parsePeriod, PERIOD_FORMS } from '../periods/period.js';
import { DEFAULT_COMMISSION_PLAN, validateCommissionPlan, type CommissionPlanDocument } from './commission-plan.js';
import { CommissionPlansRepository, type PlanRow } from './commission-plans.repository.js';

const PLAN_WRITERS = ['FINANCE', 'ADMIN'];

/** Version 0: in force wherever no stored version is. */
const DEFAULT_ROW: PlanRow = { id: '00000000-0000-0000-0000-000000000000', version: 0, effectiveFrom: DEFAULT_COMMISSION_PLAN.effectiveFrom, effectiveFromDay: '2000-01-01', document: DEFAULT_COMMISSION_PLAN, createdAt: new Date(0) };

export interface VersionedPlan {
  version: number;
  effectiveFrom: string;
  plan: CommissionPlanDocument;
  createdAt: string | null;
}

function view(row: PlanRow): VersionedPlan {
  return { version: row.version, effectiveFrom: row.effectiveFrom, plan: row.document, createdAt: row.version === 0 ? null : row.createdAt.toISOString() };
}

/**
 * Commission plans as data, versioned. A new version governs periods starting on or after its
 * month; one that would govern a period with an approved statement is refused (409): a paid
 * period's plan is locked.
 */
@Injectable()
export class CommissionPlansService {
  constructor(
    private readonly database: Database,
    private readonly repository: CommissionPlansRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async put(caller: Caller, input: unknown, correlationId: string): Promise<VersionedPlan> {
    if (!PLAN_WRITERS.includes(caller.role)) throw new ForbiddenError('Only FINANCE and ADMIN may change the commission plan.');
    const validation = validateCommissionPlan(input);
    if (!validation.ok) throw new BadRequestError('The commission plan is invalid.', validation.errors);
    const plan = validation.plan;
    return this.database.transaction(async (tx) => {
      await this.repository.lockPlans(tx);
      const paid = await this.repository.approvedFrom(tx, `${plan.effectiveFrom}-01`);
      if (paid) {
        throw new ConflictError(`A plan effective from ${plan.effectiveFrom} would govern ${paid.period}, whose statement ${paid.id} is approved; make it effective after the last paid period.`, 'commission_plan.locked');
      }
      const versions = await this.repository.all(tx);
      const now = this.clock.now();
      const row = await this.repository.add(tx, { version: (versions.at(-1)?.version ?? 0) + 1, document: plan, createdById: caller.id, at: now });
      await this.audit.record(tx, {
        entityType: 'commission-plan', entityId: row.id, action: 'commission-plan.published', actorId: caller.id, after: { version: row.version, plan }, correlationId, at: now,
      });
      return view(row);
    });
  }

  async get(period: string | undefined): Promise<VersionedPlan> {
    if (period === undefined) {
      const versions = await this.repository.all(this.database.db);
      return view(versions.at(-1) ?? DEFAULT_ROW);
    }
    const parsed = parsePeriod(period);
    if (!parsed) throw new BadRequestError('The period is invalid.', [{ field: 'period', message: PERIOD_FORMS }]);
    return view(await this.inForce(this.database.db, parsed.firstDay));
  }

  /** The version governing a period starting on `firstDay` (version 0, the default, when none does). */
  async inForce(tx: Tx, firstDay: string): Promise<PlanRow> {
    return planFor(await this.repository.all(tx), firstDay) ?? DEFAULT_ROW;
  }

  async byVersion(tx: Tx, version: number): Promise<PlanRow> {
    return (await this.repository.all(tx)).find((row) => row.version === version) ?? DEFAULT_ROW;
  }
}

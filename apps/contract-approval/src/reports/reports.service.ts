import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { ReportView, ReportWindowRequest } from '#libs/contracts';
import { Database, PrismaService } from '#libs/database';
import { OrgDirectory, ownersVisibleTo, personView, reportScope } from '#libs/org';
import type { Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { contractSummary, fromPrismaContract } from '../contracts/contract-views.js';
import { PolicyStore } from '../policy/policy-store.service.js';
import { ReportsRepository } from './reports.repository.js';
import { discountThresholds } from './reports.rules.js';

/** The sales analysis's figures and the desk's contracts in flight, read for the caller's reporting line. */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly prisma: PrismaService,
    private readonly directory: OrgDirectory,
    private readonly policies: PolicyStore,
    private readonly repository: ReportsRepository,
    private readonly clock: Clock,
  ) {}

  async sales(caller: Caller, request: ReportWindowRequest): Promise<ReportView> {
    const { owners, window } = await reportScope(this.directory, caller, request, this.clock.now());
    const rows = await this.repository.sales(this.database.db, owners, window);
    return this.view('sales', window, ['month', 'region', 'productLine', 'customerType', 'contracts', 'amount'], rows);
  }

  async discounts(caller: Caller, request: ReportWindowRequest): Promise<ReportView> {
    const { owners, window } = await reportScope(this.directory, caller, request, this.clock.now());
    const [rows, policy] = await Promise.all([this.repository.discounts(this.database.db, owners, window), this.policies.active()]);
    return { ...this.view('discounts', window, ['discountPct', 'contracts', 'amount'], rows), thresholds: discountThresholds(policy.document) };
  }

  async approvalCycle(caller: Caller, request: ReportWindowRequest): Promise<ReportView> {
    const now = this.clock.now();
    const { owners, window } = await reportScope(this.directory, caller, request, now);
    const rows = await this.repository.approvalCycle(this.database.db, owners, window, now);
    return { ...this.view('approval-cycle', window, ['stage', 'decided', 'averageHours', 'maxHours', 'breaches', 'pendingOverdue'], rows), currency: null };
  }

  async inFlight(caller: Caller, limit: number) {
    const owners = await ownersVisibleTo(this.directory, caller);
    const rows = await this.repository.inFlight(this.database.db, owners, limit);
    const contracts = new Map((await this.prisma.contract.findMany({ where: { id: { in: rows.map((row) => row.contractId) } } })).map((c) => [c.id, fromPrismaContract(c)]));
    const ids = new Set([...contracts.values()].map((c) => c.ownerId).concat(rows.flatMap((row) => row.waitingFor)));
    const people = new Map((await this.directory.findManyById([...ids])).map((e) => [e.id, e]));
    return {
      items: rows.map((row) => {
        const contract = contracts.get(row.contractId)!;
        return {
          contract: contractSummary(contract, people.get(contract.ownerId)!, this.config.BASE_CURRENCY),
          stage: row.stage,
          waitingFor: row.waitingFor.flatMap((id) => (people.has(id) ? [personView(people.get(id)!)] : [])),
          since: row.since?.toISOString() ?? null,
          dueAt: row.dueAt?.toISOString() ?? null,
        };
      }),
      nextCursor: null,
    };
  }

  private view<R extends object>(name: ReportView['name'], window: { from: string; to: string; zone: string }, columns: string[], rows: R[]): ReportView {
    return { name, from: window.from, to: window.to, timezone: window.zone, currency: this.config.BASE_CURRENCY, columns, rows: rows as ReportView['rows'], thresholds: [] };
  }
}

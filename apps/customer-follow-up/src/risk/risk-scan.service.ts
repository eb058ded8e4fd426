import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { FollowUpPolicy } from '../policy/follow-up-policy.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { overdueWorkingDays } from '../revisits/local-days.js';
import { RiskAlertMailer, type RiskAlertEmail } from './risk.mailer.js';
import { planSlice, type AlertWrite, type FlaggedCustomer, type PlannedSend } from './risk-alert-plan.js';
import { RiskCountermeasures } from './risk-countermeasures.service.js';
import { RiskRecovery } from './risk-recovery.service.js';
import { RiskDigestService } from './risk-digest.service.js';
import { isCritical } from './risk-digest.rules.js';
import { evaluateCustomerRisk, needsVisitCount, RISK_TYPE_CUSTOMER_DEMAND, riskWindows, type RiskWindows } from './risk.rules.js';
import { FIRST_CUSTOMER_ID, RiskScanRepository, type CustomerRange, type CustomerRiskRow } from './risk-scan.repository.js';
import { ScanDirectory } from './scan-directory.js';

/** Customers per slice: one aggregate statement and one short write transaction each. */
export const RISK_SCAN_SLICE = 5000;

export interface RiskScanSummary {
  slices: number;
  candidates: number;
  flagged: number;
  raised: number;
  emailed: number;
  cleared: number;
  /** Alerts whose rule has not held for the policy's recovery period: resolved by this scan. */
  resolved: number;
  /** Managers whose next risk digest is armed (they read at least one open alert of any type). */
  digestReaders: number;
}

interface ScanContext {
  now: Date;
  policy: FollowUpPolicy;
  windows: RiskWindows;
  people: ScanDirectory;
  correlationId: string | null;
}

/**
 * The customer-demand-change scan: the whole customer table in slices of ids, each slice read
 * with one set-based statement (aggregates per customer, never a query per customer), judged by
 * the pure rules, and written in one transaction (alerts, emails, audit), so a crash mid-scan
 * leaves whole slices and a rerun finds the emails already sent (their cooldown).
 */
@Injectable()
export class RiskScanService {
  private readonly logger = new Logger(RiskScanService.name);

  constructor(
    private readonly database: Database,
    private readonly repository: RiskScanRepository,
    private readonly policies: FollowUpPolicyStore,
    private readonly directory: OrgDirectory,
    private readonly mailer: RiskAlertMailer,
    private readonly signal: OutboxSignal,
    private readonly audit: AuditWriter,
    private readonly countermeasures: RiskCountermeasures,
    private readonly recovery: RiskRecovery,
    private readonly digest: RiskDigestService,
  ) {}

  async scan(now: Date, correlationId: string | null = null): Promise<RiskScanSummary> {
    const { policy } = await this.policies.active();
    const scan: ScanContext = {
      now, policy, correlationId,
      windows: riskWindows(now, policy.risk, policy.cadenceDays.A),
      people: new ScanDirectory(this.directory, this.database.db),
    };
    const summary: RiskScanSummary = { slices: 0, candidates: 0, flagged: 0, raised: 0, emailed: 0, cleared: 0, resolved: 0, digestReaders: 0 };
    let after = FIRST_CUSTOMER_ID;
    for (;;) {
      const upTo = await this.repository.sliceEnd(this.database.db, after, RISK_SCAN_SLICE);
      const range = { after, upTo };
      const rows = await this.repository.candidateFacts(this.database.db, range, scan.windows, policy.risk);
      const flagged = await this.flag(rows, scan);
      const slice = await this.database.transaction((tx) => this.apply(tx, range, flagged, scan));
      if (slice.emailed > 0) this.signal.notify();
      summary.slices++;
      summary.candidates += rows.length;
      summary.flagged += flagged.length;
      summary.raised += slice.raised;
      summary.emailed += slice.emailed;
      summary.cleared += slice.cleared;
      if (!upTo) break;
      after = upTo;
    }
    summary.resolved = await this.recovery.resolveRecovered(RISK_TYPE_CUSTOMER_DEMAND, now, correlationId);
    summary.digestReaders = await this.database.transaction((tx) => this.digest.armForOpenAlerts(tx, now, correlationId));
    this.logger.log(`Customer risk scan at ${now.toISOString()}: ${summary.flagged} flags on ${summary.candidates} candidate customers, ${summary.raised} new alerts, ${summary.emailed} emails, ${summary.cleared} cleared, ${summary.resolved} resolved.`);
    return summary;
  }

  /** The rules for each candidate; the no-visit rule counts working days in the owner's calendar. */
  private async flag(rows: CustomerRiskRow[], scan: ScanContext): Promise<FlaggedCustomer[]> {
    await scan.people.load(rows.map((r) => r.ownerId));
    const flagged: FlaggedCustomer[] = [];
    for (const row of rows) {
      const owner = scan.people.person(row.ownerId);
      let workingDaysSinceVisit: number | null = null;
      if (owner && needsVisitCount(row)) {
        const since = row.lastCompletedVisitAt ?? row.createdAt;
        workingDaysSinceVisit = overdueWorkingDays(since, scan.now, await scan.people.contextOf(owner));
      }
      for (const flag of evaluateCustomerRisk({ ...row, workingDaysSinceVisit }, scan.policy.risk, scan.policy.cadenceDays.A, scan.now)) {
        // Below the critical severity an alert waits for the managers' daily digest instead of an email of its own.
        flagged.push({ customerId: row.customerId, flag, emailable: owner !== null && isCritical(flag.severity, scan.policy), ownerId: row.ownerId });
      }
    }
    return flagged;
  }

  private async apply(tx: Tx, range: CustomerRange, flagged: FlaggedCustomer[], scan: ScanContext): Promise<{ raised: number; emailed: number; cleared: number }> {
    await this.repository.serializeScans(tx);
    const existing = await this.repository.lockAlertsIn(tx, range);
    const plan = planSlice(existing, flagged, scan.now, scan.policy.risk.cooldownDays, scan.correlationId, randomUUID);
    await this.repository.writeAlerts(tx, plan.writes, scan.now);
    await this.openCountermeasures(tx, plan.writes, flagged, scan);
    const emails = await this.compose(tx, plan.sends, scan);
    await this.mailer.requestAll(tx, emails, scan.policy.risk.cooldownDays, scan.correlationId);
    await this.audit.recordAll(tx, plan.audit);
    return { raised: plan.raised, emailed: emails.length, cleared: plan.cleared };
  }

  /**
   * Every alert whose rule holds gets the handbook's countermeasures as tasks of the customer's
   * owner, once (alerts that have them are skipped in one statement). Alerts raised before issue 13
   * get theirs at the first scan at which their rule still holds.
   */
  private async openCountermeasures(tx: Tx, writes: AlertWrite[], flagged: FlaggedCustomer[], scan: ScanContext): Promise<void> {
    const owners = new Map(flagged.filter((f) => scan.people.person(f.ownerId) !== null).map((f) => [f.customerId, f.ownerId]));
    const requests = writes.flatMap((w) => {
      const ownerId = w.severity > 0 ? owners.get(w.subjectId) : undefined;
      return ownerId ? [{ alertId: w.id, type: RISK_TYPE_CUSTOMER_DEMAND, ownerId, customerId: w.subjectId, from: scan.now }] : [];
    });
    await this.countermeasures.open(tx, requests, scan.now, scan.correlationId);
  }

  /** Each email goes to the owner's manager, or to the owner when they have none. */
  private async compose(tx: Tx, sends: PlannedSend[], scan: ScanContext): Promise<RiskAlertEmail[]> {
    if (sends.length === 0) return [];
    const customers = new Map((await this.repository.customersByIds(tx, sends.map((s) => s.customerId))).map((c) => [c.id, c]));
    await scan.people.load([...customers.values()].map((c) => c.ownerId));
    await scan.people.loadManagersOf([...customers.values()].map((c) => c.ownerId));
    const emails: RiskAlertEmail[] = [];
    for (const send of sends) {
      const customer = customers.get(send.customerId);
      const owner = customer ? scan.people.person(customer.ownerId) : null;
      if (!customer || !owner) continue;
      const recipient = scan.people.person(owner.managerId) ?? owner;
      emails.push({
        ...send,
        customer: { id: customer.id, code: customer.code, name: customer.name, tier: customer.tier },
        owner,
        recipient,
        recipientZone: (await scan.people.contextOf(recipient)).zone,
      });
    }
    return emails;
  }
}

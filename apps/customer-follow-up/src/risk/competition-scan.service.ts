import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { FollowUpPolicy } from '../policy/follow-up-policy.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { CompetitionAlertMailer, type CompetitionAlertEmail } from './competition.mailer.js';
import {
  competitionWindows, evaluateCompetition, isResponsibleFor, RISK_TYPE_COMPETITION, type CompetitionFlag, type CompetitionFacts, type Director, type FlaggedSegment, type Segment,
} from './competition.rules.js';
import { CompetitionScanRepository } from './competition-scan.repository.js';
import { planSlice, type AlertWrite, type FlaggedCustomer, type PlannedSend } from './risk-alert-plan.js';
import { RiskCountermeasures } from './risk-countermeasures.service.js';
import { isCritical } from './risk-digest.rules.js';
import { RiskDigestService } from './risk-digest.service.js';
import { RiskRecovery } from './risk-recovery.service.js';
import { RiskScanRepository } from './risk-scan.repository.js';
import { ScanDirectory } from './scan-directory.js';

/** What one competition scan found: the segments still flagged (with each rule) and the alerts it cleared. */
export interface CompetitionScanSummary {
  segmentsFlagged: number;
  flags: number;
  raised: number;
  emailed: number;
  cleared: number;
  /** Each alert whose rule held at this scan: the subject (segment id), the rule and the segment. */
  stillFlagged: { subjectId: string; rule: CompetitionFlag['rule']; segment: Segment }[];
  /** The ids of the alerts whose rule no longer held (severity set to 0 by this scan). */
  clearedAlertIds: string[];
  /** Alerts whose rule has not held for the policy's recovery period: resolved by this scan. */
  resolved: number;
}

/**
 * The daily market competition scan: one set-based statement per rule over every contract in the
 * windows (grouped by region, product line and customer type), the pure rules, then one
 * transaction writing the alerts (type competition, the same rows, delivery, cooldown, snooze and
 * acknowledgement as customer-demand alerts), their countermeasure tasks (owned by the director
 * responsible), the emails of critical ones to the directors responsible and the audit. The rest
 * reach the directors in their daily risk digest; alerts recovered long enough are resolved.
 */
@Injectable()
export class CompetitionScanService {
  private readonly logger = new Logger(CompetitionScanService.name);

  constructor(
    private readonly database: Database,
    private readonly repository: CompetitionScanRepository,
    private readonly alerts: RiskScanRepository,
    private readonly policies: FollowUpPolicyStore,
    private readonly directory: OrgDirectory,
    private readonly mailer: CompetitionAlertMailer,
    private readonly signal: OutboxSignal,
    private readonly audit: AuditWriter,
    private readonly countermeasures: RiskCountermeasures,
    private readonly recovery: RiskRecovery,
    private readonly digest: RiskDigestService,
  ) {}

  async scan(now: Date, correlationId: string | null = null): Promise<CompetitionScanSummary> {
    const { policy } = await this.policies.active();
    const flagged = await this.flag(now, policy);
    const summary = await this.database.transaction((tx) => this.apply(tx, flagged, now, policy, correlationId));
    if (summary.emailed > 0) this.signal.notify();
    summary.resolved = await this.recovery.resolveRecovered(RISK_TYPE_COMPETITION, now, correlationId);
    await this.database.transaction((tx) => this.digest.armForOpenAlerts(tx, now, correlationId));
    this.logger.log(`Competition scan at ${now.toISOString()}: ${summary.flags} flags in ${summary.segmentsFlagged} segments, ${summary.raised} new alerts, ${summary.emailed} emails, ${summary.cleared} cleared, ${summary.resolved} resolved.`);
    return summary;
  }

  /** The four statements (read only, outside the write transaction) and the rules. */
  async flag(now: Date, policy: FollowUpPolicy): Promise<FlaggedSegment[]> {
    const rules = policy.competition;
    const windows = competitionWindows(now, rules);
    const db = this.database.db;
    const [losses, discounts, directorShares, tierDrops] = await Promise.all([
      this.repository.competitorLosses(db, windows, rules),
      this.repository.discountDrift(db, windows, rules),
      this.repository.directorShare(db, windows, rules),
      this.repository.tierDrops(db, windows, rules),
    ]);
    const competitorNames = await this.repository.competitorNames(db, [...new Set(losses.flatMap((l) => l.competitorIds))]);
    const facts: CompetitionFacts = { losses, discounts, directorShares, tierDrops, competitorNames };
    return evaluateCompetition(facts, rules, windows);
  }

  private async apply(tx: Tx, flagged: FlaggedSegment[], now: Date, policy: FollowUpPolicy, correlationId: string | null): Promise<CompetitionScanSummary> {
    await this.repository.serializeScans(tx);
    const directors = await this.repository.directors(tx);
    const existing = await this.repository.lockAlerts(tx);
    const cooldownDays = policy.competition.cooldownDays;
    const asFlags: FlaggedCustomer<CompetitionFlag>[] = flagged.map((f) => {
      const owner = taskOwner(directors, f.segment);
      // Below the critical severity an alert waits for the directors' daily digest instead of an email of its own.
      return { customerId: f.subjectId, flag: f.flag, emailable: owner !== null && isCritical(f.flag.severity, policy), ownerId: owner?.id ?? '' };
    });
    const plan = planSlice(existing, asFlags, now, cooldownDays, correlationId, randomUUID);
    await this.alerts.writeAlerts(tx, plan.writes, now, RISK_TYPE_COMPETITION);
    await this.openCountermeasures(tx, plan.writes, flagged, directors, now, correlationId);
    const emails = await this.compose(tx, plan.sends, directors);
    await this.mailer.requestAll(tx, emails, cooldownDays, correlationId);
    await this.audit.recordAll(tx, plan.audit);
    const stillFlagged = new Set(flagged.map((f) => `${f.subjectId}|${f.flag.rule}`));
    return {
      segmentsFlagged: new Set(flagged.map((f) => f.subjectId)).size,
      flags: flagged.length,
      raised: plan.raised,
      emailed: emails.length,
      cleared: plan.cleared,
      stillFlagged: flagged.map((f) => ({ subjectId: f.subjectId, rule: f.flag.rule, segment: f.segment })),
      clearedAlertIds: plan.writes.filter((w) => w.severity === 0 && !stillFlagged.has(`${w.subjectId}|${w.rule}`)).map((w) => w.id),
      resolved: 0,
    };
  }

  /**
   * Each alert whose rule holds gets the handbook's competition countermeasures (a market-development
   * plan, a competitor review, revisits booked for the segment's A-tier customers) as tasks of the
   * director responsible, once per alert and kind.
   */
  private async openCountermeasures(tx: Tx, writes: AlertWrite[], flagged: FlaggedSegment[], directors: Director[], now: Date, correlationId: string | null): Promise<void> {
    const segments = new Map(flagged.map((f) => [f.subjectId, f.segment]));
    const requests = [];
    for (const write of writes) {
      const segment = write.severity > 0 ? segments.get(write.subjectId) : undefined;
      const owner = segment ? taskOwner(directors, segment) : null;
      if (!segment || !owner) continue;
      requests.push({
        alertId: write.id, type: RISK_TYPE_COMPETITION, ownerId: owner.id, from: now,
        segmentCustomerIds: await this.repository.aTierCustomerIds(tx, segment),
      });
    }
    await this.countermeasures.open(tx, requests, now, correlationId);
  }

  /** Each send goes to every director responsible for the segment (its region, or its product line). */
  private async compose(tx: Tx, sends: PlannedSend<CompetitionFlag>[], directors: Director[]): Promise<CompetitionAlertEmail[]> {
    if (sends.length === 0) return [];
    const people = new ScanDirectory(this.directory, tx);
    await people.load(directors.map((d) => d.id));
    const emails: CompetitionAlertEmail[] = [];
    for (const send of sends) {
      for (const director of directors.filter((d) => isResponsibleFor(d, send.flag.evidence.segment))) {
        const recipient = people.person(director.id);
        if (!recipient) continue;
        emails.push({ alertId: send.alertId, sendNumber: send.sendNumber, flag: send.flag, occasion: send.occasion, recipient, recipientZone: (await people.contextOf(recipient)).zone });
      }
    }
    return emails;
  }
}

/** Who owns a segment's tasks: the director of its region, else one of its product line (the lowest id, so every scan picks the same). */
export function taskOwner(directors: Director[], segment: Segment): Director | null {
  const responsible = directors.filter((d) => isResponsibleFor(d, segment)).sort((a, b) => a.id.localeCompare(b.id));
  return responsible.find((d) => segment.region !== null && d.region === segment.region) ?? responsible[0] ?? null;
}

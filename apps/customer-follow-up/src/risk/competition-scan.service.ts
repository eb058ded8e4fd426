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
import { planSlice, type FlaggedCustomer, type PlannedSend } from './risk-alert-plan.js';
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
}

/**
 * The daily market competition scan: one set-based statement per rule over every contract in the
 * windows (grouped by region, product line and customer type), the pure rules, then one
 * transaction writing the alerts (type competition, the same rows, delivery, cooldown, snooze and
 * acknowledgement as customer-demand alerts), the emails to the directors responsible and the audit.
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
  ) {}

  async scan(now: Date, correlationId: string | null = null): Promise<CompetitionScanSummary> {
    const { policy } = await this.policies.active();
    const flagged = await this.flag(now, policy);
    const summary = await this.database.transaction((tx) => this.apply(tx, flagged, now, policy, correlationId));
    if (summary.emailed > 0) this.signal.notify();
    this.logger.log(`Competition scan at ${now.toISOString()}: ${summary.flags} flags in ${summary.segmentsFlagged} segments, ${summary.raised} new alerts, ${summary.emailed} emails, ${summary.cleared} cleared.`);
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
    const asFlags: FlaggedCustomer<CompetitionFlag>[] = flagged.map((f) => ({
      customerId: f.subjectId, flag: f.flag, emailable: directors.some((d) => isResponsibleFor(d, f.segment)),
    }));
    const plan = planSlice(existing, asFlags, now, cooldownDays, correlationId, randomUUID);
    await this.alerts.writeAlerts(tx, plan.writes, now, RISK_TYPE_COMPETITION);
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
    };
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

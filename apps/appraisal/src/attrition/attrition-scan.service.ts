import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import type { AttritionFlag } from '#libs/queue';
import { localDateOf } from '#libs/time';
import { EventPublisher } from '#libs/workflow';
import { AttritionFacts } from '../facts/attrition-facts.repository.js';
import type { AttritionPolicyDocument } from './attrition-policy.js';
import { AttritionPolicyService } from './attrition-policy.service.js';
import { ATTRITION_SCAN } from './attrition-scan-schedule.js';
import { AttritionScanRepository } from './attrition-scan.repository.js';
import { attritionSignals, countermeasures, isFlagged, lastCompletedPeriods, type AttritionFacts as PersonFacts } from './attrition.rules.js';

const DAY_MS = 24 * 3600_000;

/** Flags per transaction: each flag is one outbox row for the risk module. */
const FLAGS_PER_TRANSACTION = 500;

export interface AttritionScanSummary {
  people: number;
  flagged: number;
  policyVersion: number;
}

/**
 * The daily salesperson attrition scan (issue 11 item 8): one set-based statement per signal over
 * everyone in the policy's roles, the pure rules per person, and an `attrition.flagged` event per
 * flagged person, which customer-follow-up's risk module records as an alert of type attrition
 * (cooldown, snooze, tasks, the manager's email), then `attrition.scanned` naming everyone flagged,
 * so the alerts of the others are cleared. Appraisal never writes the alert itself, and
 * never acts on the person: the event only asks their manager to.
 */
@Injectable()
export class AttritionScanService {
  private readonly logger = new Logger(AttritionScanService.name);

  constructor(
    private readonly database: Database,
    private readonly repository: AttritionScanRepository,
    private readonly facts: AttritionFacts,
    private readonly policies: AttritionPolicyService,
    private readonly events: EventPublisher,
    private readonly signal: OutboxSignal,
    private readonly audit: AuditWriter,
  ) {}

  async scan(now: Date, correlationId: string | null): Promise<AttritionScanSummary> {
    const { version, document: policy } = await this.policies.inForce(this.database.db);
    const people = await this.gather(this.database.db, policy, now);
    const targetPeriods = policy.missedTargets ? lastCompletedPeriods(now, policy.missedTargets.periodKind, policy.missedTargets.periods, ATTRITION_SCAN.zone) : [];
    const flags: AttritionFlag[] = [];
    for (const facts of people.values()) {
      const signals = attritionSignals(facts, policy, targetPeriods);
      if (!isFlagged(signals, policy)) continue;
      flags.push({
        employeeId: facts.employeeId, severity: signals.length, signals, countermeasures: countermeasures(policy),
        policyVersion: version, cooldownDays: policy.cooldownDays, scannedAt: now.toISOString(),
      });
    }
    for (let i = 0; i < flags.length; i += FLAGS_PER_TRANSACTION) {
      await this.database.transaction((tx) => this.publish(tx, flags.slice(i, i + FLAGS_PER_TRANSACTION), now, correlationId));
    }
    await this.database.transaction((tx) =>
      this.events.publish(tx, 'attrition.scanned', { flaggedEmployeeIds: flags.map((f) => f.employeeId), scannedAt: now.toISOString() }, correlationId),
    );
    this.signal.notify();
    const summary = { people: people.size, flagged: flags.length, policyVersion: version };
    this.logger.log(`Attrition scan at ${now.toISOString()} (policy version ${version}): ${summary.flagged} people flagged of ${summary.people} with at least one signal's data.`);
    return summary;
  }

  /** Each signal's statement, merged per person; a signal that is off is not read at all. */
  private async gather(tx: Tx, policy: AttritionPolicyDocument, now: Date): Promise<Map<string, PersonFacts>> {
    const people = new Map<string, PersonFacts>();
    const of = (employeeId: string) => {
      let facts = people.get(employeeId);
      if (!facts) people.set(employeeId, (facts = { employeeId }));
      return facts;
    };
    const roles = policy.roles;
    if (policy.scoreDrop) {
      for (const row of await this.repository.fallingScores(tx, roles, policy.scoreDrop.minDropPoints, policy.scoreDrop.signedOffOnly)) {
        (of(row.employeeId).scores ??= []).push({ appraisalId: row.appraisalId, period: row.period, score: row.score });
      }
    }
    if (policy.missedTargets) {
      const periods = lastCompletedPeriods(now, policy.missedTargets.periodKind, policy.missedTargets.periods, ATTRITION_SCAN.zone);
      for (const row of await this.facts.targetAttainment(tx, roles, periods)) {
        (of(row.employeeId).targets ??= []).push(row);
      }
    }
    if (policy.commissionDrop) {
      const today = localDateOf(now, ATTRITION_SCAN.zone);
      for (const row of await this.repository.recentMonthlyStatements(tx, roles, today, policy.commissionDrop.trailing + 1)) {
        (of(row.employeeId).statements ??= []).push(row);
      }
    }
    if (policy.trainingOverdue) {
      for (const row of await this.repository.overdueTraining(tx, roles)) of(row.employeeId).overdueTraining = { outcomeIds: row.outcomeIds };
    }
    if (policy.contractsSentBack) {
      const from = new Date(now.getTime() - policy.contractsSentBack.windowDays * DAY_MS);
      for (const row of await this.facts.contractsSentBack(tx, roles, from, now, policy.contractsSentBack.minimum)) {
        of(row.employeeId).sentBack = { count: row.count, contractIds: row.contractIds };
      }
    }
    return people;
  }

  private async publish(tx: Tx, flags: AttritionFlag[], now: Date, correlationId: string | null): Promise<void> {
    for (const flag of flags) await this.events.publish(tx, 'attrition.flagged', flag, correlationId);
    await this.audit.recordAll(tx, flags.map((flag) => ({
      entityType: 'attrition-flag', entityId: flag.employeeId, action: 'attrition.flagged', actorId: null,
      after: { severity: flag.severity, signals: flag.signals.map((s) => ({ signal: s.signal, numbers: s.numbers })), policyVersion: flag.policyVersion },
      correlationId, at: now,
    })));
  }
}

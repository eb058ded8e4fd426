import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { JobPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import type { RiskAlertRow } from '../rows.js';
import { ATTRITION_RULE, RISK_TYPE_ATTRITION, planAttritionAlert, type AttritionAlertPlan } from './attrition-alert.rules.js';
import { RiskCountermeasures } from './risk-countermeasures.service.js';
import { RiskRecovery } from './risk-recovery.service.js';
import { isCritical } from './risk-digest.rules.js';
import { RiskDigestService } from './risk-digest.service.js';
import { RiskAlertMailer } from './risk.mailer.js';
import { RiskTasksRepository } from './risk-tasks.repository.js';

type FlagEvent = JobPayload<'risk.attrition-flagged'>;

/**
 * Records appraisal's attrition flags as risk alerts of type attrition about the person (one per
 * person, upserted on (type, subjectId, rule)), with the same delivery as demand alerts: cooldown,
 * snooze, acknowledgement. The manager's line reads it in their daily risk digest; a critical one
 * (the follow-up policy's `risk.criticalSeverity`, counted in signals) also goes at once by email to
 * the person's manager (bulk, their locale) with the evidence and the handbook's countermeasures as
 * tasks they own, due in their working time. Never to the person. Keyed on the event id, so a redelivered event changes nothing.
 */
@Injectable()
export class AttritionAlertsService {
  constructor(
    private readonly database: Database,
    private readonly policies: FollowUpPolicyStore,
    private readonly directory: OrgDirectory,
    private readonly tasks: RiskTasksRepository,
    private readonly countermeasures: RiskCountermeasures,
    private readonly recovery: RiskRecovery,
    private readonly digest: RiskDigestService,
    private readonly mailer: RiskAlertMailer,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  async record(flag: FlagEvent, correlationId: string | null): Promise<'done' | 'skipped'> {
    const { policy } = await this.policies.active();
    const outcome = await this.database.transaction(async (tx) => {
      const found = await this.lockAlertOf(tx, flag.employeeId);
      const person = await this.directory.findById(flag.employeeId, tx);
      const manager = person ? await this.directory.managerOf(person, tx) : null;
      const plan = planAttritionAlert(found, flag, manager !== null && isCritical(flag.severity, policy));
      if (plan.duplicate) return 'skipped' as const;
      const now = this.clock.now();
      const alertId = found?.id ?? randomUUID();
      await this.write(tx, alertId, flag, plan, now);
      await this.recordAudit(tx, alertId, found, flag, plan, correlationId);
      if (person && manager) {
        await this.digest.armFor(tx, await this.directory.reportingChain(person, tx), now, correlationId);
        await this.countermeasures.open(tx, [{
          alertId, type: RISK_TYPE_ATTRITION, ownerId: manager.id, countermeasures: flag.countermeasures, from: new Date(flag.scannedAt),
        }], now, correlationId);
      }
      if (plan.send && person && manager) {
        const { zone } = await this.directory.workingContext(manager, tx);
        const tasks = await this.tasks.ofAlerts(tx, [alertId]);
        await this.mailer.requestAttrition(tx, { alertId, ...plan.send, flag, person, recipient: manager, recipientZone: zone, tasks }, correlationId);
      }
      return 'done' as const;
    });
    if (outcome === 'done') this.signal.notify();
    return outcome;
  }

  /**
   * Clears the attrition alerts of everyone the scan did not flag (severity 0, kept with its history
   * and clearedAt), unless a later scan flagged them already. The list makes the order of this event
   * and the scan's flags irrelevant; a redelivery finds nothing left to clear.
   */
  async clear(event: JobPayload<'risk.attrition-scanned'>, correlationId: string | null): Promise<'done' | 'skipped'> {
    const cleared = await this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const { rows } = await sql<{ id: string; severity: number }>`
        WITH cleared AS (
          SELECT id, severity FROM "RiskAlert"
          WHERE type = ${RISK_TYPE_ATTRITION} AND rule = ${ATTRITION_RULE} AND severity > 0
            AND NOT ("subjectId" = ANY(${event.flaggedEmployeeIds}::uuid[]))
            AND (evidence->'facts'->>'scannedAt') < ${event.scannedAt}
          FOR UPDATE
        )
        UPDATE "RiskAlert" a SET severity = 0, "updatedAt" = ${now},
          evidence = jsonb_set(a.evidence, '{delivery,clearedAt}', to_jsonb(${event.scannedAt}::text))
        FROM cleared WHERE a.id = cleared.id
        RETURNING a.id, cleared.severity`.execute(tx);
      await this.audit.recordAll(tx, rows.map((row) => ({
        entityType: 'risk-alert', entityId: row.id, action: 'risk-alert.cleared', actorId: null, before: { severity: row.severity }, after: { severity: 0 }, correlationId, at: now,
      })));
      return rows.length;
    });
    const resolved = await this.recovery.resolveRecovered(RISK_TYPE_ATTRITION, new Date(event.scannedAt), correlationId);
    return cleared + resolved > 0 ? 'done' : 'skipped';
  }

  /** The person's alert under a lock; the advisory lock makes two flags about one person without an alert yet take turns. */
  private async lockAlertOf(tx: Tx, employeeId: string): Promise<RiskAlertRow | null> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('attrition-alert'), hashtext(${employeeId}))`.execute(tx);
    const row = await tx.selectFrom('RiskAlert').selectAll()
      .where('type', '=', RISK_TYPE_ATTRITION).where('subjectId', '=', employeeId).where('rule', '=', ATTRITION_RULE)
      .forUpdate().executeTakeFirst();
    return row ?? null;
  }

  private async write(tx: Tx, id: string, flag: FlagEvent, plan: AttritionAlertPlan, now: Date): Promise<void> {
    const columns = {
      severity: flag.severity, evidence: JSON.stringify(plan.evidence), status: plan.status,
      snoozedUntil: plan.snoozedUntil, lastSentAt: plan.lastSentAt, updatedAt: now, resolvedAt: null, tasksDone: null,
    };
    await tx.insertInto('RiskAlert')
      .values({ id, type: RISK_TYPE_ATTRITION, subjectId: flag.employeeId, rule: ATTRITION_RULE, createdAt: now, ...columns })
      .onConflict((oc) => oc.columns(['type', 'subjectId', 'rule']).doUpdateSet(columns))
      .execute();
  }

  private async recordAudit(tx: Tx, id: string, found: RiskAlertRow | null, flag: FlagEvent, plan: AttritionAlertPlan, correlationId: string | null): Promise<void> {
    const at = this.clock.now();
    const entry = (action: string, before: object | null, after: object) => ({ entityType: 'risk-alert', entityId: id, action, actorId: null, before, after, correlationId, at });
    const signals = flag.signals.map((s) => s.signal);
    const entries = [];
    if (!found) entries.push(entry('risk-alert.raised', null, { employeeId: flag.employeeId, rule: ATTRITION_RULE, severity: flag.severity, signals }));
    else if (plan.reopened) entries.push(entry('risk-alert.reopened', { status: found.status, severity: found.severity }, { status: plan.status, severity: flag.severity, signals }));
    if (plan.send) entries.push(entry('risk-alert.sent', null, { occasion: plan.send.occasion, sendNumber: plan.send.sendNumber, severity: flag.severity }));
    await this.audit.recordAll(tx, entries);
  }
}

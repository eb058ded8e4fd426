import { Injectable } from '@nestjs/common';
import type { Updateable } from 'kysely';
import type { RiskAlert as RiskAlertTable } from '#generated/kysely';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { RISK_TYPE_ATTRITION } from '#libs/contracts';
import { OrgDirectory } from '#libs/org';
import { ConflictError, ForbiddenError, NotFoundError, toPage, type Caller, type Page } from '#libs/rpc';
import { Clock } from '#libs/time';
import type { EmployeeRow as Employee, RiskAlertRow as RiskAlert } from '../rows.js';
import { parseSnooze, type ListRiskAlertsQuery, type SnoozeInput } from './risk-alert-input.js';
import { readStoredEvidence } from './risk-alert-record.js';
import { riskAlertView, type RiskAlertRefs, type RiskAlertView } from './risk-alert-view.js';
import { RiskAlertsRepository, type RiskAlertVisibility } from './risk-alerts.repository.js';
import { RiskTasksRepository } from './risk-tasks.repository.js';

/**
 * GET /risk-alerts, acknowledge and snooze. ADMIN sees every alert; anyone else the alerts about
 * customers owned by themselves or their reporting line. Acting on an alert is for whom it
 * concerns: anyone above the owner in the reporting line (the manager it was emailed to and
 * theirs), the owner only when they have no manager (then it was emailed to them), and ADMIN.
 * An attrition alert is about a person: only those above them, HR and ADMIN see it and act on
 * it; never the person, never their peers.
 */
@Injectable()
export class RiskAlertsService {
  constructor(
    private readonly database: Database,
    private readonly repository: RiskAlertsRepository,
    private readonly tasks: RiskTasksRepository,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: ListRiskAlertsQuery): Promise<Page<RiskAlertView>> {
    const visibleTo = caller.role === 'ADMIN' ? null : await this.visibility(caller);
    const rows = await this.repository.list(this.database.db, { type: query.type, status: query.status, visibleTo }, query);
    const refs = await this.refs(this.database.db, rows);
    return toPage(rows, query.limit, (row) => riskAlertView(row, refs));
  }

  /** 409 when already acknowledged; a snoozed alert may be acknowledged (the snooze ends). */
  async acknowledge(caller: Caller, id: string, correlationId: string, within?: Tx): Promise<RiskAlertView> {
    return this.change(caller, id, correlationId, within, (alert, now) => {
      if (alert.status === 'acknowledged') throw new ConflictError(`Risk alert ${alert.id} is already acknowledged.`);
      return {
        action: 'risk-alert.acknowledged',
        data: { status: 'acknowledged', acknowledgedAt: now, acknowledgedById: caller.id, snoozedUntil: null, evidence: JSON.stringify(acknowledgedAtSeverity(alert)) },
      };
    });
  }

  /**
   * Silences the alert until `until`, even if it gets worse meanwhile (the manager chose the
   * date; the alert's evidence keeps updating). Then it is open again, and emailed at once if it
   * got worse than at its last email. Snoozing again moves the date.
   */
  async snooze(caller: Caller, id: string, input: Partial<SnoozeInput>, correlationId: string, within?: Tx): Promise<RiskAlertView> {
    const { until, reason } = parseSnooze(input, this.clock.now());
    return this.change(caller, id, correlationId, within, () => ({
      action: 'risk-alert.snoozed',
      data: { status: 'snoozed', snoozedUntil: until, snoozeReason: reason },
    }));
  }

  private async change(
    caller: Caller,
    id: string,
    correlationId: string,
    within: Tx | undefined,
    decide: (alert: RiskAlert, now: Date) => { action: string; data: Updateable<RiskAlertTable> },
  ): Promise<RiskAlertView> {
    const work = async (tx: Tx) => {
      const alert = await this.repository.lock(tx, id);
      if (!alert) throw new NotFoundError(`Risk alert ${id} does not exist.`);
      if (alert.type === RISK_TYPE_ATTRITION) {
        const person = await this.directory.findById(alert.subjectId, tx);
        if (!(await this.mayActOnAttrition(tx, caller, person))) {
          throw new ForbiddenError(`Only the managers above the person, HR and ADMIN may acknowledge or snooze attrition alert ${alert.id}.`);
        }
      } else {
        const [customer] = await this.repository.customersByIds(tx, [alert.subjectId]);
        const owner = customer ? await this.directory.findById(customer.ownerId, tx) : null;
        if (!(await this.mayAct(tx, caller, owner))) {
          throw new ForbiddenError(`Only the managers of the customer\u2019s owner (the owner when they have none) and ADMIN may acknowledge or snooze risk alert ${alert.id}.`);
        }
      }
      const now = this.clock.now();
      const { action, data } = decide(alert, now);
      const updated = await this.repository.update(tx, alert.id, { ...data, updatedAt: now });
      await this.audit.record(tx, {
        entityType: 'risk-alert', entityId: alert.id, action, actorId: caller.id,
        before: { status: alert.status, snoozedUntil: alert.snoozedUntil?.toISOString() ?? null },
        after: { status: updated.status, snoozedUntil: updated.snoozedUntil?.toISOString() ?? null, snoozeReason: updated.snoozeReason },
        correlationId, at: now,
      });
      return riskAlertView(updated, await this.refs(tx, [updated]));
    };
    return within ? work(within) : this.database.transaction(work);
  }

  /** Customers of the caller's subtree; attrition alerts of the people below the caller (HR: all). */
  private async visibility(caller: Caller): Promise<RiskAlertVisibility> {
    const subtree = await this.directory.reportingSubtree(caller.id);
    return { customerOwners: subtree, attritionSubjects: caller.role === 'HR' ? null : subtree.filter((id) => id !== caller.id) };
  }

  private async mayActOnAttrition(tx: Tx, caller: Caller, person: Employee | null): Promise<boolean> {
    if (caller.role === 'ADMIN' || caller.role === 'HR') return true;
    if (!person || person.id === caller.id) return false;
    return this.directory.isAbove(caller.id, person, tx);
  }

  private async mayAct(tx: Tx, caller: Caller, owner: Employee | null): Promise<boolean> {
    if (caller.role === 'ADMIN') return true;
    if (!owner) return false;
    if (caller.id === owner.id) return owner.managerId === null;
    return this.directory.isAbove(caller.id, owner, tx);
  }

  private async refs(tx: Tx, alerts: RiskAlert[]): Promise<RiskAlertRefs> {
    const attrition = alerts.filter((a) => a.type === RISK_TYPE_ATTRITION);
    const customers = await this.repository.customersByIds(tx, [...new Set(alerts.filter((a) => a.type !== RISK_TYPE_ATTRITION).map((a) => a.subjectId))]);
    const tasks = await this.tasks.ofAlerts(tx, alerts.map((a) => a.id));
    const personIds = new Set([
      ...customers.map((c) => c.ownerId), ...alerts.flatMap((a) => a.acknowledgedById ?? []), ...attrition.map((a) => a.subjectId),
      ...tasks.flatMap((t) => [t.ownerId, ...(t.doneById ? [t.doneById] : [])]),
    ]);
    const people = await this.directory.findManyById([...personIds], tx);
    return { customers: new Map(customers.map((c) => [c.id, c])), people: new Map(people.map((e) => [e.id, e])), tasks };
  }
}

/**
 * The alert's evidence with the severity it was acknowledged at as the last one "sent": an alert
 * only ever shown in the digest was never emailed, and without this the next scan would find it
 * "worse than at its last email" and re-open it. Other fields (attrition's event id) are kept.
 */
function acknowledgedAtSeverity(alert: RiskAlert): object {
  const evidence = typeof alert.evidence === 'object' && alert.evidence !== null ? (alert.evidence as Record<string, unknown>) : {};
  const { delivery } = readStoredEvidence(alert.evidence);
  return { ...evidence, delivery: { ...delivery, lastSentSeverity: Math.max(delivery.lastSentSeverity ?? 0, alert.severity) } };
}

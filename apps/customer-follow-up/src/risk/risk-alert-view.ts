import { RISK_TYPE_ATTRITION } from '#libs/contracts';
import { personView, type PersonView } from '#libs/org';
import type { CustomerRow as Customer, EmployeeRow as Employee, RiskAlertRow as RiskAlert } from '../rows.js';
import { readStoredEvidence } from './risk-alert-record.js';
import type { RiskEvidence } from './risk.rules.js';
import type { AttritionEvidence } from './attrition-alert.rules.js';
import type { RiskTaskRow } from './risk-tasks.repository.js';
import { riskTaskView, type RiskTaskView } from './risk-task-view.js';

export interface RiskAlertView {
  id: string;
  type: string;
  rule: string;
  /** 0 once the rule no longer held at a scan (the alert is kept with its history). */
  severity: number;
  /** The rule held at the last scan. */
  active: boolean;
  status: RiskAlert['status'];
  /** The numbers of the last scan at which the rule held. */
  evidence: RiskEvidence | AttritionEvidence | null;
  customer: { id: string; code: string; name: string; tier: string } | null;
  owner: PersonView | null;
  /** Attrition: the person the alert is about (null for customer alerts). */
  employee: PersonView | null;
  /** The countermeasures as tasks, each with its owner and due date. */
  tasks: RiskTaskView[];
  snoozedUntil: string | null;
  snoozeReason: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: PersonView | null;
  lastSentAt: string | null;
  sendCount: number;
  clearedAt: string | null;
  /** The rule has not held for the policy's recovery period: the alert is closed (issue 13 item 5). */
  resolvedAt: string | null;
  /** At resolution: whether every task of the alert was done. */
  tasksDone: boolean | null;
  createdAt: string;
  updatedAt: string;
}

/** Customers and people looked up for a page of alerts. */
export interface RiskAlertRefs {
  customers: ReadonlyMap<string, Customer>;
  people: ReadonlyMap<string, Employee>;
  tasks: readonly RiskTaskRow[];
}

export function riskAlertView(alert: RiskAlert, refs: RiskAlertRefs): RiskAlertView {
  const stored = readStoredEvidence(alert.evidence);
  const customer = refs.customers.get(alert.subjectId);
  const owner = customer ? refs.people.get(customer.ownerId) : undefined;
  const employee = alert.type === RISK_TYPE_ATTRITION ? refs.people.get(alert.subjectId) : undefined;
  const acknowledgedBy = alert.acknowledgedById ? refs.people.get(alert.acknowledgedById) : undefined;
  return {
    id: alert.id,
    type: alert.type,
    rule: alert.rule,
    severity: alert.severity,
    active: alert.severity > 0,
    status: alert.status,
    evidence: stored.facts,
    customer: customer ? { id: customer.id, code: customer.code, name: customer.name, tier: customer.tier } : null,
    owner: owner ? personView(owner) : null,
    employee: employee ? personView(employee) : null,
    tasks: refs.tasks.filter((t) => t.alertId === alert.id).map((t) => riskTaskView(t, alert, refs.people)),
    snoozedUntil: alert.snoozedUntil?.toISOString() ?? null,
    snoozeReason: alert.snoozeReason,
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: acknowledgedBy ? personView(acknowledgedBy) : null,
    lastSentAt: alert.lastSentAt?.toISOString() ?? null,
    sendCount: stored.delivery.sends,
    clearedAt: stored.delivery.clearedAt,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    tasksDone: alert.tasksDone,
    createdAt: alert.createdAt.toISOString(),
    updatedAt: alert.updatedAt.toISOString(),
  };
}

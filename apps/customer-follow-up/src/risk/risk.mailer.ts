import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import type { Tx } from '#libs/database';
import type { AttritionAlertData, RiskAlertData, RiskTaskDeadlineData, RiskTaskKind } from '#libs/mail';
import type { AttritionFlag } from '#libs/queue';
import type { DeadlineAction } from '#libs/time';
import { EmailRecipients, NotificationRequester, type EmailRequest } from '#libs/notifications';
import { riskAlertEmailKey } from './risk-alert-record.js';
import type { RiskOccasion } from './risk-delivery.js';
import type { RiskFlag } from './risk.rules.js';
import type { RiskTaskRow } from './risk-tasks.repository.js';

/** One email about one alert, with everything it shows. */
export interface RiskAlertEmail {
  alertId: string;
  sendNumber: number;
  flag: RiskFlag;
  occasion: RiskOccasion;
  customer: { id: string; code: string; name: string; tier: string };
  owner: Employee;
  recipient: Employee;
  recipientZone: string;
}

function evidenceOf(flag: RiskFlag): Pick<RiskAlertData, 'satisfaction' | 'complaints' | 'contract' | 'visit'> {
  const none = { satisfaction: null, complaints: null, contract: null, visit: null };
  switch (flag.rule) {
    case 'satisfaction_trend':
      return { ...none, satisfaction: flag.evidence };
    case 'complaint_spike':
      return { ...none, complaints: flag.evidence };
    case 'no_recent_contract':
      return { ...none, contract: flag.evidence };
    case 'no_recent_visit':
      return { ...none, visit: flag.evidence };
  }
}

/** One email about a person's attrition alert, to their manager. */
export interface AttritionAlertEmail {
  alertId: string;
  sendNumber: number;
  occasion: RiskOccasion;
  flag: AttritionFlag;
  person: Employee;
  recipient: Employee;
  recipientZone: string;
  tasks: RiskTaskRow[];
}

/** Each signal's numbers under its own name (null: it did not hold), as the template shows them. */
function signalsOf(flag: AttritionFlag): Pick<AttritionAlertData, 'scoreDrop' | 'missedTargets' | 'commissionDrop' | 'trainingOverdue' | 'contractsSentBack'> {
  const data: ReturnType<typeof signalsOf> = { scoreDrop: null, missedTargets: null, commissionDrop: null, trainingOverdue: null, contractsSentBack: null };
  for (const s of flag.signals) {
    if (s.signal === 'score_drop') data.scoreDrop = s.numbers;
    else if (s.signal === 'missed_targets') data.missedTargets = s.numbers;
    else if (s.signal === 'commission_drop') data.commissionDrop = s.numbers;
    else if (s.signal === 'training_overdue') data.trainingOverdue = s.numbers;
    else data.contractsSentBack = s.numbers;
  }
  return data;
}

/**
 * Snapshots risk alert emails and asks the notifier for them in the caller's transaction, all in
 * one statement. Urgent, not bulk: an alert never waits behind digests or imports.
 */
@Injectable()
export class RiskAlertMailer {
  constructor(
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
  ) {}

  /** A task's reminder (to its owner) or escalation (to those above): one email per task, moment and recipient, ever. */
  async taskDeadline(tx: Tx, to: Employee[], action: DeadlineAction, task: RiskTaskRow, facts: { riskType: string; about: string; owner: Employee }, correlationId: string | null): Promise<void> {
    const recipients = await this.recipients.all(tx, to);
    await this.notifications.requestAll(tx, to.map((employee) => {
      const { view, address } = recipients.get(employee.id)!;
      const data: RiskTaskDeadlineData = {
        recipient: view, action, taskId: task.id, kind: task.kind as RiskTaskKind, riskType: facts.riskType, about: facts.about,
        owner: { name: facts.owner.name, email: facts.owner.email }, dueAt: task.dueAt.toISOString(),
      };
      return { idempotencyKey: `risk-task:${task.id}:${action}:${employee.id}`, recipient: address, kind: 'risk-task-deadline' as const, data, correlationId };
    }));
  }

  async requestAll(tx: Tx, emails: RiskAlertEmail[], cooldownDays: number, correlationId: string | null): Promise<void> {
    const requests: EmailRequest<'risk-alert'>[] = emails.map((email) => {
      const data: RiskAlertData = {
        recipient: { name: email.recipient.name, timezone: email.recipientZone },
        alertId: email.alertId,
        customer: email.customer,
        owner: { name: email.owner.name, email: email.owner.email },
        rule: email.flag.rule,
        severity: email.flag.severity,
        occasion: email.occasion,
        cooldownDays,
        ...evidenceOf(email.flag),
      };
      return {
        idempotencyKey: riskAlertEmailKey(email.alertId, email.sendNumber),
        recipient: { id: email.recipient.id, email: email.recipient.email, locale: email.recipient.locale },
        kind: 'risk-alert',
        data,
        correlationId,
      };
    });
    for (let i = 0; i < requests.length; i += 500) await this.notifications.requestAll(tx, requests.slice(i, i + 500));
  }

  /** Bulk: an attrition alert is about weeks, not hours, and comes from a daily scan over everyone. */
  async requestAttrition(tx: Tx, email: AttritionAlertEmail, correlationId: string | null): Promise<void> {
    const data: AttritionAlertData = {
      recipient: { name: email.recipient.name, timezone: email.recipientZone },
      alertId: email.alertId,
      employee: { name: email.person.name, email: email.person.email },
      severity: email.flag.severity,
      occasion: email.occasion,
      cooldownDays: email.flag.cooldownDays,
      ...signalsOf(email.flag),
      tasks: email.tasks.map((task) => ({ kind: task.kind as AttritionAlertData['tasks'][number]['kind'], dueAt: task.dueAt.toISOString() })),
    };
    await this.notifications.request(tx, {
      idempotencyKey: riskAlertEmailKey(email.alertId, email.sendNumber),
      recipient: { id: email.recipient.id, email: email.recipient.email, locale: email.recipient.locale },
      kind: 'attrition-alert',
      data,
      correlationId,
      bulk: true,
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import { RISK_TYPE_ATTRITION } from '#libs/contracts';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { JobPayload } from '#libs/queue';
import type { DeadlineAction } from '#libs/time';
import { OnJob, TimerJobs, type JobContext } from '#libs/workflow';
import type { RiskAlertRow } from '../rows.js';
import { RiskAlertsRepository } from './risk-alerts.repository.js';
import { parseRiskTaskTimerKey } from './risk-countermeasures.rules.js';
import { RiskAlertMailer } from './risk.mailer.js';
import { RiskTasksRepository, type RiskTaskRow } from './risk-tasks.repository.js';

interface Due {
  action: DeadlineAction;
  task: RiskTaskRow;
}

/**
 * A risk task's reminder (to its current owner) or escalation (to the owner's manager; ADMIN when
 * they have none), once each: the timer's unique key and the ledger's idempotency key make it so
 * with any number of replicas. A task done (or gone) by then is neither reminded nor escalated.
 * The timer reads the task's owner when it fires, so a reassigned task reminds its new owner.
 */
@Injectable()
export class RiskTaskDeadlineJobs {
  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly tasks: RiskTasksRepository,
    private readonly alerts: RiskAlertsRepository,
    private readonly directory: OrgDirectory,
    private readonly mailer: RiskAlertMailer,
  ) {}

  @OnJob('risk-task.deadline')
  deadline(payload: JobPayload<'risk-task.deadline'>, context: JobContext) {
    return this.timerJobs.run<Due>(payload, context, {
      lock: async (tx, timer) => {
        const action = parseRiskTaskTimerKey(timer.uniqueKey);
        const task = action ? await this.tasks.lock(tx, timer.subjectId) : null;
        return action && task ? { action, task } : null;
      },
      stillDue: ({ task }) => task.status === 'OPEN',
      act: async (tx, { action, task }) => {
        const owner = await this.directory.findById(task.ownerId, tx);
        if (!owner) return 'skipped';
        const to = action === 'remind' ? [owner] : await this.above(tx, owner);
        if (to.length === 0) return 'skipped';
        const alert = await this.alerts.findById(tx, task.alertId);
        await this.mailer.taskDeadline(tx, to, action, task, { riskType: alert?.type ?? 'unknown', about: alert ? await this.about(tx, alert) : task.alertId, owner }, context.correlationId);
      },
    });
  }

  private async above(tx: Tx, owner: Employee): Promise<Employee[]> {
    const manager = await this.directory.managerOf(owner, tx);
    return manager ? [manager] : this.directory.withRole('ADMIN', tx);
  }

  /** What the alert is about, as the email names it: the customer, the person, or the segment (competition evidence's `segment`). */
  private async about(tx: Tx, alert: RiskAlertRow): Promise<string> {
    if (alert.type === RISK_TYPE_ATTRITION) return (await this.directory.findById(alert.subjectId, tx))?.name ?? alert.subjectId;
    const [customer] = await this.alerts.customersByIds(tx, [alert.subjectId]);
    if (customer) return `${customer.name} (${customer.code})`;
    const segment = (alert.evidence as { facts?: { segment?: unknown } } | null)?.facts?.segment;
    return typeof segment === 'string' ? segment : `${alert.type} ${alert.rule}`;
  }
}

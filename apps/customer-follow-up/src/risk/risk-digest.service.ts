import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '#libs/database';
import type { RiskDigestData } from '#libs/mail';
import { EmailRecipients, NotificationRequester, type EmailRequest } from '#libs/notifications';
import { OrgDirectory, type WorkingContext } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { Clock } from '#libs/time';
import { TimerWriter, type ArmTimer } from '#libs/workflow';
import type { EmployeeRow as Employee } from '../rows.js';
import { nextDigestOccurrence } from '../revisits/digest-schedule.js';
import { DigestTimers } from '../revisits/digest-timers.service.js';
import { localDateOf } from '../revisits/local-days.js';
import { RiskDigestRepository, type DigestAlertRow } from './risk-digest.repository.js';
import { compareAlerts, RISK_DIGEST_LOCAL_TIME, RISK_DIGEST_TOP, RISK_LINK_SNOOZE_DAYS, RISK_LINK_TTL_DAYS, riskDigestKey } from './risk-digest.rules.js';

const DAY_MS = 24 * 3600_000;

/**
 * The manager's risk digest (issue 13 item 6): one bulk email per manager and working day at 08:00
 * their time with every open alert of their reporting line, worst first, the first ten in full
 * with single-use acknowledge and snooze links, the rest counted. A chain of timers per manager
 * (`risk-digest:<manager>:<local date>`), fired in batches (TIMER_BATCH_SIZES): each batch reads
 * its managers' alerts in one statement, asks for all emails in one (the links are grants the
 * notifier signs, libs/notifications/src/risk-link.ts: nothing stored per link), and
 * arms the next day of those who still have something open. Nothing open: no email, and the chain
 * stops until a scan finds an open alert in their line again (`armForOpenAlerts`). The email key
 * is the timer's, so a Redis flush, a redelivered batch or a second replica sends it once.
 */
@Injectable()
export class RiskDigestService {
  constructor(
    private readonly database: Database,
    private readonly repository: RiskDigestRepository,
    private readonly digestTimers: DigestTimers,
    private readonly directory: OrgDirectory,
    private readonly timers: TimerWriter,
    private readonly recipients: EmailRecipients,
    private readonly notifications: NotificationRequester,
    private readonly clock: Clock,
  ) {}

  /** Arms the next digest of everyone who reads an open alert (after each daily scan; the unique keys make it idempotent). */
  async armForOpenAlerts(tx: Tx, now: Date, correlationId: string | null): Promise<number> {
    const readers = await this.directory.findManyById(await this.repository.readersOfOpenAlerts(tx, now), tx);
    await this.armNext(tx, readers, await this.directory.workingContexts(readers, tx), now, correlationId);
    return readers.length;
  }

  /** Arms the next digest of these people (those above an alert's subject, when one is raised outside the daily scan). */
  async armFor(tx: Tx, people: Employee[], now: Date, correlationId: string | null): Promise<void> {
    await this.armNext(tx, people, await this.directory.workingContexts(people, tx), now, correlationId);
  }

  /** 'done' when at least one digest was asked for. */
  async fire(timerIds: string[], correlationId: string | null): Promise<'done' | 'skipped'> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const managers = await this.digestTimers.dueRecipients(tx, timerIds, now);
      if (managers.length === 0) return 'skipped';
      const rows = await this.repository.topOpenAlerts(tx, managers.map((m) => m.id), now, RISK_DIGEST_TOP);
      const byManager = new Map<string, DigestAlertRow[]>();
      for (const row of rows) byManager.set(row.managerId, [...(byManager.get(row.managerId) ?? []), row]);
      const owed = managers.filter((m) => byManager.has(m.id));
      const contexts = await this.directory.workingContexts(owed, tx);
      await this.armNext(tx, owed, contexts, now, correlationId);
      if (owed.length === 0) return 'skipped';
      await this.request(tx, owed, byManager, contexts, now, correlationId);
      return 'done';
    });
  }

  private async request(tx: Tx, managers: Employee[], byManager: Map<string, DigestAlertRow[]>, contexts: Map<string, WorkingContext>, now: Date, correlationId: string | null): Promise<void> {
    const localDates = new Map(managers.map((m) => [m.id, localDateOf(now, contexts.get(m.id)!.zone)]));
    const linksExpireAt = new Date(now.getTime() + RISK_LINK_TTL_DAYS * DAY_MS).toISOString();
    const recipients = await this.recipients.all(tx, managers);
    const requests: EmailRequest<'risk-digest'>[] = managers.map((manager) => {
      const alerts = [...byManager.get(manager.id)!].sort(compareAlerts);
      const { view, address } = recipients.get(manager.id)!;
      const total = alerts[0].total;
      const data = {
        recipient: view, localDate: localDates.get(manager.id)!, total, more: total - alerts.length, snoozeDays: RISK_LINK_SNOOZE_DAYS,
        links: { employeeId: manager.id, expiresAt: linksExpireAt },
        alerts: alerts.map((a) => ({
          alertId: a.id, type: a.type as RiskDigestData['alerts'][number]['type'], rule: a.rule, severity: a.severity, about: a.about, since: a.createdAt.toISOString(), openTasks: a.openTasks,
        })),
      };
      return { idempotencyKey: riskDigestKey(manager.id, localDates.get(manager.id)!), recipient: address, kind: 'risk-digest', data, correlationId, bulk: true };
    });
    await this.notifications.requestAll(tx, requests);
  }

  private async armNext(tx: Tx, people: Employee[], contexts: Map<string, WorkingContext>, after: Date, correlationId: string | null): Promise<void> {
    const memo = new Map<WorkingContext, ReturnType<typeof nextDigestOccurrence>>();
    const next = (context: WorkingContext) => memo.get(context) ?? memo.set(context, nextDigestOccurrence(after, RISK_DIGEST_LOCAL_TIME, context)).get(context)!;
    const timers: ArmTimer[] = people.map((person) => {
      const occurrence = next(contexts.get(person.id)!);
      return { kind: JOBS.riskDigest, queue: QUEUES.followUpBulk, subjectId: person.id, dueAt: occurrence.at, uniqueKey: riskDigestKey(person.id, occurrence.localDate), correlationId };
    });
    await this.timers.armAll(tx, timers);
  }
}

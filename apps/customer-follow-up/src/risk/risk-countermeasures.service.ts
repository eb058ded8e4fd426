import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { Tx } from '#libs/database';
import { OrgDirectory, type WorkingContext } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import type { ArmTimer } from '#libs/workflow';
import { TimerWriter } from '#libs/workflow';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { RevisitPlanner } from '../revisits/revisit-planner.service.js';
import { RevisitsRepository } from '../revisits/revisits.repository.js';
import { SurveySender } from '../surveys/survey-sender.service.js';
import {
  bookingSourceId, countermeasuresOf, DEFAULT_TASK_REMINDER_AT, riskTaskTimerKey, RISK_VISIT_KIND, taskMoments, type Booking, type HandbookCountermeasure,
} from './risk-countermeasures.rules.js';
import { RiskTasksRepository, type NewRiskTask, type RiskTaskRow } from './risk-tasks.repository.js';

/** What an alert's countermeasures need to become tasks. */
export interface CountermeasureRequest {
  alertId: string;
  /** customer_demand, attrition, competition, ... (the handbook's entry). */
  type: string;
  /** Who owns the tasks: the customer's owner (demand), the person's manager (attrition), the segment's director (competition). */
  ownerId: string;
  /** Customer demand: the customer the survey and the visit are for. */
  customerId?: string | null;
  /** Competition: the segment's A-tier customers the revisits are booked for. */
  segmentCustomerIds?: string[];
  /** Instead of the handbook's: the countermeasures the flag names (attrition, from appraisal's policy). */
  countermeasures?: readonly { kind: string; within: string }[];
  /** The tasks' due dates count from here (the scan's time); default now. */
  from?: Date;
}

/**
 * Turns risk alerts of any type into their handbook countermeasures: one task per alert and kind,
 * owned, due in the owner's working time, each with a reminder (to the owner) and an escalation
 * (to their manager) armed as timers, once each (the timers' unique keys). A countermeasure that
 * books something does it through the follow-up services in the same transaction: the survey
 * through SurveySender (its frequency cap applies: a capped survey leaves the task open with the
 * reason in its note, for the owner to reach the customer another way), visits through
 * RevisitPlanner (with its overdue escalation and the owner's digest). Alerts that have tasks
 * already are skipped in one statement, so a daily scan re-flagging them costs nothing more, and a
 * redelivery creates, books and arms nothing twice.
 */
@Injectable()
export class RiskCountermeasures {
  private readonly logger = new Logger(RiskCountermeasures.name);

  constructor(
    private readonly tasks: RiskTasksRepository,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly timers: TimerWriter,
    private readonly surveys: SurveySender,
    private readonly planner: RevisitPlanner,
    private readonly revisits: RevisitsRepository,
    private readonly audit: AuditWriter,
  ) {}

  /** The tasks created now (none for alerts that had theirs). */
  async open(tx: Tx, requests: CountermeasureRequest[], now: Date, correlationId: string | null): Promise<RiskTaskRow[]> {
    const had = await this.tasks.alertsWithTasks(tx, requests.map((r) => r.alertId));
    const pending = requests.filter((r) => !had.has(r.alertId));
    if (pending.length === 0) return [];
    const owners = await this.directory.findManyById([...new Set(pending.map((r) => r.ownerId))], tx);
    const contexts = await this.directory.workingContexts(owners, tx);
    const { policy } = await this.policies.active(tx);
    const reminderAt = policy.risk.taskReminderAt ?? DEFAULT_TASK_REMINDER_AT;
    const rows: NewRiskTask[] = [];
    const timers: ArmTimer[] = [];
    const bookings = new Map<string, { request: CountermeasureRequest; books: Booking }>();
    for (const request of pending) {
      const context = contexts.get(request.ownerId);
      if (!context) {
        this.logger.warn(`Risk alert ${request.alertId}: owner ${request.ownerId} is not in the directory; no countermeasure tasks.`);
        continue;
      }
      for (const countermeasure of countermeasuresOf(request.type, request.countermeasures)) {
        const { task, moments } = this.plan(request, countermeasure, context, reminderAt, now);
        rows.push(task);
        for (const action of ['remind', 'escalate'] as const) {
          timers.push({ kind: JOBS.riskTaskDeadline, queue: QUEUES.followUpUrgent, subjectId: task.id, dueAt: moments[action], uniqueKey: riskTaskTimerKey(task.id, action), correlationId });
        }
        if (countermeasure.books) bookings.set(task.id, { request, books: countermeasure.books });
      }
    }
    const created = await this.tasks.insertNew(tx, rows, now);
    const createdIds = new Set(created.map((t) => t.id));
    await this.timers.armAll(tx, timers.filter((t) => createdIds.has(t.subjectId)));
    await this.audit.recordAll(tx, created.map((t) => ({
      entityType: 'risk-alert', entityId: t.alertId, action: 'risk-task.created', actorId: null, before: null,
      after: { taskId: t.id, kind: t.kind, ownerId: t.ownerId, dueAt: t.dueAt.toISOString() }, correlationId, at: now,
    })));
    const result: RiskTaskRow[] = [];
    for (const task of created) {
      const booking = bookings.get(task.id);
      result.push(booking ? await this.book(tx, task, booking.request, booking.books, now, correlationId) : task);
    }
    return result;
  }

  private plan(request: CountermeasureRequest, countermeasure: HandbookCountermeasure, context: WorkingContext, reminderAt: number, now: Date) {
    const moments = taskMoments(request.from ?? now, countermeasure.within, reminderAt, context.calendar, context.zone);
    return { task: { id: randomUUID(), alertId: request.alertId, kind: countermeasure.kind, ownerId: request.ownerId, dueAt: moments.dueAt }, moments };
  }

  /** What the system books for the task, written into its note (and the task done when the survey went out). */
  private async book(tx: Tx, task: RiskTaskRow, request: CountermeasureRequest, books: Booking, now: Date, correlationId: string | null): Promise<RiskTaskRow> {
    if (books === 'survey') {
      const customer = request.customerId ? await this.revisits.lockCustomer(tx, request.customerId) : null;
      if (!customer) return this.tasks.update(tx, task.id, { note: 'No survey: the alert names no customer.' });
      const outcome = await this.surveys.send(tx, { customer, reason: 'risk', sourceId: task.id, correlationId });
      if (outcome.sent) {
        await this.timers.cancelByKeys(tx, [riskTaskTimerKey(task.id, 'remind'), riskTaskTimerKey(task.id, 'escalate')], now);
        return this.tasks.update(tx, task.id, { status: 'DONE', doneAt: now, note: `Survey ${outcome.surveyId} sent.` });
      }
      return this.tasks.update(tx, task.id, { note: `No survey sent (${outcome.because}): please ask the customer another way.` });
    }
    const customerIds = books === 'visit' ? (request.customerId ? [request.customerId] : []) : (request.segmentCustomerIds ?? []);
    const booked: string[] = [];
    for (const customerId of customerIds) {
      const customer = await this.revisits.lockCustomer(tx, customerId);
      if (!customer) continue;
      const sourceId = books === 'visit' ? task.id : bookingSourceId(task.id, customer.id);
      const visit = await this.planner.planVisit(tx, customer, RISK_VISIT_KIND, task.dueAt, correlationId, sourceId);
      if (visit) booked.push(visit.id);
    }
    const note = booked.length > 0 ? `Visits booked: ${booked.join(', ')}.` : 'No visit could be booked (no customer, or its owner is not in the directory).';
    return this.tasks.update(tx, task.id, { note });
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { Tx } from '#libs/database';
import { OrgDirectory, type WorkingContext } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import type { ArmTimer } from '#libs/workflow';
import { TimerWriter } from '#libs/workflow';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { RevisitPlanKeeper } from '../revisits/revisit-plan-keeper.service.js';
import { RevisitsRepository } from '../revisits/revisits.repository.js';
import { SurveySender, type SurveyOutcome } from '../surveys/survey-sender.service.js';
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
    private readonly keeper: RevisitPlanKeeper,
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
    const booked = new Map((await this.book(tx, created.flatMap((task) => {
      const booking = bookings.get(task.id);
      return booking ? [{ task, ...booking }] : [];
    }), now, correlationId)).map((t) => [t.id, t]));
    return created.map((task) => booked.get(task.id) ?? task);
  }

  private plan(request: CountermeasureRequest, countermeasure: HandbookCountermeasure, context: WorkingContext, reminderAt: number, now: Date) {
    const moments = taskMoments(request.from ?? now, countermeasure.within, reminderAt, context.calendar, context.zone);
    return { task: { id: randomUUID(), alertId: request.alertId, kind: countermeasure.kind, ownerId: request.ownerId, dueAt: moments.dueAt }, moments };
  }

  /**
   * What the system books for the tasks, written into their notes (and a task done when its survey
   * went out): the surveys through SurveySender and the visits through RevisitPlanKeeper, each for
   * all the tasks at once, so a first scan raising thousands of alerts costs a few statements per
   * slice, not a few per customer.
   */
  private async book(tx: Tx, bookings: TaskBooking[], now: Date, correlationId: string | null): Promise<RiskTaskRow[]> {
    if (bookings.length === 0) return [];
    const customers = new Map((await this.revisits.lockCustomers(tx, bookings.flatMap(customerIdsOf))).map((c) => [c.id, c]));
    const surveyTasks = bookings.filter((b) => b.books === 'survey');
    const surveys = await this.surveys.sendAll(tx, 'risk', surveyTasks.flatMap(({ task, request }) => {
      const customer = request.customerId ? customers.get(request.customerId) : undefined;
      return customer ? [{ customer, sourceId: task.id }] : [];
    }), correlationId);
    const visitTasks = bookings.filter((b) => b.books !== 'survey');
    const visitsOf = new Map(visitTasks.map((booking) => [booking.task.id, customerIdsOf(booking).flatMap((id) => {
      const customer = customers.get(id);
      return customer ? [{ customer, kind: RISK_VISIT_KIND, dueAt: booking.task.dueAt, sourceId: booking.books === 'visit' ? booking.task.id : bookingSourceId(booking.task.id, id) }] : [];
    })]));
    const planned = await this.keeper.planSourced(tx, [...visitsOf.values()].flat(), correlationId);
    const notes = [
      ...surveyTasks.map(({ task }) => surveyNote(task.id, surveys.get(task.id))),
      ...visitTasks.map(({ task }) => visitNote(task.id, visitsOf.get(task.id)!.flatMap((v) => planned.get(v.sourceId)?.id ?? []))),
    ];
    const done = notes.filter((n) => n.done).map((n) => n.id);
    await this.timers.cancelByKeys(tx, done.flatMap((id) => [riskTaskTimerKey(id, 'remind'), riskTaskTimerKey(id, 'escalate')]), now);
    return this.tasks.recordBookings(tx, notes, now);
  }
}

interface TaskBooking {
  task: RiskTaskRow;
  request: CountermeasureRequest;
  books: Booking;
}

/** The customers a booking is for: the alert's customer (survey, visit), or the segment's A-tier customers. */
function customerIdsOf({ request, books }: TaskBooking): string[] {
  if (books === 'segment_visits') return request.segmentCustomerIds ?? [];
  return request.customerId ? [request.customerId] : [];
}

function surveyNote(taskId: string, outcome: SurveyOutcome | undefined): { id: string; note: string; done: boolean } {
  if (!outcome) return { id: taskId, note: 'No survey: the alert names no customer.', done: false };
  if (outcome.sent) return { id: taskId, note: `Survey ${outcome.surveyId} sent.`, done: true };
  return { id: taskId, note: `No survey sent (${outcome.because}): please ask the customer another way.`, done: false };
}

function visitNote(taskId: string, visitIds: string[]): { id: string; note: string; done: boolean } {
  const note = visitIds.length > 0 ? `Visits booked: ${visitIds.join(', ')}.` : 'No visit could be booked (no customer, or its owner is not in the directory).';
  return { id: taskId, note, done: false };
}

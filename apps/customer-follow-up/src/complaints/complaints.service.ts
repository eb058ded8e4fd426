import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, IdempotentCreator, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { ConflictError, ForbiddenError, NotFoundError, toPage, type Caller, type Page, isUuid } from '#libs/rpc';
import { Clock } from '#libs/time';
import { TimerWriter } from '#libs/workflow';
import { CustomerAccess } from '../customers/customer-access.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { SurveySender } from '../surveys/survey-sender.service.js';
import { ComplaintAssigner } from './complaint-assigner.service.js';
import { complaintSchedule, deadlineKey, reminderKey, type ComplaintSchedule, type DeadlinePhase } from './complaints.rules.js';
import type { CreateComplaintInput, ListComplaintsQuery, ResolveComplaintInput } from './complaint-input.js';
import { ComplaintMailer } from './complaints.mailer.js';
import { complaintMailView, complaintView, type ComplaintView } from './complaint-view.js';
import { ComplaintsRepository } from './complaints.repository.js';
import type { ComplaintRow as Complaint, CustomerRow as Customer, EmployeeRow as Employee } from '../rows.js';

const CREATE_SCOPE = 'complaints.create';

/**
 * Complaints: recorded and assigned with deadlines in the assignee's working time (timers for the
 * reminders and the deadlines), listed, acknowledged and resolved; every change audited in its
 * own transaction. Resolving asks for a satisfaction survey.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly database: Database,
    private readonly creator: IdempotentCreator,
    private readonly repository: ComplaintsRepository,
    private readonly assigner: ComplaintAssigner,
    private readonly customers: CustomerDirectory,
    private readonly access: CustomerAccess,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly timers: TimerWriter,
    private readonly mailer: ComplaintMailer,
    private readonly surveys: SurveySender,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  async create(caller: Caller, input: CreateComplaintInput, idempotencyKey: string | undefined, correlationId: string): Promise<ComplaintView> {
    return this.creator.create({ scope: CREATE_SCOPE, callerId: caller.id, key: idempotencyKey, body: input }, (tx) => this.insert(tx, caller, input, correlationId));
  }

  async list(caller: Caller, query: ListComplaintsQuery): Promise<Page<ComplaintView>> {
    const empty = { items: [], nextCursor: null };
    if (query.customerId && !isUuid(query.customerId)) return empty;
    let assigneeId: string | undefined;
    if (query.assignee) {
      const assignee = await this.directory.findByIdOrEmail(query.assignee);
      if (!assignee) return empty;
      assigneeId = assignee.id;
    }
    const visibleTo = await this.access.visibleOwnerIds(caller);
    const rows = await this.repository.list(this.database.db, { status: query.status, assigneeId, customerId: query.customerId, visibleTo }, query);
    const refs = await this.refs(this.database.db, rows);
    return toPage(rows, query.limit, (row) => complaintView(row, refs));
  }

  async acknowledge(caller: Caller, id: string, correlationId: string): Promise<ComplaintView> {
    return this.change(caller, id, correlationId, async (tx, complaint, now) => {
      if (complaint.status !== 'open') throw new ConflictError(`Complaint ${complaint.id} is already ${complaint.status}; only an open complaint can be acknowledged.`);
      await this.timers.cancelByKeys(tx, [reminderKey(complaint.id, 'ack'), deadlineKey(complaint.id, 'ack')], now);
      return { action: 'complaint.acknowledged', updated: await this.repository.update(tx, complaint.id, { status: 'acknowledged', acknowledgedAt: now }) };
    });
  }

  async resolve(caller: Caller, id: string, input: ResolveComplaintInput, correlationId: string): Promise<ComplaintView> {
    return this.change(caller, id, correlationId, async (tx, complaint, now, customer) => {
      if (complaint.status === 'resolved') throw new ConflictError(`Complaint ${complaint.id} is already resolved.`);
      const keys = (['ack', 'resolve'] as DeadlinePhase[]).flatMap((phase) => [reminderKey(complaint.id, phase), deadlineKey(complaint.id, phase)]);
      await this.timers.cancelByKeys(tx, keys, now);
      const updated = await this.repository.update(tx, complaint.id, { status: 'resolved', resolvedAt: now, resolution: input.resolution });
      const survey = customer ? await this.surveys.send(tx, { customer, reason: 'complaint', sourceId: complaint.id, correlationId }) : null;
      return { action: 'complaint.resolved', updated, extra: { survey: survey?.sent ? { surveyId: survey.surveyId } : { skipped: survey?.because ?? 'customer-missing' } } };
    });
  }

  /**
   * One audited change under the complaint's lock. The assignee, anyone above them in the
   * reporting line, and ADMIN may change it; anyone else gets 403 before any state is looked at.
   */
  private async change(
    caller: Caller,
    id: string,
    correlationId: string,
    apply: (tx: Tx, complaint: Complaint, now: Date, customer: Customer | null) => Promise<{ action: string; updated: Complaint; extra?: object }>,
  ): Promise<ComplaintView> {
    const view = await this.database.transaction(async (tx) => {
      const complaint = await this.repository.lock(tx, id);
      if (!complaint) throw new NotFoundError(`Complaint ${id} does not exist.`);
      const assignee = await this.directory.findById(complaint.assigneeId, tx);
      if (!(await this.mayHandle(tx, caller, assignee))) {
        throw new ForbiddenError(`Only the assignee of complaint ${complaint.id}, their managers and ADMIN may acknowledge or resolve it.`);
      }
      const now = this.clock.now();
      const customer = await this.customers.findById(tx, complaint.customerId);
      const { action, updated, extra } = await apply(tx, complaint, now, customer);
      await this.audit.record(tx, {
        entityType: 'complaint', entityId: complaint.id, action, actorId: caller.id,
        before: { status: complaint.status }, after: { status: updated.status, ...(updated.resolution ? { resolution: updated.resolution } : {}), ...extra },
        correlationId, at: now,
      });
      return complaintView(updated, await this.refs(tx, [updated]));
    });
    this.signal.notify();
    return view;
  }

  private async mayHandle(tx: Tx, caller: Caller, assignee: Employee | null): Promise<boolean> {
    if (caller.role === 'ADMIN') return true;
    if (!assignee) return false;
    return caller.id === assignee.id || this.directory.isAbove(caller.id, assignee, tx);
  }

  private async insert(tx: Tx, caller: Caller, input: CreateComplaintInput, correlationId: string): Promise<ComplaintView> {
    const customer = await this.customers.findById(tx, input.customerId);
    if (!customer) throw new NotFoundError(`Customer ${input.customerId} does not exist.`);
    await this.access.assertReadable(caller, customer.ownerId, tx);
    const now = this.clock.now();
    const { assignee, pool } = await this.assigner.assign(tx, customer, now);
    const reporter = await this.directory.findById(caller.id, tx);
    const { policy } = await this.policies.active(tx);
    const schedule = complaintSchedule(now, policy.complaintDeadlines[input.severity], policy.complaintReminderAt, await this.directory.workingContext(assignee, tx));
    const complaint = await this.repository.create(tx, {
      customerId: customer.id, severity: input.severity, channel: input.channel, description: input.description,
      assigneeId: assignee.id, ackDueAt: schedule.ackDueAt, resolveDueAt: schedule.resolveDueAt, createdById: caller.id, createdAt: now,
    });
    await this.armTimers(tx, complaint.id, schedule, correlationId);
    if (reporter) await this.mailer.assigned(tx, assignee, complaintMailView(complaint, customer), reporter, correlationId);
    await this.audit.record(tx, {
      entityType: 'complaint', entityId: complaint.id, action: 'complaint.created', actorId: caller.id,
      after: {
        customerId: customer.id, severity: complaint.severity, channel: complaint.channel, assignee: assignee.email, assignedBy: pool,
        ackDueAt: complaint.ackDueAt.toISOString(), resolveDueAt: complaint.resolveDueAt.toISOString(),
      },
      correlationId, at: now,
    });
    return complaintView(complaint, { people: new Map([assignee, ...(reporter ? [reporter] : [])].map((e) => [e.id, e])), customers: new Map([[customer.id, customer]]) });
  }

  private async armTimers(tx: Tx, complaintId: string, schedule: ComplaintSchedule, correlationId: string): Promise<void> {
    const timers = [
      { kind: JOBS.complaintRemind, uniqueKey: reminderKey(complaintId, 'ack'), dueAt: schedule.ackRemindAt },
      { kind: JOBS.complaintEscalate, uniqueKey: deadlineKey(complaintId, 'ack'), dueAt: schedule.ackDueAt },
      { kind: JOBS.complaintRemind, uniqueKey: reminderKey(complaintId, 'resolve'), dueAt: schedule.resolveRemindAt },
      { kind: JOBS.complaintEscalate, uniqueKey: deadlineKey(complaintId, 'resolve'), dueAt: schedule.resolveDueAt },
    ];
    for (const timer of timers) await this.timers.arm(tx, { ...timer, queue: QUEUES.followUpUrgent, subjectId: complaintId, correlationId });
  }

  private async refs(tx: Tx, complaints: Complaint[]) {
    const people = await this.directory.findManyById([...new Set(complaints.flatMap((c) => [c.assigneeId, c.createdById]))], tx);
    const customerIds = [...new Set(complaints.map((c) => c.customerId))];
    const customers = await this.repository.customersByIds(tx, customerIds);
    return { people: new Map(people.map((e) => [e.id, e])), customers: new Map(customers.map((c) => [c.id, c])) };
  }
}

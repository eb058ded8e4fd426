import { randomUUID } from 'node:crypto';
import type { Customer, Employee } from '#generated/prisma';
import { OrgAdminService, type EmployeeInput } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import type { Caller } from '#libs/rpc';
import { featureTestingModule, TEST_ADMIN_EMAIL, type FeatureTestingModule } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { TimerSweeper } from '#libs/workflow';
import { FollowUpCoreModule } from '../customer-follow-up.module.js';
import { ComplaintJobs } from './complaints.jobs.js';
import { ComplaintsModule } from './complaints.module.js';
import { ComplaintsService } from './complaints.service.js';

/**
 * Medium tier: ComplaintsModule on a real database, no Redis, NATS or SMTP. Recording a complaint
 * must write, in one transaction, the complaint, its four deadline timers, the assignment email in
 * the send ledger with its outbox row, and the audit entry; acknowledging cancels the first
 * deadline's timers; a due reminder, swept and handled, asks for its email once.
 *
 * Everyone works on a 24x7 calendar, so working time is wall-clock time: a `high` complaint
 * (policy default: acknowledge PT8H, resolve P3D, reminders at 75%) recorded at T0 is due to be
 * acknowledged at T0+8h, reminded at T0+6h, resolved at T0+72h, reminded at T0+54h.
 */
const T0 = new Date('2027-03-12T06:30:00.000Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

const REP = 'rep@salesflow.test';
const CS_A = 'cs-a@salesflow.test';
const CS_B = 'cs-b@salesflow.test';
const CS_ELSEWHERE = 'cs-gz@salesflow.test';

describe('complaints (medium: the service on a real database)', () => {
  const clock = new ManualClock(T0);
  let t: FeatureTestingModule;
  let complaints: ComplaintsService;
  let rep: Caller;
  let customer: Customer;
  let sequence = 0;

  const employee = (email: string): Promise<Employee> => t.prisma.employee.findUniqueOrThrow({ where: { email } });
  const asCaller = (e: Employee): Caller => ({ id: e.id, email: e.email, name: e.name, role: e.role });
  const complaint = (severity: 'low' | 'medium' | 'high' | 'critical') => ({ customerId: customer.id, severity, channel: 'phone', description: `Complaint ${++sequence}` });
  const complain = (severity: 'low' | 'medium' | 'high' | 'critical', correlationId = 'corr-test') => complaints.create(rep, complaint(severity), undefined, correlationId);

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [FollowUpCoreModule, ComplaintsModule], clock });
    complaints = t.get(ComplaintsService);
    const org = t.get(OrgAdminService);
    const admin = await employee(TEST_ADMIN_EMAIL);
    await org.putCalendar(admin, '24x7', { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00', holidays: [], workdays: [] });
    const everyone: Partial<EmployeeInput> = { timezone: 'Asia/Shanghai', locale: 'en', calendar: '24x7' };
    await org.upsertEmployees(admin, [
      { email: 'manager@salesflow.test', name: 'Mia Manager', role: 'SALES_MANAGER', ...everyone },
      { email: REP, name: 'Ray Rep', role: 'SALES_SPECIALIST', managerEmail: 'manager@salesflow.test', region: 'Shanghai', ...everyone },
      // cs-b sorts after cs-a: with equal loads the tie goes to cs-a.
      { email: CS_B, name: 'Bo Service', role: 'CUSTOMER_SERVICE', managerEmail: 'manager@salesflow.test', region: 'Shanghai', ...everyone },
      { email: CS_A, name: 'Ann Service', role: 'CUSTOMER_SERVICE', managerEmail: 'manager@salesflow.test', region: 'Shanghai', ...everyone },
      { email: CS_ELSEWHERE, name: 'Gao Service', role: 'CUSTOMER_SERVICE', managerEmail: 'manager@salesflow.test', region: 'Guangzhou', ...everyone },
    ]);
    rep = asCaller(await employee(REP));
    customer = await t.prisma.customer.create({
      data: { code: 'C-1', name: 'Acme Shanghai', ownerId: rep.id, tier: 'B', status: 'active', region: 'Shanghai', contacts: [], createdAt: T0 },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('recording a complaint writes the complaint, its four deadline timers, the assignment email with its outbox row, and the audit entry', async () => {
    const view = await complain('high', 'corr-first');

    expect(view).toMatchObject({ status: 'open', severity: 'high', assignee: { email: CS_A }, createdBy: { email: REP } });
    const row = await t.prisma.complaint.findUniqueOrThrow({ where: { id: view.id } });
    expect(row).toMatchObject({ customerId: customer.id, status: 'open', assigneeId: (await employee(CS_A)).id, ackDueAt: at(8), resolveDueAt: at(72), createdAt: T0 });

    const timers = await t.prisma.timer.findMany({ where: { subjectId: view.id }, orderBy: { dueAt: 'asc' } });
    expect(timers.map((timer) => [timer.uniqueKey, timer.kind, timer.queue, timer.dueAt.toISOString()])).toEqual([
      [`complaint-reminder:${view.id}:ack`, JOBS.complaintRemind, QUEUES.followUpUrgent, at(6).toISOString()],
      [`complaint-deadline:${view.id}:ack`, JOBS.complaintEscalate, QUEUES.followUpUrgent, at(8).toISOString()],
      [`complaint-reminder:${view.id}:resolve`, JOBS.complaintRemind, QUEUES.followUpUrgent, at(54).toISOString()],
      [`complaint-deadline:${view.id}:resolve`, JOBS.complaintEscalate, QUEUES.followUpUrgent, at(72).toISOString()],
    ]);
    expect(timers.every((timer) => timer.firedAt === null && timer.cancelledAt === null)).toBe(true);

    const [email] = await t.prisma.notification.findMany({ where: { idempotencyKey: `complaint-assigned:${view.id}` } });
    expect(email).toMatchObject({ kind: 'complaint-assigned', recipientEmail: CS_A, locale: 'en', status: 'queued' });
    expect(email.data).toMatchObject({ complaint: { id: view.id }, reportedBy: { email: REP } });
    const outbox = await t.prisma.outbox.findMany({ where: { payload: { path: ['notificationId'], equals: email.id } } });
    expect(outbox).toEqual([expect.objectContaining({ queue: QUEUES.notifierUrgent, jobName: JOBS.sendEmail, publishedAt: null, doneAt: null })]);

    const audit = await t.prisma.auditEntry.findMany({ where: { entityType: 'complaint', entityId: view.id } });
    expect(audit).toEqual([expect.objectContaining({ action: 'complaint.created', actorId: rep.id, correlationId: 'corr-first' })]);
    expect(audit[0].after).toMatchObject({ assignee: CS_A, assignedBy: 'region', severity: 'high', ackDueAt: at(8).toISOString() });
  });

  it('the next complaint goes to the least-loaded colleague of the region; the same idempotency key replays it without a second row or email', async () => {
    const input = complaint('low');
    const first = await complaints.create(rep, input, 'key-1', 'corr-key-1');
    expect(first.assignee.email).toBe(CS_B);
    const again = await complaints.create(rep, input, 'key-1', 'corr-key-1-again');
    expect(again.id).toBe(first.id);
    expect(await t.prisma.complaint.count({ where: { customerId: customer.id, severity: 'low' } })).toBe(1);
    expect(await t.prisma.notification.count({ where: { idempotencyKey: `complaint-assigned:${first.id}` } })).toBe(1);
  });

  it('acknowledging cancels the acknowledge timers only; a due reminder for a resolved phase is skipped, one for an open phase asks for its email once', async () => {
    clock.set(T0);
    const view = await complain('high');
    const assignee = asCaller(await employee(view.assignee.email));
    await complaints.acknowledge(assignee, view.id, 'corr-ack');

    const timers = await t.prisma.timer.findMany({ where: { subjectId: view.id } });
    const cancelled = timers.filter((timer) => timer.cancelledAt !== null).map((timer) => timer.uniqueKey).sort();
    expect(cancelled).toEqual([`complaint-deadline:${view.id}:ack`, `complaint-reminder:${view.id}:ack`]);

    // 54 h later the resolve reminder is due: the sweeper turns it into an outbox row, the handler into an email.
    clock.set(at(54));
    await t.get(TimerSweeper).sweep();
    const reminder = timers.find((timer) => timer.uniqueKey === `complaint-reminder:${view.id}:resolve`)!;
    const fired = await t.prisma.outbox.findMany({ where: { payload: { path: ['timerId'], equals: reminder.id } } });
    expect(fired).toEqual([expect.objectContaining({ queue: QUEUES.followUpUrgent, jobName: JOBS.complaintRemind })]);

    const jobs = t.get(ComplaintJobs);
    const job = { outboxId: fired[0].id, correlationId: null, queue: QUEUES.followUpUrgent };
    expect((await jobs.remind({ timerId: reminder.id, subjectId: view.id }, job)).outcome).toBe('done');
    expect((await jobs.remind({ timerId: reminder.id, subjectId: view.id }, job)).outcome).toBe('done');
    const reminders = await t.prisma.notification.findMany({ where: { idempotencyKey: `complaint-reminder:${view.id}:resolve` } });
    expect(reminders).toEqual([expect.objectContaining({ kind: 'complaint-reminder', recipientEmail: view.assignee.email })]);

    const ackReminder = timers.find((timer) => timer.uniqueKey === `complaint-reminder:${view.id}:ack`)!;
    expect((await jobs.remind({ timerId: ackReminder.id, subjectId: view.id }, { ...job, outboxId: randomUUID() })).outcome).toBe('skipped');
  });
});

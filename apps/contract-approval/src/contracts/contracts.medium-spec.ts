import type { Employee } from '#generated/prisma';
import type { ContractRequest } from '#libs/contracts';
import { OrgAdminService, type EmployeeInput } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import type { Caller } from '#libs/rpc';
import { featureTestingModule, TEST_ADMIN_EMAIL, type FeatureTestingModule } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { ContractsModule } from './contracts.module.js';
import { ContractsService } from './contracts.service.js';

/**
 * Medium tier: ContractsModule on a real database, no Redis, NATS or SMTP. A submission the
 * default policy routes to the manager and the director must write, in one transaction, the
 * contract, both stages and their steps, the manager's reminder and escalation timers, the
 * approval-request email in the send ledger with its outbox row, and the audit entries; replaying
 * it with the same Idempotency-Key and body writes nothing more.
 *
 * Everyone works the standard calendar (Monday to Friday, 09:00-18:00) in Asia/Shanghai. Submitted
 * on Friday at 16:00 local, the manager's 8 working hours (PT8H) end on Monday at 15:00 local, and
 * the reminder (at half the SLA, 4 working hours) falls on Monday at 11:00 local.
 */
const T0 = new Date('2027-03-12T08:00:00.000Z');
const REMIND_AT = new Date('2027-03-15T03:00:00.000Z');
const ESCALATE_AT = new Date('2027-03-15T07:00:00.000Z');

const DIRECTOR = 'director@salesflow.test';
const MANAGER = 'manager@salesflow.test';
const REP = 'rep@salesflow.test';

/** A 20% discount needs the manager (over 5%) and the director (over 15%); the amount and term keep finance out. */
const NEEDS_MANAGER_AND_DIRECTOR: ContractRequest = {
  customerName: 'Acme Shanghai', title: 'Deep-discount supply order', amount: 50000, currency: 'CNY', discountPct: 20, paymentTermDays: 30,
};

describe('contracts (medium: submission on a real database)', () => {
  const clock = new ManualClock(T0);
  let t: FeatureTestingModule;
  let contracts: ContractsService;
  let rep: Caller;
  let manager: Employee;

  const employee = (email: string): Promise<Employee> => t.prisma.employee.findUniqueOrThrow({ where: { email } });

  /** Every row a submission may write, counted. */
  const rowCounts = async () => ({
    contracts: await t.prisma.contract.count(),
    stages: await t.prisma.approvalStage.count(),
    steps: await t.prisma.approvalStep.count(),
    assignees: await t.prisma.stepAssignee.count(),
    timers: await t.prisma.timer.count(),
    notifications: await t.prisma.notification.count(),
    outbox: await t.prisma.outbox.count(),
    audit: await t.prisma.auditEntry.count({ where: { entityType: 'contract' } }),
    tokens: await t.prisma.actionToken.count(),
    idempotency: await t.prisma.idempotencyRecord.count(),
  });

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [ContractsModule], clock });
    contracts = t.get(ContractsService);
    const admin = await employee(TEST_ADMIN_EMAIL);
    const everyone: Partial<EmployeeInput> = { timezone: 'Asia/Shanghai', locale: 'en' };
    await t.get(OrgAdminService).upsertEmployees(admin, [
      { email: DIRECTOR, name: 'Dana Director', role: 'SALES_DIRECTOR', ...everyone },
      { email: MANAGER, name: 'Mia Manager', role: 'SALES_MANAGER', managerEmail: DIRECTOR, ...everyone },
      { email: REP, name: 'Ray Rep', role: 'SALES_SPECIALIST', managerEmail: MANAGER, region: 'Shanghai', ...everyone },
    ]);
    const repRow = await employee(REP);
    rep = { id: repRow.id, email: repRow.email, name: repRow.name, role: repRow.role };
    manager = await employee(MANAGER);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('a submission for the manager and the director writes the contract, its route, the manager\u2019s timers in working time, the request email with its outbox row, and the audit', async () => {
    const submission = await contracts.submit(rep, NEEDS_MANAGER_AND_DIRECTOR, 'key-1', 'corr-submit');

    const contract = await t.prisma.contract.findUniqueOrThrow({ where: { id: submission.id } });
    expect(contract).toMatchObject({ ownerId: rep.id, status: 'PENDING_APPROVAL', round: 1, policyVersion: 1, paymentTermDays: 30, createdAt: T0 });
    expect(contract.discountPct.toFixed(2)).toBe('20.00');
    expect(contract.amountBase.toFixed(2)).toBe('50000.00');

    const stages = await t.prisma.approvalStage.findMany({ where: { contractId: contract.id }, orderBy: { position: 'asc' }, include: { steps: { include: { assignees: true } } } });
    expect(stages.map((stage) => [stage.name, stage.round, stage.status, stage.sla, stage.startedAt, stage.dueAt])).toEqual([
      ['manager', 1, 'PENDING', 'PT8H', T0, ESCALATE_AT],
      ['director', 1, 'WAITING', 'PT8H', null, null],
    ]);
    const [managerStage, directorStage] = stages;
    expect(managerStage.steps.map((step) => [step.ref, step.status])).toEqual([['manager', 'PENDING']]);
    expect(directorStage.steps.map((step) => [step.ref, step.status])).toEqual([['director', 'WAITING']]);
    const [managerStep] = managerStage.steps;
    expect(managerStep.assignees.map((a) => [a.employeeId, a.kind, a.active])).toEqual([[manager.id, 'APPROVER', true]]);

    // Only the started stage has timers: the director's are armed when the manager approves.
    const timers = await t.prisma.timer.findMany({ orderBy: { dueAt: 'asc' } });
    expect(timers.map((timer) => [timer.uniqueKey, timer.kind, timer.queue, timer.subjectId, timer.dueAt, timer.correlationId])).toEqual([
      [`approval-reminder:${managerStep.id}`, JOBS.approvalRemind, QUEUES.approvalUrgent, managerStep.id, REMIND_AT, 'corr-submit'],
      [`approval-escalate:${managerStep.id}:1`, JOBS.approvalEscalate, QUEUES.approvalUrgent, managerStep.id, ESCALATE_AT, 'corr-submit'],
    ]);
    expect(timers.every((timer) => timer.firedAt === null && timer.cancelledAt === null)).toBe(true);

    const emails = await t.prisma.notification.findMany();
    expect(emails).toEqual([expect.objectContaining({
      idempotencyKey: `approval-request:${contract.id}:1:manager:${manager.id}`, kind: 'approval-request', recipientId: manager.id,
      recipientEmail: MANAGER, locale: 'en', status: 'queued', correlationId: 'corr-submit',
    })]);
    expect(emails[0].data).toMatchObject({
      contract: { id: contract.id }, stage: { name: 'manager', position: 1, total: 2 }, round: 1, dueAt: ESCALATE_AT.toISOString(), onBehalfOf: null,
    });
    // The submission's rows (seeding the directory published employee.changed for training).
    const outbox = await t.prisma.outbox.findMany({ where: { correlationId: 'corr-submit' } });
    expect(outbox).toEqual([expect.objectContaining({
      queue: QUEUES.notifierUrgent, jobName: JOBS.sendEmail, payload: expect.objectContaining({ notificationId: emails[0].id }), publishedAt: null, doneAt: null,
    })]);

    const audit = await t.prisma.auditEntry.findMany({ where: { entityType: 'contract', entityId: contract.id }, orderBy: { action: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.correlationId])).toEqual([
      ['contract.submitted', rep.id, 'corr-submit'],
      ['stage.started', null, 'corr-submit'],
    ]);
    expect(audit[0].after).toMatchObject({ ...NEEDS_MANAGER_AND_DIRECTOR, amountBase: '50000.00', policyVersion: 1 });
    expect(audit[1].after).toMatchObject({ stage: 'manager', round: 1, dueAt: ESCALATE_AT.toISOString() });
  });

  it('the same Idempotency-Key with the same body answers with the first submission and writes nothing more', async () => {
    const before = await rowCounts();
    const [first] = await t.prisma.contract.findMany();
    clock.set(new Date(T0.getTime() + 60_000));

    const again = await contracts.submit(rep, { ...NEEDS_MANAGER_AND_DIRECTOR }, 'key-1', 'corr-replay');

    expect(again.id).toBe(first.id);
    expect(before).toMatchObject({ contracts: 1, idempotency: 1 });
    expect(await rowCounts()).toEqual(before);
    expect(await t.prisma.auditEntry.count({ where: { correlationId: 'corr-replay' } })).toBe(0);
  });
});

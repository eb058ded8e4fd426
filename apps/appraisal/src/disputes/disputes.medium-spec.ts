import { randomUUID } from 'node:crypto';
import { JOBS, QUEUES } from '#libs/queue';
import type { Caller } from '#libs/rpc';
import { featureTestingModule, seedEmployees, SMALL_TEAM, TEST_ADMIN_EMAIL, type FeatureTestingModule } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { TimerSweeper } from '#libs/workflow';
import { AppraisalCoreModule } from '../appraisal.module.js';
import { DisputesJobs } from './disputes.jobs.js';
import { DisputesModule } from './disputes.module.js';
import { DisputesService } from './disputes.service.js';

/**
 * Medium tier: a dispute's SLA timers. Opened on Monday 4 January 2027 at 10:00 in Shanghai (standard
 * calendar), the manager's 2 working days end on Wednesday 10:00; FINANCE's 2 more on Friday 10:00.
 * A timer job arriving early is refused (never acts early); each escalation, run twice, writes one
 * email per recipient and moves the dispute once: MANAGER, FINANCE, ADMIN.
 */
describe('commission disputes (medium)', () => {
  const clock = new ManualClock(new Date('2027-01-04T02:00:00Z'));
  let t: FeatureTestingModule;
  let callers = new Map<string, Caller>();

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [AppraisalCoreModule, DisputesModule], clock });
    callers = await seedEmployees(t, SMALL_TEAM);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function fire(uniqueKey: string) {
    await t.get(TimerSweeper).sweep();
    const timer = await t.prisma.timer.findFirstOrThrow({ where: { uniqueKey } });
    const outbox = await t.prisma.outbox.findFirstOrThrow({ where: { payload: { path: ['timerId'], equals: timer.id } } });
    expect([outbox.queue, outbox.jobName]).toEqual([QUEUES.appraisalUrgent, JOBS.commissionDisputeEscalate]);
    const run = () => t.get(DisputesJobs).escalate({ timerId: timer.id, subjectId: timer.subjectId }, { outboxId: outbox.id, correlationId: null, queue: QUEUES.appraisalUrgent });
    return { timer, run };
  }
  const emailsTo = async (prefix: string) => (await t.prisma.notification.findMany({ where: { idempotencyKey: { startsWith: prefix } } })).map((n) => n.recipientEmail).sort();

  it('escalates to FINANCE, then ADMIN, each once and never before the SLA runs out', async () => {
    const statement = await t.prisma.commissionStatement.create({
      data: {
        id: randomUUID(), employeeId: callers.get('rep')!.id, period: '2026-12', periodFirstDay: new Date('2026-12-01'), periodEndDay: new Date('2027-01-01'),
        status: 'APPROVED', planVersion: 0, sales: '0', tier: 'base', total: '0', computedAt: clock.now(),
      },
    });
    const opened = await t.get(DisputesService).open(callers.get('rep')!, statement.id, 'Missing a deal', undefined, 'corr-open');
    expect([opened.stage, opened.managerDueAt]).toEqual(['MANAGER', '2027-01-06T02:00:00.000Z']);
    expect(await emailsTo(`commission-dispute:${opened.id}:manager:`)).toEqual(['manager@salesflow.test']);

    // A job arriving a second early (a clock jump elsewhere) is retried later, not acted on.
    const early = await t.prisma.timer.findFirstOrThrow({ where: { uniqueKey: `commission-dispute:${opened.id}:MANAGER` } });
    clock.set(new Date('2027-01-06T02:00:00Z'));
    clock.advance(-1000);
    await expect(t.get(DisputesJobs).escalate({ timerId: early.id, subjectId: opened.id }, { outboxId: randomUUID(), correlationId: null, queue: QUEUES.appraisalUrgent }))
      .rejects.toThrow(/not yet/);
    expect((await t.prisma.commissionDispute.findUniqueOrThrow({ where: { id: opened.id } })).stage).toBe('MANAGER');

    clock.set(new Date('2027-01-06T02:00:00Z'));
    const manager = await fire(`commission-dispute:${opened.id}:MANAGER`);
    expect((await manager.run()).outcome).toBe('done');
    expect((await manager.run()).outcome).toBe('skipped');
    const atFinance = await t.prisma.commissionDispute.findUniqueOrThrow({ where: { id: opened.id } });
    expect([atFinance.stage, atFinance.financeDueAt?.toISOString()]).toEqual(['FINANCE', '2027-01-08T02:00:00.000Z']);
    expect(await emailsTo(`commission-dispute:${opened.id}:finance:`)).toEqual(['finance@salesflow.test']);

    clock.set(new Date('2027-01-08T02:00:00Z'));
    const finance = await fire(`commission-dispute:${opened.id}:FINANCE`);
    expect((await finance.run()).outcome).toBe('done');
    expect((await finance.run()).outcome).toBe('skipped');
    expect((await t.prisma.commissionDispute.findUniqueOrThrow({ where: { id: opened.id } })).stage).toBe('ADMIN');
    expect(await emailsTo(`commission-dispute:${opened.id}:admin:`)).toEqual([TEST_ADMIN_EMAIL]);
    const audit = await t.prisma.auditEntry.findMany({ where: { entityId: opened.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['commission-dispute.opened', 'commission-dispute.escalated', 'commission-dispute.escalated']);
  });
});

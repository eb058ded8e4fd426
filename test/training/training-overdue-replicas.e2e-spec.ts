import type { INestApplication } from '@nestjs/common';
import { idempotencyKeyOf as keyOf, waitFor, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { TimerSweeper } from '#libs/workflow';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { countByKey, engineHasPassed } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10 item 9 with SPEC principle 4 (each scheduled occurrence fires once, whatever the number
 * of replicas): an open mandatory requirement's reminder (before the due date), its escalation to
 * the manager (when the due date passes) and to the director (a working week later) fire while two
 * replicas of every service (sweeper, relay, reconciler, workers) run on one database, one set of
 * queues and one NATS queue group. Each email arrives exactly once (per idempotency key, in the
 * SMTP sink and in the ledger), none early.
 *
 * The requirements are those of training-overdue.e2e-spec.ts (due Wednesday 2027-06-30: reminder
 * Wednesday 23 June 09:00, manager Thursday 1 July, director Thursday 8 July, Shanghai). The
 * ManualClock is shared by both replicas: every requirement's step falls due at the same instant,
 * and both replicas' sweepers are also called concurrently, so they race for the same timers.
 * The manager and the director read Chinese here (training-overdue.e2e-spec.ts has them in English).
 */
const T0 = new Date('2027-06-01T02:00:00Z');
const YEAR = 2027;
const EXTRA_REPS = 10;
const REMINDER_AT = new Date('2027-06-23T01:00:00Z');
const MANAGER_AT = new Date('2027-07-01T01:00:00Z');
const DIRECTOR_AT = new Date('2027-07-08T01:00:00Z');

const extraReps = Array.from({ length: EXTRA_REPS }, (_, i) => ({
  email: `replica-rep${i}@salesflow.test`,
  name: `Replica Rep ${i}`,
  role: 'SALES_SPECIALIST' as const,
  managerEmail: ORG.manager,
  team: 'East',
  locale: (i % 2 === 0 ? 'zh-CN' : 'en') as 'zh-CN' | 'en',
}));
const PEOPLE = [ORG.rep, ORG.rep2, ...extraReps.map((r) => r.email)];

describe('training: overdue reminder and escalation once each with two replicas running', () => {
  let replica: INestApplication;
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      replica = await system.startReplica();
      await seedOrg(system);
      await addEmployees(system, [
        { email: ORG.director, name: '王总监', role: 'SALES_DIRECTOR', team: 'East', locale: 'zh-CN' },
        { email: ORG.manager, name: '李经理', role: 'SALES_MANAGER', managerEmail: ORG.director, team: 'East', locale: 'zh-CN' },
        ...extraReps,
      ]);
    },
  });

  const requirementOf = new Map<string, string>();
  const overdueMails = (step?: string): ReceivedEmail[] =>
    system.smtp.received.filter((mail) => keyOf(mail).startsWith('training-overdue:') && (step === undefined || keyOf(mail).split(':')[2] === step));
  const stepTimers = () => system.prisma.timer.findMany({ where: { kind: 'training-requirement.overdue-step', subjectId: { in: [...requirementOf.values()] } } });

  /** Moves the shared clock and makes both replicas sweep at once (their own loops sweep too). */
  async function jumpTo(at: Date): Promise<void> {
    clock.set(at);
    const sweepers = [system.app.get(TimerSweeper), replica.get(TimerSweeper)];
    expect(sweepers[0]).not.toBe(sweepers[1]);
    await Promise.all([sweepers[0].sweep(), sweepers[1].sweep(), sweepers[0].sweep(), sweepers[1].sweep()]);
  }

  /** Waits until `n` emails of the step were sent (ledger) and received (SMTP sink). */
  async function sent(step: string, n: number): Promise<void> {
    await waitFor(`${n} training-overdue ${step} emails sent`, () => system.prisma.notification.count({ where: { kind: 'training-overdue', status: 'sent', idempotencyKey: { contains: `:${step}:` } } }), (count) => count >= n, { timeoutMs: 30_000 });
    await waitFor(`${n} training-overdue ${step} emails received`, async () => overdueMails(step).length, (count) => count >= n);
  }

  it('a plan publish arms reminder, manager and director steps for each specialist', async () => {
    const courseId: string = (await system.as(ORG.hr).post('/courses').send({
      code: 'OV-201', titleZh: '反贿赂合规', titleEn: 'Anti-bribery compliance', category: 'compliance', levels: ['SALES_SPECIALIST'], durationMinutes: 90, mandatory: true,
    }).expect(201)).body.id;
    await system.as(ORG.hr).put(`/training-plans/${YEAR}`).send({
      rules: [{ course: 'OV-201', audience: { roles: ['SALES_SPECIALIST'] }, due: { date: '2027-06-30' } }],
    }).expect(200);
    for (const email of PEOPLE) {
      const employee = await system.prisma.employee.findUniqueOrThrow({ where: { email } });
      requirementOf.set(email, (await system.prisma.trainingRequirement.findFirstOrThrow({ where: { employeeId: employee.id, courseId } })).id);
    }
    const timers = await stepTimers();
    expect(timers).toHaveLength(3 * PEOPLE.length);
    expect(new Set(timers.map((t) => t.dueAt.toISOString()))).toEqual(new Set([REMINDER_AT, MANAGER_AT, DIRECTOR_AT].map((d) => d.toISOString())));
  });

  it('nothing before the reminder is due, though both replicas sweep', async () => {
    await jumpTo(new Date(REMINDER_AT.getTime() - 60_000));
    await engineHasPassed(system, clock.now());
    expect((await stepTimers()).filter((t) => t.firedAt !== null)).toEqual([]);
    expect(overdueMails()).toEqual([]);
  });

  it('the reminder: one email per person, in their language; no escalation yet', async () => {
    await jumpTo(REMINDER_AT);
    await sent('reminder', PEOPLE.length);
    await engineHasPassed(system, clock.now());
    expect(overdueMails('manager')).toEqual([]);
    const reminders = overdueMails('reminder');
    expect(reminders.map((mail) => mail.to).sort()).toEqual(PEOPLE.map((email) => [email]).sort());
    const zh = reminders.find((mail) => mail.to.includes(extraReps[0].email))!;
    expect(zh.subject).toBe('必修培训将于 2027-06-30 到期：反贿赂合规（OV-201）');
    const en = reminders.find((mail) => mail.to.includes(extraReps[1].email))!;
    expect(en.subject).toBe('Mandatory training due 2027-06-30: Anti-bribery compliance (OV-201)');
  });

  it('the escalation to the manager when the due date passes: one per requirement (in the manager\u2019s Chinese); none to the director yet', async () => {
    await jumpTo(new Date(MANAGER_AT.getTime() - 60_000));
    await engineHasPassed(system, clock.now());
    expect(overdueMails('manager')).toEqual([]);
    await jumpTo(MANAGER_AT);
    await sent('manager', PEOPLE.length);
    await engineHasPassed(system, clock.now());
    expect(overdueMails('director')).toEqual([]);
    const toManager = overdueMails('manager');
    expect(toManager.every((mail) => mail.to.length === 1 && mail.to[0] === ORG.manager)).toBe(true);
    expect(toManager.map((mail) => mail.subject)).toContain('必修培训已逾期：Ray Rep，反贿赂合规（OV-201）');
    expect(toManager.find((mail) => mail.subject.includes('Ray Rep'))!.text).toContain('2027-06-30');
  });

  it('the escalation to the director a working week later: one per requirement (in Chinese); then each email exactly once in all', async () => {
    await jumpTo(DIRECTOR_AT);
    await sent('director', PEOPLE.length);
    expect(overdueMails('director').map((mail) => mail.subject)).toContain('必修培训仍未完成：Rita Rep，反贿赂合规（OV-201）');
    expect(overdueMails('director').every((mail) => mail.to.length === 1 && mail.to[0] === ORG.director)).toBe(true);

    // Quiescence: every outbox row done; every step timer fired, once (one outbox row each).
    await waitFor('every outbox row to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0, { timeoutMs: 30_000 });
    const timers = await stepTimers();
    expect(timers.every((t) => t.firedAt !== null && t.cancelledAt === null)).toBe(true);
    const perTimer = await system.prisma.$queryRaw<{ timerId: string; n: bigint }[]>`
      SELECT payload->>'timerId' AS "timerId", count(*) AS n FROM "Outbox" WHERE payload->>'timerId' = ANY(${timers.map((t) => t.id)}) GROUP BY 1`;
    expect(perTimer).toHaveLength(timers.length);
    expect(perTimer.filter((row) => Number(row.n) !== 1)).toEqual([]);

    // The mail: one email per idempotency key, exactly the ledger's keys, three per requirement.
    const rows = await system.prisma.notification.findMany({ where: { kind: 'training-overdue' } });
    expect(rows).toHaveLength(3 * PEOPLE.length);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    const counts = countByKey(system.smtp, (mail) => keyOf(mail).startsWith('training-overdue:'));
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(new Set(counts.keys())).toEqual(new Set(rows.map((row) => row.idempotencyKey)));
    for (const [email, requirementId] of requirementOf) {
      const keys = [...counts.keys()].filter((key) => key.startsWith(`training-overdue:${requirementId}:`)).map((key) => key.split(':')[2]).sort();
      expect([email, keys]).toEqual([email, ['director', 'manager', 'reminder']]);
    }
    expect(await system.prisma.deadLetter.count()).toBe(0);
  });
});

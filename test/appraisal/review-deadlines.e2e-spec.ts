import type { INestApplication } from '@nestjs/common';
import { idempotencyKeyOf as keyOf, waitFor, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { TimerSweeper } from '#libs/workflow';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { countByKey, engineHasPassed, flushRedis } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 11 item 4's deadlines with SPEC principles 1 and 4: each review step's reminder (to whoever
 * owes it, at 3/4 of their working time before the deadline) and escalation (to the one above
 * them, at the first working moment from the deadline) fire exactly once while two replicas of
 * every service sweep the same timers, and Redis loses everything of this instance between the
 * reminders and the escalations. A step done in time is neither reminded nor escalated, and
 * nothing is ever submitted because a deadline passed.
 */
const T0 = new Date('2027-01-04T02:00:00Z'); // Monday 10:00 in Shanghai
const SELF_DEADLINE = '2027-01-15T18:00:00+08:00'; // Friday, the close of the working day
const SELF_ESCALATION = new Date('2027-01-18T01:00:00Z'); // the next working moment: Monday 09:00
const EXTRA = Array.from({ length: 6 }, (_, i) => ({
  email: `deadline-rep${i}@salesflow.test`, name: `Deadline Rep ${i}`, role: 'SALES_SPECIALIST' as const, managerEmail: ORG.manager, team: 'East',
  locale: (i % 2 === 0 ? 'zh-CN' : 'en') as 'zh-CN' | 'en',
}));
const TEMPLATE = {
  kpis: [{ kind: 'salesAttainment', weight: 50, scoring: { kind: 'linear', floor: 50, target: 100 } }, { kind: 'managerRating', weight: 50, scoring: { kind: 'linear', floor: 1, target: 5 } }],
  bands: [{ name: 'below', min: 0 }, { name: 'meets', min: 50 }],
};

describe('appraisal: review reminders and escalations once each with two replicas and a Redis flush', () => {
  let replica: INestApplication;
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      replica = await system.startReplica();
      await seedOrg(system);
      await addEmployees(system, EXTRA);
      await system.as(ORG.hr).put('/appraisal-templates/deadlines').send(TEMPLATE).expect(200);
    },
  });
  const owing = [ORG.rep2, ...EXTRA.map((e) => e.email)];
  const mails = (action: string, step: string): ReceivedEmail[] =>
    system.smtp.received.filter((mail) => keyOf(mail).startsWith('appraisal-deadline:') && keyOf(mail).split(':')[2] === step && keyOf(mail).split(':')[3] === action);
  const selfTimers = (action: string) => system.prisma.timer.findMany({ where: { kind: 'appraisal-review.deadline', uniqueKey: { endsWith: `:self:${action}` } } });

  async function jumpTo(at: Date): Promise<void> {
    clock.set(at);
    const sweepers = [system.app.get(TimerSweeper), replica.get(TimerSweeper)];
    await Promise.all([sweepers[0].sweep(), sweepers[1].sweep(), sweepers[0].sweep(), sweepers[1].sweep()]);
  }

  it('opening arms a reminder and an escalation per step and person, in the owner\u2019s working time', async () => {
    await system.as(ORG.hr).post('/appraisal-cycles').send({
      period: '2026-12', scope: { role: 'SALES_SPECIALIST' }, template: 'deadlines',
      deadlines: { self: SELF_DEADLINE, peer: '2027-01-22T18:00:00+08:00', manager: '2027-01-29T18:00:00+08:00', calibration: '2027-02-05T18:00:00+08:00' },
    }).expect(201);
    const people = 2 + EXTRA.length;
    expect(await system.prisma.timer.count({ where: { kind: 'appraisal-review.deadline' } })).toBe(people * 3 * 2);
    const reminders = await selfTimers('remind');
    // 3/4 of the 89 working hours from Monday 10:00 to the next Friday 18:00: Wednesday 13 January, 13:45.
    expect(new Set(reminders.map((t) => t.dueAt.toISOString()))).toEqual(new Set(['2027-01-13T05:45:00.000Z']));
    expect(new Set((await selfTimers('escalate')).map((t) => t.dueAt.toISOString()))).toEqual(new Set([SELF_ESCALATION.toISOString()]));
  });

  it('a self review in time cancels its reminder and escalation', async () => {
    const id = (await system.as(ORG.rep).get('/appraisals?cycle=' + (await system.prisma.appraisalCycle.findFirstOrThrow()).id).expect(200))
      .body.items.find((a: { employee: { email: string } }) => a.employee.email === ORG.rep).id;
    await system.as(ORG.rep).post(`/appraisals/${id}/self-review`).send({ comment: 'Done early' }).expect(200);
    const mine = await system.prisma.timer.findMany({ where: { subjectId: id, uniqueKey: { contains: ':self:' } } });
    expect(mine.map((t) => t.cancelledAt !== null)).toEqual([true, true]);
  });

  it('the self reminders: one to each person still owing it, in their language, none early', async () => {
    const due = (await selfTimers('remind'))[0].dueAt;
    await jumpTo(new Date(due.getTime() - 60_000));
    await engineHasPassed(system, clock.now());
    expect(mails('remind', 'self')).toEqual([]);
    await jumpTo(due);
    await waitFor('a self reminder to each person owing it', async () => mails('remind', 'self').length, (n) => n >= owing.length);
    await engineHasPassed(system, clock.now());
    expect(mails('remind', 'self').map((m) => m.to[0]).sort()).toEqual([...owing].sort());
    expect(mails('remind', 'self').find((m) => m.to[0] === EXTRA[0].email)!.subject).toBe('提醒：您 2026-12 的自评');
    expect(mails('remind', 'self').find((m) => m.to[0] === EXTRA[1].email)!.subject).toBe('Reminder: your self review for 2026-12');
  });

  it('Redis loses everything; the escalations still go to the manager once per person, at Monday 09:00 and not before', async () => {
    await flushRedis(system);
    await jumpTo(new Date('2027-01-15T10:00:00Z')); // the deadline itself, Friday 18:00: after working hours
    await engineHasPassed(system, clock.now());
    expect(mails('escalate', 'self')).toEqual([]);
    await jumpTo(SELF_ESCALATION);
    await waitFor('a self escalation per person owing it', async () => mails('escalate', 'self').length, (n) => n >= owing.length);
    await engineHasPassed(system, clock.now());
    const escalations = mails('escalate', 'self');
    expect(escalations.every((m) => m.to.length === 1 && m.to[0] === ORG.manager)).toBe(true);
    expect(escalations.map((m) => m.subject)).toContain('Overdue: the self review of Rita Rep (2026-12)');
    expect(escalations.find((m) => m.subject.includes('Rita Rep'))!.text).toContain('Nothing is submitted or approved on anyone\u2019s behalf');
  });

  it('each email exactly once, each timer fired once, and no appraisal moved by a deadline', async () => {
    await waitFor('every outbox row to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0, { timeoutMs: 30_000 });
    const counts = countByKey(system.smtp, (mail) => keyOf(mail).startsWith('appraisal-deadline:'));
    expect(counts.size).toBe(owing.length * 2);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const fired = [...(await selfTimers('remind')), ...(await selfTimers('escalate'))].filter((t) => t.firedAt !== null);
    const perTimer = await system.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Outbox" WHERE payload->>'timerId' = ANY(${fired.map((t) => t.id)}) GROUP BY payload->>'timerId'`;
    expect(perTimer).toHaveLength(owing.length * 2);
    expect(perTimer.every((row) => Number(row.n) === 1)).toBe(true);
    const statuses = await system.prisma.appraisal.groupBy({ by: ['status'], _count: true });
    expect(statuses.map((s) => [s.status, s._count]).sort()).toEqual([['PEER_REVIEW', 1], ['SELF_REVIEW', owing.length]].sort());
  });
});

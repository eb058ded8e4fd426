import { idempotencyKeyOf as keyOf, waitFor, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { countByKey, engineHasPassed, flushRedis, ledger } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10 item 7 with SPEC principle 1 (Postgres is the system of record, Redis is transport):
 * session reminders (the training policy's 7 days, 1 day and 1 hour before) are armed, then Redis
 * loses everything of this instance, three times: while nothing is due, while a reminder waits for
 * its retry after a 451, and at the instant the last reminders fall due. Every reminder email
 * still arrives exactly once, and none before its time.
 *
 * As in test/reliability/redis-flush.e2e-spec.ts, all test files share one Redis, so instead of
 * FLUSHDB this deletes every key under this system's QUEUE_PREFIX (queues, jobs, the reconciler's
 * sentinel): the same loss, for this instance only. The clock is a ManualClock: a reminder fires
 * when the test moves time.
 *
 * The session is Thursday 2027-05-20 09:00 in Shanghai (01:00Z): reminders at 2027-05-13 01:00Z,
 * 2027-05-19 01:00Z and 2027-05-20 00:00Z.
 */
const T0 = new Date('2027-05-03T02:00:00Z');
const TRAINER = 'coach@salesflow.test';
const REP3 = 'rep3@salesflow.test';
const ATTENDEES = [ORG.rep, ORG.rep2, REP3];
const OFFSETS = [
  { before: 'P7D', dueAt: new Date('2027-05-13T01:00:00Z') },
  { before: 'P1D', dueAt: new Date('2027-05-19T01:00:00Z') },
  { before: 'PT1H', dueAt: new Date('2027-05-20T00:00:00Z') },
];

describe('training: a Redis flush with every reminder still sent once', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: TRAINER, name: 'Cora Coach', role: 'HR' },
        { email: REP3, name: 'Wang Fang', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', locale: 'zh-CN' },
      ]);
    },
  });

  let sessionId = '';
  const enrollmentOf = new Map<string, string>();
  const reminderMails = (before?: string): ReceivedEmail[] =>
    system.smtp.received.filter((mail) => keyOf(mail).startsWith(`training-reminder:${sessionId}:`) && (before === undefined || keyOf(mail).split(':')[3] === before));

  /** The clock a minute short of `at`: once the engine has passed that, nothing due at `at` may have been sent. */
  async function notBefore(at: Date, before: string): Promise<void> {
    clock.set(new Date(at.getTime() - 60_000));
    await engineHasPassed(system, clock.now());
    expect(reminderMails(before)).toEqual([]);
    const fired = await system.prisma.timer.count({ where: { kind: 'training.remind', subjectId: { in: [...enrollmentOf.values()] }, uniqueKey: { contains: `:${before}:` }, firedAt: { not: null } } });
    expect(fired).toBe(0);
  }

  async function received(before: string): Promise<ReceivedEmail[]> {
    return waitFor(`the ${before} reminder to each attendee`, async () => reminderMails(before), (mails) => mails.length >= ATTENDEES.length, { timeoutMs: 40_000 });
  }

  it('arms the policy\u2019s three reminders for each attendee; the invitations go out; Redis is emptied while nothing is due', async () => {
    await system.as(ORG.hr).put('/training-policy').send({ remindersBefore: OFFSETS.map((o) => o.before), digestWeekday: 1, digestLocalTime: '09:00' }).expect(200);
    const courseId: string = (await system.as(ORG.hr).post('/courses').send({
      code: 'RF-101', titleZh: '客户拜访', titleEn: 'Customer visits', category: 'sales_skills', levels: ['SALES_SPECIALIST'], durationMinutes: 120, mandatory: false,
    }).expect(201)).body.id;
    sessionId = (await system.as(ORG.hr).post('/sessions').send({
      courseId, startsAt: '2027-05-20T01:00:00Z', endsAt: '2027-05-20T03:00:00Z', timezone: 'Asia/Shanghai', place: 'Room 3A', trainer: TRAINER, capacity: 5,
    }).expect(201)).body.id;
    for (const email of ATTENDEES) {
      enrollmentOf.set(email, (await system.as(ORG.hr).post(`/sessions/${sessionId}/enrollments`).send({ employeeEmail: email }).expect(201)).body.id);
    }
    const timers = await system.prisma.timer.findMany({ where: { kind: 'training.remind', subjectId: { in: [...enrollmentOf.values()] } } });
    expect(timers).toHaveLength(OFFSETS.length * ATTENDEES.length);
    expect(new Set(timers.map((t) => t.dueAt.toISOString()))).toEqual(new Set(OFFSETS.map((o) => o.dueAt.toISOString())));

    await waitFor('the invitations', async () => system.smtp.received.filter((mail) => keyOf(mail).startsWith(`training-invitation:${sessionId}:`)).length, (n) => n === 1 + ATTENDEES.length);
    await flushRedis(system);
  });

  it('the 7-day reminder: not a minute early, then once to each attendee', async () => {
    await notBefore(OFFSETS[0].dueAt, 'P7D');
    clock.set(OFFSETS[0].dueAt);
    const mails = await received('P7D');
    expect(mails.find((mail) => mail.to.includes(REP3))!.subject).toBe('培训提醒：客户拜访（RF-101）');
    expect(mails.find((mail) => mail.to.includes(ORG.rep))!.subject).toBe('Training reminder: Customer visits (RF-101)');
  });

  it('the 1-day reminder: Redis is emptied while one of them waits for its retry after a 451; it still arrives, once', async () => {
    await notBefore(OFFSETS[1].dueAt, 'P1D');
    system.smtp.respondWith(({ to }) => (to.includes(REP3) ? { code: 451, message: '4.3.0 Mailbox busy, try again later' } : undefined));
    try {
      clock.set(OFFSETS[1].dueAt);
      const key = `training-reminder:${sessionId}:0:P1D:${enrollmentOf.get(REP3)}`;
      const retrying = await waitFor(
        'Wang Fang\u2019s 1-day reminder to be retrying after a 451',
        async () => (await ledger(system, { recipient: REP3, kind: 'training-reminder' })).find((row) => row.idempotencyKey === key),
        (row) => row?.status === 'retrying' && row.attempts >= 1,
      );
      expect(retrying!.lastError).toContain('451');
      await flushRedis(system);
    } finally {
      system.smtp.acceptAll();
    }
    await received('P1D');
  });

  it('the 1-hour reminder: Redis is emptied the moment it falls due; it still arrives, once', async () => {
    await notBefore(OFFSETS[2].dueAt, 'PT1H');
    clock.set(OFFSETS[2].dueAt);
    await flushRedis(system);
    await received('PT1H');
  });

  it('in all: each reminder exactly once (per idempotency key, in the SMTP sink and in the ledger), each timer fired once', async () => {
    await waitFor('every outbox row to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0, { timeoutMs: 30_000 });
    const rows = await system.prisma.notification.findMany({ where: { kind: 'training-reminder' } });
    expect(rows).toHaveLength(OFFSETS.length * ATTENDEES.length);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    const counts = countByKey(system.smtp, (mail) => keyOf(mail).startsWith('training-reminder:'));
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(new Set(counts.keys())).toEqual(new Set(rows.map((row) => row.idempotencyKey)));
    expect(reminderMails()).toHaveLength(OFFSETS.length * ATTENDEES.length);

    const timers = await system.prisma.timer.findMany({ where: { kind: 'training.remind', subjectId: { in: [...enrollmentOf.values()] } } });
    expect(timers.every((t) => t.firedAt !== null)).toBe(true);
    const perTimer = await system.prisma.$queryRaw<{ timerId: string; n: bigint }[]>`
      SELECT payload->>'timerId' AS "timerId", count(*) AS n FROM "Outbox" WHERE payload->>'timerId' = ANY(${timers.map((t) => t.id)}) GROUP BY 1`;
    expect(perTimer).toHaveLength(timers.length);
    expect(perTimer.filter((row) => Number(row.n) !== 1)).toEqual([]);
    expect(await system.prisma.deadLetter.count()).toBe(0);
  });
});

import { OutboxSignal } from '#libs/database';
import { idempotencyKeyOf as keyOf, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { engineIdle } from '../followup/engine-idle.js';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10 item 9, the Monday digest: every Monday at 09:00 in the manager's own zone, each
 * manager with a team gets exactly one digest (bulk queue) with completion by person, what is
 * overdue and sessions of the next 14 days with free seats; a non-manager gets none. Two replicas
 * of every service run the file on one database and one ManualClock, and the digest job is run a
 * second time on purpose: still one email per manager and Monday.
 *
 * Mia (Shanghai, en) manages Ray and Rita; Nora (New York, zh-CN) manages Ned (New York); Dana
 * the director manages Mia and Nora, who have no requirements: she gets the short form.
 */
const T0 = new Date('2027-03-03T02:00:00Z'); // Wednesday 10:00 in Shanghai
const YEAR = 2027;
const NY_BOSS = 'nyboss@salesflow.test';
const NY_REP = 'nyrep@salesflow.test';
const MONDAY = '2027-03-08';
const SHANGHAI_MONDAY_0900 = '2027-03-08T01:00:00Z';
const NEW_YORK_MONDAY_0900 = '2027-03-08T14:00:00Z'; // EST
const NEW_YORK_NEXT_MONDAY_0900 = '2027-03-15T13:00:00Z'; // EDT since 2027-03-14

describe('training: the Monday digest', () => {
  const clock = new ManualClock(T0);
  const id: Record<string, string> = {};
  let freeSessionId = '';
  const system = useTestSystem({
    clock,
    async setUp() {
      await system.startReplica();
      await seedOrg(system);
      await addEmployees(system, [
        { email: NY_BOSS, name: 'Nora North', role: 'SALES_MANAGER', managerEmail: ORG.director, team: 'West', timezone: 'America/New_York', locale: 'zh-CN' },
        { email: NY_REP, name: 'Ned North', role: 'SALES_SPECIALIST', managerEmail: NY_BOSS, team: 'West', timezone: 'America/New_York' },
      ]);
      for (const email of [ORG.director, ORG.manager, ORG.rep, ORG.rep2, NY_BOSS, NY_REP]) {
        id[email] = (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id;
      }
    },
  });

  const digestsOf = (email: string): ReceivedEmail[] => system.smtp.received.filter((mail) => keyOf(mail).startsWith(`training-digest:${id[email]}:`));
  const allDigests = () => system.smtp.received.filter((mail) => keyOf(mail).startsWith('training-digest:'));
  async function moveTo(iso: string, description: string) {
    clock.set(new Date(iso));
    await engineIdle(system, clock, description);
  }

  it('arms one link per manager (an employee with a direct report) at Monday 09:00 in the manager\u2019s zone; none for anyone else', async () => {
    await engineIdle(system, clock, 'the start');
    const links = await system.prisma.timer.findMany({ where: { kind: 'training.digest', firedAt: null, cancelledAt: null }, orderBy: { dueAt: 'asc' } });
    expect(links.map((t) => [t.subjectId, t.uniqueKey, t.dueAt.toISOString()])).toEqual(expect.arrayContaining([
      [id[ORG.director], `training-digest:${id[ORG.director]}:${MONDAY}`, new Date(SHANGHAI_MONDAY_0900).toISOString()],
      [id[ORG.manager], `training-digest:${id[ORG.manager]}:${MONDAY}`, new Date(SHANGHAI_MONDAY_0900).toISOString()],
      [id[NY_BOSS], `training-digest:${id[NY_BOSS]}:${MONDAY}`, new Date(NEW_YORK_MONDAY_0900).toISOString()],
    ]));
    expect(links).toHaveLength(3);
  });

  it('a completed, an open and an overdue requirement, and sessions: one with free seats, one full, one too far ahead', async () => {
    for (const [code, titleEn, titleZh] of [['DG-OVD', 'Compliance basics', '合规基础'], ['DG-NEW', 'Negotiation', '谈判技巧']]) {
      await system.as(ORG.hr).post('/courses').send({
        code, titleZh, titleEn, category: 'sales_skills', levels: ['SALES_SPECIALIST'], durationMinutes: 120, mandatory: true,
      }).expect(201);
    }
    const courseId = async (code: string) => (await system.prisma.course.findUniqueOrThrow({ where: { code } })).id;
    await system.as(ORG.hr).put(`/training-plans/${YEAR}`).send({
      rules: [
        { course: 'DG-OVD', audience: { roles: ['SALES_SPECIALIST'] }, due: { date: '2027-03-01' } },
        { course: 'DG-NEW', audience: { roles: ['SALES_SPECIALIST'] }, due: { date: '2027-06-30' } },
      ],
    }).expect(200);
    const session = async (code: string, startsAt: string, endsAt: string, capacity: number) => (await system.as(ORG.hr).post('/sessions').send({
      courseId: await courseId(code), startsAt, endsAt, timezone: 'Asia/Shanghai', place: 'Room 3A', trainer: ORG.hr, capacity,
    }).expect(201)).body.id as string;
    // Rita completes DG-OVD today (present at a course without an assessment).
    const today = await session('DG-OVD', '2027-03-03T03:00:00Z', '2027-03-03T05:00:00Z', 5);
    const enrollmentId = (await system.as(ORG.hr).post(`/sessions/${today}/enrollments`).send({ employeeEmail: ORG.rep2 }).expect(201)).body.id;
    freeSessionId = await session('DG-NEW', '2027-03-10T06:00:00Z', '2027-03-10T08:00:00Z', 3);
    // Ned holds the only seat of this one: full, and his requirement is met by it.
    const full = await session('DG-NEW', '2027-03-11T06:00:00Z', '2027-03-11T08:00:00Z', 1);
    await system.as(ORG.hr).post(`/sessions/${full}/enrollments`).send({ employeeEmail: NY_REP }).expect(201);
    await session('DG-NEW', '2027-03-29T06:00:00Z', '2027-03-29T08:00:00Z', 10); // beyond 14 days from Monday
    clock.set(new Date('2027-03-03T05:30:00Z'));
    await system.as(ORG.hr).post(`/sessions/${today}/attendance`).send({ records: [{ enrollmentId, status: 'present' }] }).expect(200);
    await moveTo('2027-03-03T05:30:00Z', 'the set-up');
    expect(allDigests()).toEqual([]);
  });

  it('guarantee: nothing before 09:00 Monday; at 09:00 Shanghai each Shanghai manager gets exactly one digest, in en, with the right content', async () => {
    await moveTo('2027-03-08T00:59:59Z', 'Monday 08:59:59 in Shanghai');
    expect(allDigests()).toEqual([]);
    await moveTo(SHANGHAI_MONDAY_0900, 'Monday 09:00 in Shanghai');
    expect(digestsOf(ORG.manager).map(keyOf)).toEqual([`training-digest:${id[ORG.manager]}:${MONDAY}`]);
    expect(digestsOf(ORG.director)).toHaveLength(1);
    expect(digestsOf(NY_BOSS)).toEqual([]);

    const [mail] = digestsOf(ORG.manager);
    expect(mail.to).toEqual([ORG.manager]);
    expect(mail.subject).toBe(`Team training for the week of ${MONDAY}: overdue 1, sessions with free seats 1`);
    expect(mail.text).toContain('Hello Mia Manager,');
    expect(mail.text).toContain('- Ray Rep (rep@salesflow.test) | Requirements: 2 | Completed: 0 | Open: 2 | Of which overdue: 1');
    expect(mail.text).toContain('- Rita Rep (rep2@salesflow.test) | Requirements: 2 | Completed: 1 | Open: 1 | Of which overdue: 0');
    expect(mail.text).toContain('Overdue (1)');
    expect(mail.text).toContain('- Ray Rep | Compliance basics (DG-OVD) | Due by: 2027-03-01 | Late: 7 days');
    expect(mail.text).toContain('Sessions with free seats in the next 14 days (1)');
    expect(mail.text).toContain(`- Negotiation (DG-NEW) | Starts: 2027-03-10 14:00 (Asia/Shanghai) | Where: Room 3A | Free seats: 3 | Still needed by: Ray Rep, Rita Rep | ${freeSessionId}`);
    expect(mail.text).not.toContain('2027-03-11');
    expect(mail.text).not.toContain('2027-03-29');

    const [short] = digestsOf(ORG.director);
    expect(short.text).toContain('None of the 2 people who report to you has a training requirement for 2027');
    expect(short.text).not.toContain('By person');
  });

  it('guarantee: at 09:00 EST the New York manager gets hers, in zh-CN, times in her zone; the full session and a met requirement are not offered', async () => {
    await moveTo('2027-03-08T13:59:59Z', 'Monday 08:59:59 in New York');
    expect(digestsOf(NY_BOSS)).toEqual([]);
    await moveTo(NEW_YORK_MONDAY_0900, 'Monday 09:00 EST');
    const [mail] = digestsOf(NY_BOSS);
    expect(digestsOf(NY_BOSS)).toHaveLength(1);
    expect(mail.to).toEqual([NY_BOSS]);
    expect(mail.subject).toBe(`${MONDAY} 当周团队培训：逾期 1 项，0 个场次有空位`);
    expect(mail.text).toContain('- Ned North (nyrep@salesflow.test) | 培训要求：2 | 已完成：0 | 未完成：2 | 其中逾期：1');
    expect(mail.text).toContain('- Ned North | 合规基础 (DG-OVD) | 截止日期：2027-03-01 | 逾期：7 天');
    expect(mail.text).toContain('未来 14 天内，下属仍需参加的课程没有尚有空位的场次。');
  });

  it('guarantee: exactly one digest per manager and Monday, with two replicas and the job run a second time; none to anyone without a team', async () => {
    const fired = await system.prisma.timer.findMany({ where: { kind: 'training.digest', firedAt: { not: null } } });
    expect(fired).toHaveLength(3);
    // The same batch again, as a redelivery would.
    await system.prisma.outbox.create({ data: { queue: 'training-bulk', jobName: 'training.digest', payload: { timerIds: fired.map((t) => t.id) } } });
    system.app.get(OutboxSignal).notify();
    await moveTo(NEW_YORK_MONDAY_0900, 'the digest job run a second time');
    const keys = allDigests().map(keyOf);
    expect(keys.sort()).toEqual([ORG.director, ORG.manager, NY_BOSS].map((email) => `training-digest:${id[email]}:${MONDAY}`).sort());
    const ledger = await system.prisma.notification.findMany({ where: { kind: 'training-digest' } });
    expect(ledger.map((row) => row.idempotencyKey).sort()).toEqual([...keys].sort());
    for (const email of [ORG.rep, ORG.rep2, NY_REP, ORG.hr, ORG.finance]) expect(system.smtp.to(email).filter((mail) => keyOf(mail).startsWith('training-digest:'))).toEqual([]);
  });

  it('guarantee: each fired link arms next Monday\u2019s, 09:00 local across the New York daylight-saving change (13:00Z in EDT)', async () => {
    const next = await system.prisma.timer.findMany({ where: { kind: 'training.digest', firedAt: null, cancelledAt: null } });
    expect(Object.fromEntries(next.map((t) => [t.subjectId, [t.uniqueKey, t.dueAt.toISOString()]]))).toEqual({
      [id[ORG.director]]: [`training-digest:${id[ORG.director]}:2027-03-15`, '2027-03-15T01:00:00.000Z'],
      [id[ORG.manager]]: [`training-digest:${id[ORG.manager]}:2027-03-15`, '2027-03-15T01:00:00.000Z'],
      [id[NY_BOSS]]: [`training-digest:${id[NY_BOSS]}:2027-03-15`, new Date(NEW_YORK_NEXT_MONDAY_0900).toISOString()],
    });
    await moveTo(NEW_YORK_NEXT_MONDAY_0900, 'the next Monday 09:00 EDT');
    expect(digestsOf(NY_BOSS).map(keyOf)).toEqual([`training-digest:${id[NY_BOSS]}:${MONDAY}`, `training-digest:${id[NY_BOSS]}:2027-03-15`]);
  });

  it('a new manager (the directory change) gets a link; a policy change moves every next digest to the new weekday and time', async () => {
    await addEmployees(system, [{ email: 'new.rep@salesflow.test', name: 'Nick New', role: 'SALES_SPECIALIST', managerEmail: ORG.rep, team: 'East' }]);
    await engineIdle(system, clock, 'the directory change');
    const ray = await system.prisma.timer.findMany({ where: { kind: 'training.digest', subjectId: id[ORG.rep], firedAt: null, cancelledAt: null } });
    expect(ray.map((t) => [t.uniqueKey, t.dueAt.toISOString()])).toEqual([[`training-digest:${id[ORG.rep]}:2027-03-22`, '2027-03-22T01:00:00.000Z']]);

    await system.as(ORG.hr).put('/training-policy').send({ remindersBefore: ['P1D'], digestWeekday: 5, digestLocalTime: '16:30' }).expect(200);
    await engineIdle(system, clock, 'the policy change');
    const pending = await system.prisma.timer.findMany({ where: { kind: 'training.digest', firedAt: null, cancelledAt: null } });
    expect(Object.fromEntries(pending.map((t) => [t.subjectId, t.dueAt.toISOString()]))).toEqual({
      [id[ORG.director]]: '2027-03-19T08:30:00.000Z',
      [id[ORG.manager]]: '2027-03-19T08:30:00.000Z',
      [id[ORG.rep]]: '2027-03-19T08:30:00.000Z',
      [id[NY_BOSS]]: '2027-03-19T20:30:00.000Z',
    });
  });
});

import { idempotencyKeyOf as keyOf, waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10 item 9: overdue mandatory training, through HTTP, the timers, the outbox, BullMQ, the
 * notifier and SMTP. A mandatory course is due Wednesday 2027-06-30: each specialist is reminded
 * five working days before at 09:00 in their own zone (Wednesday 23 June), their manager is told
 * on Thursday 1 July at 09:00, the director on Thursday 8 July; each once, none for the one who
 * completed it in between.
 */
const T0 = new Date('2027-06-01T02:00:00Z');
const YEAR = 2027;
const TRAINER = 'coach@salesflow.test';
const REP3 = 'rep3@salesflow.test';

describe('training: overdue mandatory training', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: TRAINER, name: 'Cora Coach', role: 'HR' },
        { email: REP3, name: 'Wang Fang', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', locale: 'zh-CN' },
        { email: ORG.rep2, name: 'Rita Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', timezone: 'Europe/Berlin' },
      ]);
    },
  });

  const mailKeyed = (key: string, to: string) => system.smtp.waitForEmail(`an email keyed ${key} to ${to}`, (mail) => keyOf(mail).startsWith(key) && mail.to.includes(to));
  const mailsKeyed = (key: string) => system.smtp.received.filter((mail) => keyOf(mail).startsWith(key));
  const requirementOf = new Map<string, string>();
  let courseId = '';

  async function stepsOf(email: string): Promise<string[]> {
    const timers = await system.prisma.timer.findMany({ where: { kind: 'training-requirement.overdue-step', subjectId: requirementOf.get(email) }, orderBy: { dueAt: 'asc' } });
    return timers.map((t) => `${t.uniqueKey.split(':')[3]} ${t.dueAt.toISOString()}`);
  }
  /** Waits until every step timer of the requirement due by now has run to an outcome (sent or skipped). */
  async function settled(email: string, steps: number): Promise<void> {
    const timerIds = (await system.prisma.timer.findMany({ where: { subjectId: requirementOf.get(email), kind: 'training-requirement.overdue-step' } })).map((t) => t.id);
    await waitFor(`${steps} overdue steps of ${email} done`, async () => {
      const rows = await system.prisma.outbox.findMany({ where: { jobName: 'training-requirement.overdue-step', doneAt: { not: null } } });
      return rows.filter((row) => timerIds.includes((row.payload as { timerId?: string }).timerId ?? '')).length;
    }, (done) => done >= steps);
  }

  it('publishing a plan arms the three steps of each mandatory requirement, in the person\u2019s zone; none for an optional course', async () => {
    courseId = (await system.as(ORG.hr).post('/courses').send({
      code: 'OV-101', titleZh: '合规基础', titleEn: 'Compliance basics', category: 'compliance', levels: ['SALES_SPECIALIST'], durationMinutes: 120, mandatory: true,
    }).expect(201)).body.id;
    await system.as(ORG.hr).post('/courses').send({
      code: 'OPT-1', titleZh: '选修', titleEn: 'Optional', category: 'sales_skills', levels: ['SALES_SPECIALIST'], durationMinutes: 60, mandatory: false,
    }).expect(201);
    await system.as(ORG.hr).put(`/training-plans/${YEAR}`).send({
      rules: [
        { course: 'OV-101', audience: { roles: ['SALES_SPECIALIST'] }, due: { date: '2027-06-30' } },
        { course: 'OPT-1', audience: { roles: ['SALES_SPECIALIST'] }, due: { date: '2027-06-30' } },
      ],
    }).expect(200);
    for (const email of [ORG.rep, ORG.rep2, REP3]) {
      const employee = await system.prisma.employee.findUniqueOrThrow({ where: { email } });
      requirementOf.set(email, (await system.prisma.trainingRequirement.findFirstOrThrow({ where: { employeeId: employee.id, courseId } })).id);
    }
    expect(await stepsOf(ORG.rep)).toEqual(['reminder 2027-06-23T01:00:00.000Z', 'manager 2027-07-01T01:00:00.000Z', 'director 2027-07-08T01:00:00.000Z']);
    expect(await stepsOf(ORG.rep2)).toEqual(['reminder 2027-06-23T07:00:00.000Z', 'manager 2027-07-01T07:00:00.000Z', 'director 2027-07-08T07:00:00.000Z']);
    expect(await system.prisma.timer.count({ where: { kind: 'training-requirement.overdue-step' } })).toBe(3 * 3);
  });

  it('reminds each person at 09:00 in their own zone, in their language, never early', async () => {
    clock.set(new Date('2027-06-23T01:00:00Z'));
    const zh = await mailKeyed(`training-overdue:${requirementOf.get(REP3)}:reminder:`, REP3);
    expect(zh.subject).toBe('必修培训将于 2027-06-30 到期：合规基础（OV-101）');
    const en = await mailKeyed(`training-overdue:${requirementOf.get(ORG.rep)}:reminder:`, ORG.rep);
    expect(en.subject).toBe('Mandatory training due 2027-06-30: Compliance basics (OV-101)');
    // Rita's is 09:00 in Berlin: not yet.
    expect(mailsKeyed(`training-overdue:${requirementOf.get(ORG.rep2)}:`)).toHaveLength(0);
    clock.set(new Date('2027-06-23T07:00:00Z'));
    await mailKeyed(`training-overdue:${requirementOf.get(ORG.rep2)}:reminder:`, ORG.rep2);
  });

  it('escalates to the manager once when the due date passes; not for the one who completed it', async () => {
    // Rita attends a session (a course without an assessment: present completes it).
    clock.set(new Date('2027-06-23T08:00:00Z'));
    const session = (await system.as(ORG.hr).post('/sessions').send({
      courseId, startsAt: '2027-06-24T01:00:00Z', endsAt: '2027-06-24T03:00:00Z', timezone: 'Asia/Shanghai', place: 'Room 3A', trainer: TRAINER, capacity: 5,
    }).expect(201)).body;
    const enrollmentId = (await system.as(ORG.hr).post(`/sessions/${session.id}/enrollments`).send({ employeeEmail: ORG.rep2 }).expect(201)).body.id;
    clock.set(new Date('2027-06-24T03:00:00Z'));
    await system.as(TRAINER).post(`/sessions/${session.id}/attendance`).send({ records: [{ enrollmentId, status: 'present' }] }).expect(200);
    expect((await system.prisma.trainingRequirement.findUniqueOrThrow({ where: { id: requirementOf.get(ORG.rep2) } })).status).toBe('COMPLETED');

    clock.set(new Date('2027-07-01T08:00:00Z'));
    const told = await mailKeyed(`training-overdue:${requirementOf.get(ORG.rep)}:manager:`, ORG.manager);
    expect(told.subject).toBe('Mandatory training overdue: Ray Rep, Compliance basics (OV-101)');
    expect(told.text).toContain('was due by 2027-06-30');
    await mailKeyed(`training-overdue:${requirementOf.get(REP3)}:manager:`, ORG.manager);
    await settled(ORG.rep2, 2);
    expect(mailsKeyed(`training-overdue:${requirementOf.get(ORG.rep2)}:manager:`)).toHaveLength(0);
  });

  it('escalates to the nearest sales director after a further five working days, once; each step once in all', async () => {
    clock.set(new Date('2027-07-08T08:00:00Z'));
    const told = await mailKeyed(`training-overdue:${requirementOf.get(ORG.rep)}:director:`, ORG.director);
    expect(told.subject).toBe('Mandatory training still overdue: Ray Rep, Compliance basics (OV-101)');
    await mailKeyed(`training-overdue:${requirementOf.get(REP3)}:director:`, ORG.director);
    await settled(ORG.rep2, 3);
    await settled(ORG.rep, 3);
    await settled(REP3, 3);
    for (const email of [ORG.rep, REP3]) {
      for (const step of ['reminder', 'manager', 'director']) expect(mailsKeyed(`training-overdue:${requirementOf.get(email)}:${step}:`)).toHaveLength(1);
    }
    // training.overdue reached appraisal once per overdue requirement (with the manager's step), none for the completed one.
    const overdue = await waitFor('two training.overdue outcomes in appraisal', () => system.prisma.appraisalTrainingOutcome.findMany({ where: { kind: 'OVERDUE' } }), (rows) => rows.length >= 2);
    expect(overdue.map((o) => o.requirementId).sort()).toEqual([requirementOf.get(ORG.rep), requirementOf.get(REP3)].sort());
    expect(overdue.map((o) => o.dueOn?.toISOString().slice(0, 10))).toEqual(['2027-06-30', '2027-06-30']);
    expect(mailsKeyed(`training-overdue:${requirementOf.get(ORG.rep2)}:`).map(keyOf)).toEqual([expect.stringContaining(':reminder:')]);
  });

  it('a new due date arms a new set of steps (its key names the date); a completed requirement gets none; no email is sent twice', async () => {
    await system.as(ORG.hr).put(`/training-plans/${YEAR}`).send({
      rules: [{ course: 'OV-101', audience: { roles: ['SALES_SPECIALIST'] }, due: { date: '2027-07-30' } }],
    }).expect(200);
    // Due Friday 30 July: reminded Friday 23 July, overdue from Monday 2 August, the director a week later.
    expect((await stepsOf(ORG.rep)).slice(3)).toEqual(['reminder 2027-07-23T01:00:00.000Z', 'manager 2027-08-02T01:00:00.000Z', 'director 2027-08-09T01:00:00.000Z']);
    expect(await stepsOf(ORG.rep2)).toHaveLength(3);
    const before = mailsKeyed('training-overdue:').length;
    clock.set(new Date('2027-08-09T08:00:00Z'));
    await settled(ORG.rep, 6);
    await settled(REP3, 6);
    // The ledger keys name requirement, step and recipient: each step's email went once, ever
    // (the managers' Monday digests meanwhile are another kind, test/training/training-digest).
    expect(mailsKeyed('training-overdue:').length).toBe(before);
    // Three for each of the two who never completed it, Rita's reminder.
    expect(await system.prisma.notification.count({ where: { kind: 'training-overdue' } })).toBe(7);
  });
});

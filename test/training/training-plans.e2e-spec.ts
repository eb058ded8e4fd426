import { waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10 item 3: annual training plans by level, through HTTP, NATS, the outbox and BullMQ.
 * The clock stands on Thursday 2027-05-06 10:00 in Shanghai. Employees' joining dates are their
 * rows' createdAt (the wall clock, before 2027), so a due date counted from joining has passed.
 */
const T0 = new Date('2027-05-06T02:00:00Z');
const YEAR = 2027;
const CS = 'cs@salesflow.test';
const REP_WEST = 'rep-west@salesflow.test';
const NEW_HIRE = 'new-hire@salesflow.test';
const TRAINER = 'trainer@salesflow.test';

const course = (code: string, category: string) => ({
  code, titleZh: code, titleEn: code, category, levels: ['SALES_SPECIALIST', 'CUSTOMER_SERVICE', 'SALES_MANAGER'], durationMinutes: 120, mandatory: true,
});

const PLAN_V1 = {
  rules: [
    { course: 'PK-101', audience: { roles: ['SALES_SPECIALIST'] }, due: { date: '2027-06-30' } },
    { course: 'SS-201', audience: { teams: ['East'], when: 'role != "SALES_DIRECTOR"' }, due: { date: '2027-09-30' } },
    { course: 'CRM-301', audience: { roles: ['CUSTOMER_SERVICE'] }, due: { withinWorkingDaysOfJoining: 10 } },
  ],
};
// PK-101 narrowed to the East team and due later; SS-201 dropped; CRM-301 unchanged.
const PLAN_V2 = {
  rules: [
    { course: 'PK-101', audience: { roles: ['SALES_SPECIALIST'], teams: ['East'] }, due: { date: '2027-07-31' } },
    { course: 'CRM-301', audience: { roles: ['CUSTOMER_SERVICE'] }, due: { withinWorkingDaysOfJoining: 10 } },
  ],
};

describe('training plans by level', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: CS, name: 'Cai Service', role: 'CUSTOMER_SERVICE', managerEmail: ORG.manager, team: 'East' },
        { email: REP_WEST, name: 'Wes West', role: 'SALES_SPECIALIST', managerEmail: ORG.director, team: 'West' },
        { email: TRAINER, name: 'Tara Trainer', role: 'HR' },
      ]);
      for (const [code, category] of [['PK-101', 'product_knowledge'], ['SS-201', 'sales_skills'], ['CRM-301', 'customer_relationship']]) {
        await system.as(ORG.hr).post('/courses').send(course(code, category)).expect(201);
      }
    },
  });

  const ids = new Map<string, string>();
  let sessionId = '';
  async function idOf(email: string): Promise<string> {
    if (!ids.has(email)) ids.set(email, (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id);
    return ids.get(email)!;
  }
  async function courseId(code: string): Promise<string> {
    return (await system.prisma.course.findUniqueOrThrow({ where: { code } })).id;
  }
  /** The year's requirements as "email course STATUS dueOn", sorted. */
  async function requirements(): Promise<string[]> {
    const rows = await system.prisma.trainingRequirement.findMany({ where: { year: YEAR } });
    const employees = new Map((await system.prisma.employee.findMany()).map((e) => [e.id, e.email]));
    const courses = new Map((await system.prisma.course.findMany()).map((c) => [c.id, c.code]));
    return rows.map((r) => `${employees.get(r.employeeId)} ${courses.get(r.courseId)} ${r.status}${r.status === 'WITHDRAWN' ? '' : ` ${r.dueOn.toISOString().slice(0, 10)}`}`).sort();
  }
  async function requirement(email: string, code: string) {
    return system.prisma.trainingRequirement.findUnique({ where: { year_employeeId_courseId: { year: YEAR, employeeId: await idOf(email), courseId: await courseId(code) } } });
  }

  it('refuses a bad plan with the path of each bad rule and writes nothing; a specialist may not publish', async () => {
    const bad = await system.as(ORG.hr).put(`/training-plans/${YEAR}`).send({
      rules: [
        { course: 'NOPE-1', audience: {}, due: { date: '2027-06-30' } },
        { course: 'PK-101', audience: { roles: ['SALES_SPECIALIST', 'JANITOR'], when: 'amount > 5' }, due: { date: '2027-06-30' } },
        { course: 'PK-101', audience: { productLines: [] }, due: { date: '2027-02-30', withinWorkingDaysOfJoining: 3 } },
        { course: 'SS-201', audience: { teams: ['East'] }, due: { withinWorkingDaysOfJoining: 0 } },
      ],
    }).expect(400);
    const fields = (bad.body.errors as { field: string; message: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining([
      'rules[0].course', 'rules[1].audience.roles[1]', 'rules[1].audience.when', 'rules[2].audience.productLines', 'rules[2].due', 'rules[3].due.withinWorkingDaysOfJoining',
    ]));
    expect((bad.body.errors as { field: string; message: string }[]).find((e) => e.field === 'rules[1].audience.when')?.message).toContain('unknown field "amount"');
    await system.as(ORG.admin).put('/training-plans/19').send(PLAN_V1).expect(400);
    await system.as(ORG.rep).put(`/training-plans/${YEAR}`).send(PLAN_V1).expect(403);
    await system.as(ORG.rep).get(`/training-plans/${YEAR}`).expect(404);
    expect(await system.prisma.trainingPlan.count()).toBe(0);
    expect(await system.prisma.trainingRequirement.count()).toBe(0);
  });

  it('publishing enrolls everyone matching by role, team and `when` in one pass', async () => {
    const published = await system.as(ORG.hr).put(`/training-plans/${YEAR}`).send(PLAN_V1).expect(200);
    expect(published.body).toMatchObject({ year: YEAR, version: 1, applied: { added: 8, reopened: 0, redated: 0, withdrawn: 0 } });
    const rows = await requirements();
    expect(rows.filter((r) => !r.includes('CRM-301'))).toEqual([
      `${CS} SS-201 OPEN 2027-09-30`,
      `${ORG.manager} SS-201 OPEN 2027-09-30`,
      `${REP_WEST} PK-101 OPEN 2027-06-30`,
      `${ORG.rep2} PK-101 OPEN 2027-06-30`,
      `${ORG.rep2} SS-201 OPEN 2027-09-30`,
      `${ORG.rep} PK-101 OPEN 2027-06-30`,
      `${ORG.rep} SS-201 OPEN 2027-09-30`,
    ]);
    // Ten working days after joining, in the person's calendar.
    expect(rows.filter((r) => r.includes('CRM-301'))).toEqual([expect.stringMatching(new RegExp(`^${CS} CRM-301 OPEN \\d{4}-\\d{2}-\\d{2}$`))]);
    const view = await system.as(ORG.rep).get(`/training-plans/${YEAR}`).expect(200);
    expect(view.body).toMatchObject({ year: YEAR, version: 1, document: PLAN_V1 });
  });

  it('republishing writes only the difference and keeps a completion whose rule went away', async () => {
    // rep2 completed SS-201 (attendance, another feature, will write this).
    const completed = await requirement(ORG.rep2, 'SS-201');
    await system.prisma.trainingRequirement.update({ where: { id: completed!.id }, data: { status: 'COMPLETED', completedAt: T0 } });
    const untouched = await requirement(CS, 'CRM-301');

    const published = await system.as(ORG.admin).put(`/training-plans/${YEAR}`).send(PLAN_V2).expect(200);
    // redated: rep and rep2 PK-101; withdrawn: Wes's PK-101 (West), SS-201 of cs, manager and rep.
    expect(published.body).toMatchObject({ version: 2, applied: { added: 0, reopened: 0, redated: 2, withdrawn: 4 } });
    expect((await requirements()).filter((r) => !r.includes('CRM-301'))).toEqual([
      `${CS} SS-201 WITHDRAWN`,
      `${ORG.manager} SS-201 WITHDRAWN`,
      `${REP_WEST} PK-101 WITHDRAWN`,
      `${ORG.rep2} PK-101 OPEN 2027-07-31`,
      `${ORG.rep2} SS-201 COMPLETED 2027-09-30`,
      `${ORG.rep} PK-101 OPEN 2027-07-31`,
      `${ORG.rep} SS-201 WITHDRAWN`,
    ]);
    expect(await requirement(CS, 'CRM-301')).toEqual(untouched);
    expect(await system.prisma.trainingRequirement.count()).toBe(8);
    await system.as(ORG.hr).put(`/training-plans/${YEAR}`).send(PLAN_V2).expect(200)
      .expect((res) => expect(res.body.applied).toEqual({ added: 0, reopened: 0, redated: 0, withdrawn: 0 }));
    expect((await system.as(ORG.rep).get(`/training-plans/${YEAR}`).expect(200)).body.version).toBe(3);
  });

  it('a new hire, a move and a role change are applied from the directory without republishing', async () => {
    await addEmployees(system, [
      { email: NEW_HIRE, name: 'Nina New', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East' },
      { email: REP_WEST, name: 'Wes West', role: 'SALES_SPECIALIST', managerEmail: ORG.director, team: 'East' },
      { email: ORG.rep, name: 'Ray Rep', role: 'CUSTOMER_SERVICE', managerEmail: ORG.manager, team: 'East', region: 'Shanghai' },
    ]);
    await waitFor('the directory change applied to the plan', () => requirements(), (rows) => rows.includes(`${NEW_HIRE} PK-101 OPEN 2027-07-31`)
      && rows.includes(`${REP_WEST} PK-101 OPEN 2027-07-31`) && rows.includes(`${ORG.rep} PK-101 WITHDRAWN`) && rows.some((r) => r.startsWith(`${ORG.rep} CRM-301 OPEN`)));
    expect(await system.prisma.trainingRequirement.count()).toBe(10);
  });

  it('enrolling in a session of the course satisfies the open requirement', async () => {
    const session = await system.as(ORG.hr).post('/sessions').send({
      courseId: await courseId('PK-101'), startsAt: '2027-05-11T01:00:00Z', endsAt: '2027-05-11T03:00:00Z', timezone: 'Asia/Shanghai', place: 'Room 3A', trainer: TRAINER, capacity: 5,
    }).expect(201);
    sessionId = session.body.id;
    const enrollment = await system.as(NEW_HIRE).post(`/sessions/${session.body.id}/enrollments`).send({}).expect(201);
    expect(await requirement(NEW_HIRE, 'PK-101')).toMatchObject({ status: 'OPEN', satisfiedByEnrollmentId: enrollment.body.id });
    expect(await requirement(ORG.rep2, 'PK-101')).toMatchObject({ satisfiedByEnrollmentId: null });
  });

  it("progress: a manager sees their reporting line's completion and overdue counts by team and role; HR sees everyone", async () => {
    // The manager's line: rep (CRM-301, overdue), rep2 (PK-101 open, SS-201 completed), cs (CRM-301, overdue), the new hire (PK-101, enrolled).
    const mine = await system.as(ORG.manager).get(`/training-plans/${YEAR}/progress`).expect(200);
    expect(mine.body).toEqual({
      year: YEAR,
      version: 3,
      byTeam: [{ team: 'East', total: 5, completed: 1, open: 4, enrolled: 1, overdue: 2 }],
      byRole: [
        { role: 'CUSTOMER_SERVICE', total: 2, completed: 0, open: 2, enrolled: 0, overdue: 2 },
        { role: 'SALES_SPECIALIST', total: 3, completed: 1, open: 2, enrolled: 1, overdue: 0 },
      ],
    });
    const all = await system.as(ORG.hr).get(`/training-plans/${YEAR}/progress`).expect(200);
    expect(all.body.byTeam).toEqual([{ team: 'East', total: 6, completed: 1, open: 5, enrolled: 1, overdue: 2 }]);
    const rep = await system.as(ORG.rep2).get(`/training-plans/${YEAR}/progress`).expect(200);
    expect(rep.body).toMatchObject({ byTeam: [], byRole: [] });
    await system.as(ORG.manager).get('/training-plans/2031/progress').expect(404);
  });

  it('attending the session completes the requirement, and a republish keeps it completed', async () => {
    const requirementBefore = await requirement(NEW_HIRE, 'PK-101');
    clock.set(new Date('2027-05-11T04:00:00Z'));
    await system.as(TRAINER).post(`/sessions/${sessionId}/attendance`).send({ records: [{ enrollmentId: requirementBefore!.satisfiedByEnrollmentId, status: 'present' }] }).expect(200);
    expect(await requirement(NEW_HIRE, 'PK-101')).toMatchObject({ status: 'COMPLETED', satisfiedByEnrollmentId: requirementBefore!.satisfiedByEnrollmentId });
    await system.as(ORG.hr).put(`/training-plans/${YEAR}`).send({ rules: [PLAN_V2.rules[1]] }).expect(200);
    expect(await requirement(NEW_HIRE, 'PK-101')).toMatchObject({ status: 'COMPLETED' });
    expect(await requirement(ORG.rep2, 'PK-101')).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('a rule for product lines enrolls those who sell one of them; leaving the line releases them', async () => {
    await system.as(ORG.hr).put('/org/employees').send({ employees: [
      { email: REP_WEST, name: 'Wes West', role: 'SALES_SPECIALIST', managerEmail: ORG.director, team: 'East', productLines: ['Cloud', 'Storage'] },
    ] }).expect(200);
    const listed = await system.as(ORG.hr).get('/org/employees').expect(200);
    expect(listed.body.items.find((e: { email: string }) => e.email === REP_WEST).productLines).toEqual(['Cloud', 'Storage']);
    await system.as(ORG.hr).put(`/training-plans/${YEAR}`).send({ rules: [
      PLAN_V2.rules[1],
      { course: 'SS-201', audience: { productLines: ['Cloud', 'Edge'] }, due: { date: '2027-10-29' } },
    ] }).expect(200);
    expect((await requirements()).filter((r) => r.includes('SS-201') && !r.includes('WITHDRAWN') && !r.includes('COMPLETED'))).toEqual([`${REP_WEST} SS-201 OPEN 2027-10-29`]);
    // The directory change is an employee.changed event: the plan re-applies to him without a republish.
    await system.as(ORG.hr).put('/org/employees').send({ employees: [
      { email: REP_WEST, name: 'Wes West', role: 'SALES_SPECIALIST', managerEmail: ORG.director, team: 'East', productLines: ['Storage'] },
    ] }).expect(200);
    await waitFor('Wes released from SS-201', () => requirement(REP_WEST, 'SS-201'), (row) => row?.status === 'WITHDRAWN');
  });
});

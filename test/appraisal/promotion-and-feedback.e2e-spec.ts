import { idempotencyKeyOf as keyOf, waitFor, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 11 items 5 and 7 through HTTP, NATS, BullMQ and the SMTP sink. Sign-off (the lead's
 * endpoint) publishes `appraisal.signed-off`: a KPI below its template threshold enrolls the person
 * in the course of its category for their role and tells the manager; two signed-off appraisals in
 * a row in the top band (the earlier one seeded in the database) nominate the person to HR, and the
 * manager confirms or declines with a reason (400 without, 409 on a second decision, 403 for a peer).
 */
const T0 = new Date('2027-01-04T02:00:00Z'); // Monday 10:00 in Shanghai
const REP3 = 'rep3@salesflow.test';
const TRAINER = 'coach@salesflow.test';

const TEMPLATE = {
  kpis: [{ kind: 'managerRating', weight: 100, scoring: { kind: 'linear', floor: 1, target: 5 }, threshold: 60, courseCategory: 'sales_skills' }],
  bands: [{ name: 'below', min: 0 }, { name: 'meets', min: 50 }, { name: 'exceeds', min: 90 }],
  promotion: { streak: 2 },
};
const CYCLE = {
  period: '2026-Q4',
  scope: { role: 'SALES_SPECIALIST' },
  template: 'sales',
  deadlines: { self: '2027-01-15T18:00:00+08:00', peer: '2027-01-22T18:00:00+08:00', manager: '2027-01-29T18:00:00+08:00', calibration: '2027-02-05T18:00:00+08:00' },
};

describe('appraisal: feedback training and promotion nomination after sign-off', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: REP3, name: 'Rob Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East' },
        { email: TRAINER, name: 'Rex Coach', role: 'SALES_MANAGER' },
      ]);
      await system.as(ORG.hr).put('/appraisal-templates/sales').send(TEMPLATE).expect(200);
    },
  });
  const appraisalOf = new Map<string, string>();
  let sessionId = '';
  const nominationOf = new Map<string, string>();

  const idOf = async (email: string) => (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id;
  const mailsKeyed = (prefix: string, to: string): ReceivedEmail[] => system.smtp.to(to).filter((mail) => keyOf(mail).startsWith(prefix));

  /** An earlier quarter's appraisal, signed off before this system existed: rows only, as the cycle and sign-off would have left them. */
  async function signedOffEarlier(email: string, period: string, score: number, band: string) {
    const template = await system.prisma.appraisalTemplate.findFirstOrThrow({ where: { name: 'sales' } });
    const deadline = new Date('2026-10-01T00:00:00Z');
    const cycle = await system.prisma.appraisalCycle.create({
      data: {
        period, scopeKind: 'ROLE', scopeValue: 'SALES_SPECIALIST', templateId: template.id, selfDueAt: deadline, peerDueAt: deadline, managerDueAt: deadline,
        calibrationDueAt: deadline, openedById: await idOf(ORG.hr), openedAt: deadline, appraisals: 1,
      },
    });
    await system.prisma.appraisal.create({ data: { cycleId: cycle.id, employeeId: await idOf(email), managerId: await idOf(ORG.manager), status: 'SIGNED_OFF', score, band } });
  }

  /** Self review, the manager's rating, calibration to the computed band, sign-off: all through the API. */
  async function reviewAndSignOff(email: string, rating: number) {
    const id = appraisalOf.get(email)!;
    await system.as(email).post(`/appraisals/${id}/self-review`).send({ comment: 'My quarter' }).expect(200);
    await system.as(ORG.manager).post(`/appraisals/${id}/manager-review`).send({ rating, comment: 'Reviewed' }).expect(200);
    const band = (await system.prisma.appraisal.findUniqueOrThrow({ where: { id } })).band!;
    await system.as(ORG.hr).post(`/appraisals/${id}/calibration`).send({ band }).expect(200);
    await system.as(ORG.director).post(`/appraisals/${id}/sign-off`).expect(200);
  }

  it('seeds a course catalogue and a session through the API, earlier signed-off quarters in the database, and opens the cycle', async () => {
    const course = async (code: string, levels: string[]) => (await system.as(ORG.hr).post('/courses').send({
      code, titleZh: `顾问式销售 ${code}`, titleEn: `Consultative selling ${code}`, category: 'sales_skills', levels, durationMinutes: 120, mandatory: false,
    }).expect(201)).body.id as string;
    const basic = await course('SS-101', ['SALES_SPECIALIST']);
    await course('SS-201', ['SALES_SPECIALIST']);
    await course('SS-050', ['SALES_MANAGER']);
    sessionId = (await system.as(ORG.hr).post('/sessions').send({
      courseId: basic, startsAt: '2027-01-12T01:00:00Z', endsAt: '2027-01-12T03:00:00Z', timezone: 'Asia/Shanghai', place: 'Room 7', trainer: TRAINER, capacity: 5,
    }).expect(201)).body.id;

    await signedOffEarlier(ORG.rep, '2026-Q3', 95, 'exceeds');
    await signedOffEarlier(REP3, '2026-Q3', 92.5, 'exceeds');
    await signedOffEarlier(ORG.rep2, '2026-Q3', 40, 'below');

    const cycle = (await system.as(ORG.hr).post('/appraisal-cycles').send(CYCLE).expect(201)).body;
    for (const item of (await system.as(ORG.hr).get(`/appraisals?cycle=${cycle.id}`).expect(200)).body.items) appraisalOf.set(item.employee.email, item.id);
    expect([...appraisalOf.keys()].sort()).toEqual([ORG.rep, ORG.rep2, REP3].sort());
  });

  it('a KPI below its threshold at sign-off enrolls the person in the lowest-coded course of its category for their role, and the manager is told', async () => {
    await reviewAndSignOff(ORG.rep2, 2); // managerRating 2 of 5: score 25, below the threshold of 60

    await waitFor('the seat taken in the session', async () => (await system.as(ORG.hr).get(`/sessions/${sessionId}`).expect(200)).body.seatsTaken, (n) => n === 1);
    const invitation = await system.smtp.waitForEmail('the invitation to Rita', (mail) => mail.to.includes(ORG.rep2) && keyOf(mail).startsWith('training-invitation:'));
    expect(invitation.subject).toContain('Consultative selling SS-101');

    const told = await system.smtp.waitForEmail('the feedback email to the manager', (mail) => mail.to.includes(ORG.manager) && keyOf(mail).startsWith('training-feedback:'));
    expect(told.subject).toBe('Training after the 2026-Q4 appraisal: Rita Rep');
    expect(told.text).toContain('Manager\u2019s rating (1-5): score 25, threshold 60 (course category sales_skills): enrolled in Consultative selling SS-101 (SS-101), session starting 2027-01-12 09:00 (Asia/Shanghai)');
    const rows = await system.prisma.trainingFeedback.findMany({ where: { appraisalId: appraisalOf.get(ORG.rep2)! } });
    expect(rows.map((r) => [r.kpi, r.outcome])).toEqual([['managerRating', 'CONFIRMED']]);
    // A low band once is no streak.
    expect(await system.prisma.promotionNomination.count({ where: { employeeId: await idOf(ORG.rep2) } })).toBe(0);
  });

  it('a second top band in a row nominates the person to HR with both appraisals as evidence; HR and the manager are emailed', async () => {
    await reviewAndSignOff(ORG.rep, 5);
    await reviewAndSignOff(REP3, 5);

    const list = await waitFor('two nominations', async () => (await system.as(ORG.hr).get('/promotion-nominations?status=PENDING').expect(200)).body.items, (items) => items.length === 2);
    for (const item of list) nominationOf.set(item.employee.email, item.id);
    const rep = list.find((n: { employee: { email: string } }) => n.employee.email === ORG.rep);
    expect(rep).toMatchObject({ status: 'PENDING', band: 'exceeds', streak: 2, manager: { email: ORG.manager }, reason: null });
    expect(rep.evidence.map((e: { period: string; score: number; band: string }) => [e.period, e.score, e.band])).toEqual([['2026-Q3', 95, 'exceeds'], ['2026-Q4', 100, 'exceeds']]);

    await waitFor('the nomination emails', async () => mailsKeyed(`promotion-nomination:${nominationOf.get(ORG.rep)}:PENDING:`, ORG.hr).length + mailsKeyed(`promotion-nomination:${nominationOf.get(ORG.rep)}:PENDING:`, ORG.manager).length, (n) => n === 2);
    const [toHr] = mailsKeyed(`promotion-nomination:${nominationOf.get(ORG.rep)}:PENDING:`, ORG.hr);
    expect(toHr.subject).toBe('Promotion nomination: Ray Rep, 2 appraisals in a row rated exceeds');
    expect(toHr.text).toContain('- 2026-Q3: score 95, band exceeds');
    expect(toHr.text).toContain('- 2026-Q4: score 100, band exceeds');
    expect(mailsKeyed('promotion-nomination:', ORG.manager)[0].text).toContain(`POST /promotion-nominations/${nominationOf.get(ORG.rep)}/decision`);
    // The signed-off top bands had no weak KPI: nobody was enrolled for them.
    expect(await system.prisma.trainingFeedback.count({ where: { employeeId: await idOf(ORG.rep) } })).toBe(0);
  });

  it('a peer, and the person themselves, neither read nor decide a nomination', async () => {
    const id = nominationOf.get(ORG.rep)!;
    expect((await system.as(ORG.rep2).get('/promotion-nominations').expect(200)).body.items).toEqual([]);
    await system.as(ORG.rep2).get(`/promotion-nominations/${id}`).expect(403);
    await system.as(ORG.rep2).post(`/promotion-nominations/${id}/decision`).send({ decision: 'confirm', reason: 'He is great' }).expect(403);
    await system.as(ORG.rep).get(`/promotion-nominations/${id}`).expect(403);
    await system.as(ORG.rep).post(`/promotion-nominations/${id}/decision`).send({ decision: 'confirm', reason: 'I agree' }).expect(403);
    await system.as(ORG.hr).post(`/promotion-nominations/${id}/decision`).send({ decision: 'confirm', reason: 'HR does not decide' }).expect(403);
    expect((await system.as(ORG.manager).get(`/promotion-nominations/${id}`).expect(200)).body.status).toBe('PENDING');
  });

  it('the manager confirms with a reason (400 without, nothing written), HR is emailed; a second decision is 409', async () => {
    const id = nominationOf.get(ORG.rep)!;
    const missing = await system.as(ORG.manager).post(`/promotion-nominations/${id}/decision`).send({ decision: 'confirm' }).expect(400);
    expect(new Set(missing.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['reason']));
    await system.as(ORG.manager).post(`/promotion-nominations/${id}/decision`).send({ decision: 'promote', reason: 'x' }).expect(400);
    expect((await system.prisma.promotionNomination.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');

    const confirmed = (await system.as(ORG.manager).post(`/promotion-nominations/${id}/decision`).send({ decision: 'confirm', reason: 'Ready to lead the East accounts' }).expect(200)).body;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', reason: 'Ready to lead the East accounts', decidedBy: { email: ORG.manager } });
    const second = await system.as(ORG.director).post(`/promotion-nominations/${id}/decision`).send({ decision: 'decline', reason: 'Too soon' }).expect(409);
    expect(second.body.code).toBe('promotion_nomination.decided');
    const mail = await system.smtp.waitForEmail('the decision to HR', (m) => m.to.includes(ORG.hr) && keyOf(m).startsWith(`promotion-nomination:${id}:CONFIRMED:`));
    expect(mail.subject).toBe('Promotion nomination confirmed by the manager: Ray Rep');
    expect(mail.text).toContain('Reason given: Ready to lead the East accounts');
  });

  it('anyone above the person may decline with a reason instead; HR is emailed the reason', async () => {
    const id = nominationOf.get(REP3)!;
    const declined = (await system.as(ORG.director).post(`/promotion-nominations/${id}/decision`).send({ decision: 'decline', reason: 'Another quarter on the key accounts first' }).expect(200)).body;
    expect(declined).toMatchObject({ status: 'DECLINED', decidedBy: { email: ORG.director } });
    const mail = await system.smtp.waitForEmail('the decline to HR', (m) => m.to.includes(ORG.hr) && keyOf(m).startsWith(`promotion-nomination:${id}:DECLINED:`));
    expect(mail.subject).toBe('Promotion nomination declined by the manager: Rob Rep');
    expect((await system.as(ORG.hr).get('/promotion-nominations?status=DECLINED').expect(200)).body.items.map((n: { id: string }) => n.id)).toEqual([id]);
    expect((await system.as(ORG.manager).get('/promotion-nominations').expect(200)).body.items).toHaveLength(2);
  });
});

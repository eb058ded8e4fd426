import { ManualClock } from '#libs/time';
import { addEmployees, auditOf, contractBody, submit } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { about, KIND } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10, item 11: training time is absence time. A confirmed seat in a full-day session
 * registers an absence for its hours (delegate: the person's manager) through libs/org's absence
 * writer, so an approval step reaches the delegate while the approver is in training, exactly as
 * with a manual absence (test/reliability/absence-delegation.e2e-spec.ts); withdrawing or
 * cancelling takes it back.
 */
const T0 = new Date('2027-05-10T00:50:00Z'); // Monday 08:50 in Shanghai
const DAY_START = '2027-05-10T01:00:00Z'; // 09:00 to 17:00 in Shanghai: a full working day
const DAY_END = '2027-05-10T09:00:00Z';
const TRAINER = 'absence-coach@salesflow.test';

describe('training: training time is absence time', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [{ email: TRAINER, name: 'Abe Coach', role: 'SALES_MANAGER' }]);
    },
  });

  let courseId: string;
  async function schedule(startsAt: string, endsAt: string): Promise<string> {
    const created = await system.as(ORG.hr).post('/sessions').send({ courseId, startsAt, endsAt, timezone: 'Asia/Shanghai', place: 'Room 5', trainer: TRAINER, capacity: 5 }).expect(201);
    return created.body.id;
  }
  async function enroll(sessionId: string, email: string): Promise<string> {
    const response = await system.as(ORG.hr).post(`/sessions/${sessionId}/enrollments`).send({ employeeEmail: email }).expect(201);
    expect(response.body.status).toBe('CONFIRMED');
    return response.body.id;
  }
  const absencesOf = async (email: string) => {
    const employee = await system.prisma.employee.findUniqueOrThrow({ where: { email } });
    return system.prisma.absence.findMany({ where: { employeeId: employee.id }, orderBy: { createdAt: 'asc' } });
  };
  const absenceTimers = (absenceId: string) => system.prisma.timer.findMany({ where: { subjectId: absenceId }, orderBy: { uniqueKey: 'asc' } });
  const remove = (as: string, path: string) => system.http.delete(path).set('Authorization', `Bearer ${system.token(as)}`);
  const inbox = async (email: string) => JSON.stringify((await system.as(email).get('/approvals/inbox').expect(200)).body);

  let fullDay: string;
  let managerEnrollment: string;

  it('a confirmed seat in a full-day session registers an absence for its hours, delegate the manager; a short session does not', async () => {
    courseId = (await system.as(ORG.hr).post('/courses').send({
      code: 'CRM-301', titleZh: '客户关系', titleEn: 'Customer relationships', category: 'customer_relationship', levels: ['SALES_MANAGER'],
      durationMinutes: 480, mandatory: false,
    }).expect(201)).body.id;
    fullDay = await schedule(DAY_START, DAY_END);
    managerEnrollment = await enroll(fullDay, ORG.manager);

    const [absence] = await absencesOf(ORG.manager);
    const director = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.director } });
    expect(absence).toMatchObject({ delegateId: director.id, from: new Date(DAY_START), to: new Date(DAY_END) });
    const timers = await absenceTimers(absence.id);
    expect(timers.map((t) => [t.kind, t.dueAt.toISOString(), t.cancelledAt])).toEqual([
      ['absence.end', DAY_END.replace('Z', '.000Z'), null],
      ['absence.start', DAY_START.replace('Z', '.000Z'), null],
    ]);

    // Two hours (09:00-11:00 the next day) is not absence time.
    const short = await schedule('2027-05-11T01:00:00Z', '2027-05-11T03:00:00Z');
    await enroll(short, ORG.rep2);
    expect(await absencesOf(ORG.rep2)).toEqual([]);
  });

  it('guarantee: a step pending with the trainee moves to the delegate when the session starts, a new one goes to the delegate, and withdrawing mid-session gives them back', async () => {
    const before = await submit(system, ORG.rep, contractBody('Pending before training', { discountPct: 8 }));
    expect(before.route[0].approvers[0].emails).toEqual([ORG.manager]);
    const original = await system.smtp.waitForEmail('the request to the manager', (mail) => mail.to.includes(ORG.manager) && about(mail, before.id, KIND.request));

    clock.set(new Date('2027-05-10T01:01:00Z'));
    const handedOver = await system.smtp.waitForEmail('the request to the delegate', (mail) => mail.to.includes(ORG.director) && about(mail, before.id, KIND.request));
    expect(handedOver.text).toContain(ORG.manager);
    expect(await inbox(ORG.director)).toContain(before.id);
    expect(await inbox(ORG.manager)).not.toContain(before.id);

    const during = await submit(system, ORG.rep, contractBody('Submitted during training', { discountPct: 8 }));
    expect(during.route[0].approvers[0].emails).toEqual([ORG.director]);
    await system.smtp.waitForEmail('the new request to the delegate', (mail) => mail.to.includes(ORG.director) && about(mail, during.id, KIND.request));

    // The manager leaves the training at 11:00: the absence ends then, the steps come back.
    clock.set(new Date('2027-05-10T03:00:00Z'));
    await remove(ORG.manager, `/enrollments/${managerEnrollment}`).expect(200);
    const [absence] = await absencesOf(ORG.manager);
    expect(absence.to.toISOString()).toBe('2027-05-10T03:00:00.000Z');
    await system.smtp.waitForEmail(
      'the request back to the manager',
      (mail) => mail.to.includes(ORG.manager) && about(mail, before.id, KIND.request) && mail.messageId !== original.messageId,
    );
    await system.smtp.waitForEmail('the new contract to the manager', (mail) => mail.to.includes(ORG.manager) && about(mail, during.id, KIND.request));
    expect(await inbox(ORG.manager)).toContain(before.id);
    expect(await inbox(ORG.director)).not.toContain(before.id);
    const actions = (await auditOf(system, before.id)).map((item) => item.action).filter((action) => action.startsWith('step.'));
    expect(actions).toEqual(['step.delegated', 'step.returned']);
    // The original end at 17:00 will never fire.
    const pending = (await absenceTimers(absence.id)).filter((t) => t.firedAt === null && t.cancelledAt === null);
    expect(pending.map((t) => t.uniqueKey)).not.toContain(`absence-end:${absence.id}`);
  });

  it('withdrawing before the session, or cancelling it, removes the absence and its timers', async () => {
    const later = await schedule('2027-05-12T01:00:00Z', '2027-05-12T09:00:00Z');
    const enrollment = await enroll(later, ORG.rep2);
    const [absence] = await absencesOf(ORG.rep2);
    expect(absence.from.toISOString()).toBe('2027-05-12T01:00:00.000Z');
    await remove(ORG.hr, `/enrollments/${enrollment}`).expect(200);
    expect(await absencesOf(ORG.rep2)).toEqual([]);
    expect((await absenceTimers(absence.id)).every((t) => t.cancelledAt !== null)).toBe(true);

    await enroll(later, ORG.rep2);
    const [again] = await absencesOf(ORG.rep2);
    await system.as(ORG.hr).post(`/sessions/${later}/cancel`).send({}).expect(200);
    expect(await absencesOf(ORG.rep2)).toEqual([]);
    expect((await absenceTimers(again.id)).every((t) => t.cancelledAt !== null)).toBe(true);
  });

  it('a reschedule moves the absence with the session', async () => {
    const session = await schedule('2027-05-13T01:00:00Z', '2027-05-13T09:00:00Z');
    await enroll(session, ORG.rep2);
    const current = (await system.as(ORG.hr).get(`/sessions/${session}`).expect(200)).body;
    await system.http.patch(`/sessions/${session}`).set('Authorization', `Bearer ${system.token(ORG.hr)}`)
      .send({ version: current.version, startsAt: '2027-05-14T01:00:00Z', endsAt: '2027-05-14T09:00:00Z' }).expect(200);
    const absences = await absencesOf(ORG.rep2);
    expect(absences.map((a) => [a.from.toISOString(), a.to.toISOString()])).toEqual([['2027-05-14T01:00:00.000Z', '2027-05-14T09:00:00.000Z']]);
  });
});

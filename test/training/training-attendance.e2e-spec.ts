import { idempotencyKeyOf as keyOf, waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10, items 7 and 8: reminders before a session (training policy as data, timers as rows,
 * the attendee's zone across Berlin's change to summer time on 2027-03-28, moved by a reschedule,
 * gone with a cancellation), then attendance and assessment (certificate, retake, manager told).
 */
const T0 = new Date('2027-03-10T02:00:00Z');
const TRAINER = 'coach@salesflow.test';
const OTHER_TRAINER = 'coach2@salesflow.test';
const REP3 = 'rep3@salesflow.test';

describe('training: reminders, attendance and assessment', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: TRAINER, name: 'Cora Coach', role: 'SALES_MANAGER' },
        { email: OTHER_TRAINER, name: 'Carl Coach', role: 'SALES_MANAGER' },
        { email: REP3, name: 'Wang Fang', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', locale: 'zh-CN' },
        { email: ORG.rep2, name: 'Rita Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', timezone: 'Europe/Berlin' },
      ]);
    },
  });

  const patch = (as: string, path: string) => system.http.patch(path).set('Authorization', `Bearer ${system.token(as)}`);
  const mailKeyed = (key: string, to: string) => system.smtp.waitForEmail(`an email keyed ${key} to ${to}`, (mail) => keyOf(mail).startsWith(key) && mail.to.includes(to));
  const reminderTimers = (enrollmentId: string) =>
    system.prisma.timer.findMany({ where: { kind: 'training.remind', subjectId: enrollmentId }, orderBy: { dueAt: 'asc' } });
  // What appraisal recorded of training.completed / training.failed (its own table, fed by the events).
  const outcomesOf = (email: string, count: number) => waitFor(`${count} training outcome(s) of ${email} in appraisal`,
    async () => system.prisma.appraisalTrainingOutcome.findMany({ where: { employeeId: (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id }, orderBy: { occurredAt: 'asc' } }),
    (rows) => rows.length >= count);
  const due = (timers: { dueAt: Date; cancelledAt: Date | null }[], live = true) => timers.filter((t) => (t.cancelledAt === null) === live).map((t) => t.dueAt.toISOString());

  let courseId: string;
  let s1: { id: string; version: number; sequence: number };
  let retakeSessionId: string;
  const enrollment = new Map<string, string>();

  async function schedule(startsAt: string, endsAt: string): Promise<{ id: string; version: number; sequence: number }> {
    const created = await system.as(ORG.hr).post('/sessions').send({ courseId, startsAt, endsAt, timezone: 'Asia/Shanghai', place: 'Room 3A', trainer: TRAINER, capacity: 5 }).expect(201);
    return created.body;
  }
  async function enroll(sessionId: string, email: string): Promise<string> {
    return (await system.as(ORG.hr).post(`/sessions/${sessionId}/enrollments`).send({ employeeEmail: email }).expect(201)).body.id;
  }

  it('the training policy: defaults, a whole document on PUT (400 naming what is missing), HR and ADMIN only', async () => {
    const defaults = { remindersBefore: ['P7D', 'P1D', 'PT1H'], digestWeekday: 1, digestLocalTime: '09:00' };
    expect((await system.as(ORG.rep).get('/training-policy').expect(200)).body).toEqual({ version: 0, policy: defaults });
    const missing = await system.as(ORG.hr).put('/training-policy').send({}).expect(400);
    expect(missing.body.errors).toEqual(['remindersBefore', 'digestWeekday', 'digestLocalTime'].map((field) => ({ field, message: expect.stringContaining('required') })));
    await system.as(ORG.hr).put('/training-policy').send({ ...defaults, remindersBefore: ['P7D', 'soon'] }).expect(400);
    await system.as(ORG.hr).put('/training-policy').send({ ...defaults, digestWeekday: 8 }).expect(400);
    await system.as(ORG.rep).put('/training-policy').send({ ...defaults, remindersBefore: ['P1D'] }).expect(403);
    expect(await system.prisma.trainingPolicy.count()).toBe(0);
    const put = await system.as(ORG.hr).put('/training-policy').send(defaults).expect(200);
    expect(put.body.version).toBe(1);
  });

  it('arms one reminder per offset in each attendee\u2019s zone, across the daylight-saving change', async () => {
    courseId = (await system.as(ORG.hr).post('/courses').send({
      code: 'PK-201', titleZh: '产品进阶', titleEn: 'Product advanced', category: 'product_knowledge', levels: ['SALES_SPECIALIST'],
      durationMinutes: 120, mandatory: true, passMark: 80, attemptsAllowed: 2, certificateValidityMonths: 12,
    }).expect(201)).body.id;
    // 09:00 in Shanghai on Tuesday 2027-03-30 is 03:00 in Berlin, two days into summer time.
    s1 = await schedule('2027-03-30T01:00:00Z', '2027-03-30T03:00:00Z');
    enrollment.set(ORG.rep2, await enroll(s1.id, ORG.rep2));
    enrollment.set(REP3, await enroll(s1.id, REP3));
    // A week before 03:00 CEST is 03:00 CET (02:00Z), not 168 hours before.
    expect(due(await reminderTimers(enrollment.get(ORG.rep2)!))).toEqual(['2027-03-23T02:00:00.000Z', '2027-03-29T01:00:00.000Z', '2027-03-30T00:00:00.000Z']);
    expect(due(await reminderTimers(enrollment.get(REP3)!))).toEqual(['2027-03-23T01:00:00.000Z', '2027-03-29T01:00:00.000Z', '2027-03-30T00:00:00.000Z']);
  });

  it('sends each reminder at its local time, never early, in the reader\u2019s zone and language', async () => {
    clock.set(new Date('2027-03-23T01:30:00Z'));
    const zh = await mailKeyed(`training-reminder:${s1.id}:0:P7D:${enrollment.get(REP3)}`, REP3);
    expect(zh.subject).toBe('培训提醒：产品进阶（PK-201）');
    expect(zh.text).toContain('2027-03-30 09:00 (Asia/Shanghai)');
    // Rita's is due at 02:00Z: not yet.
    expect(system.smtp.received.filter((m) => keyOf(m).startsWith('training-reminder:') && m.to.includes(ORG.rep2))).toHaveLength(0);
    clock.set(new Date('2027-03-23T02:00:00Z'));
    const en = await mailKeyed(`training-reminder:${s1.id}:0:P7D:${enrollment.get(ORG.rep2)}`, ORG.rep2);
    expect(en.text).toContain('starts 2027-03-30 03:00 (Europe/Berlin)');
  });

  it('a reschedule arms the new times only; the old reminders never fire', async () => {
    const moved = await patch(ORG.hr, `/sessions/${s1.id}`).send({ version: s1.version, startsAt: '2027-04-06T01:00:00Z', endsAt: '2027-04-06T03:00:00Z' }).expect(200);
    s1 = moved.body;
    const rita = await reminderTimers(enrollment.get(ORG.rep2)!);
    expect(due(rita, false)).toEqual(['2027-03-29T01:00:00.000Z', '2027-03-30T00:00:00.000Z']);
    expect(due(rita)).toEqual(['2027-03-23T02:00:00.000Z', '2027-03-30T01:00:00.000Z', '2027-04-05T01:00:00.000Z', '2027-04-06T00:00:00.000Z']);
    expect(rita.filter((t) => t.firedAt === null && t.cancelledAt === null).every((t) => t.uniqueKey.includes(`:${s1.sequence}:`))).toBe(true);

    // A second session, with Wang Fang, cancelled: its reminders go with it.
    const s2 = await schedule('2027-04-02T06:00:00Z', '2027-04-02T08:00:00Z');
    const s2Enrollment = await enroll(s2.id, REP3);
    await system.as(ORG.hr).post(`/sessions/${s2.id}/cancel`).expect(200);
    expect((await reminderTimers(s2Enrollment)).every((t) => t.cancelledAt !== null)).toBe(true);

    clock.set(new Date('2027-04-05T01:00:00Z'));
    await mailKeyed(`training-reminder:${s1.id}:${s1.sequence}:P1D:${enrollment.get(ORG.rep2)}`, ORG.rep2);
    await mailKeyed(`training-reminder:${s1.id}:${s1.sequence}:P1D:${enrollment.get(REP3)}`, REP3);
    const reminders = system.smtp.received.filter((m) => keyOf(m).startsWith('training-reminder:'));
    expect(reminders.filter((m) => keyOf(m).startsWith(`training-reminder:${s1.id}:0:P1D`) || keyOf(m).includes(s2.id))).toHaveLength(0);
  });

  it('refuses attendance before the start (422) and from another trainer (403), writing nothing', async () => {
    retakeSessionId = (await schedule('2027-04-20T01:00:00Z', '2027-04-20T03:00:00Z')).id;
    const records = [{ enrollmentId: enrollment.get(ORG.rep2), status: 'present' }];
    const early = await system.as(TRAINER).post(`/sessions/${s1.id}/attendance`).send({ records }).expect(422);
    expect(early.body.code).toBe('attendance.not_started');
    clock.set(new Date('2027-04-06T03:00:00Z'));
    await system.as(OTHER_TRAINER).post(`/sessions/${s1.id}/attendance`).send({ records }).expect(403);
    await system.as(TRAINER).post(`/sessions/${s1.id}/attendance`).send({ records: [{ enrollmentId: enrollment.get(ORG.rep2), status: 'maybe' }] }).expect(400);
    await system.as(TRAINER).post(`/enrollments/${enrollment.get(ORG.rep2)}/assessment`).send({ score: 90 }).expect(422);
    const rows = await system.prisma.enrollment.findMany({ where: { sessionId: s1.id } });
    expect(rows.every((row) => row.attendance === null && row.score === null && row.result === null)).toBe(true);
  });

  it('present and passed completes with a certificate; a fail enrolls the retake; the last fail tells the manager', async () => {
    const recorded = await system.as(TRAINER).post(`/sessions/${s1.id}/attendance`)
      .send({ records: [{ enrollmentId: enrollment.get(ORG.rep2), status: 'present' }, { enrollmentId: enrollment.get(REP3), status: 'present' }] })
      .expect(200);
    expect(recorded.body.items.map((i: { enrollment: { attendance: string } }) => i.enrollment.attendance)).toEqual(['PRESENT', 'PRESENT']);

    await system.as(OTHER_TRAINER).post(`/enrollments/${enrollment.get(ORG.rep2)}/assessment`).send({ score: 90 }).expect(403);
    const passed = await system.as(TRAINER).post(`/enrollments/${enrollment.get(ORG.rep2)}/assessment`).send({ score: 85 }).expect(200);
    expect(passed.body).toMatchObject({ enrollment: { result: 'COMPLETED', score: 85 }, certificate: { expiresAt: '2028-04-06T03:00:00.000Z' }, retake: null });
    expect(await system.prisma.certificate.count({ where: { enrollmentId: enrollment.get(ORG.rep2) } })).toBe(1);
    await system.as(TRAINER).post(`/enrollments/${enrollment.get(ORG.rep2)}/assessment`).send({ score: 85 }).expect(409);
    // The event reaches appraisal: the completion with its course facts, once.
    expect(await outcomesOf(ORG.rep2, 1)).toEqual([expect.objectContaining({ kind: 'COMPLETED', courseId, category: expect.any(String), enrollmentId: enrollment.get(ORG.rep2) })]);

    const failed = await system.as(ORG.hr).post(`/enrollments/${enrollment.get(REP3)}/assessment`).send({ score: 50 }).expect(200);
    expect(failed.body).toMatchObject({ enrollment: { result: 'FAILED' }, retake: { sessionId: retakeSessionId, status: 'CONFIRMED', attempt: 2 }, managerTold: false });
    const retakeId: string = failed.body.retake.id;
    await mailKeyed(`training-invitation:${retakeSessionId}:0:`, REP3);

    clock.set(new Date('2027-04-20T03:00:00Z'));
    await system.as(TRAINER).post(`/sessions/${retakeSessionId}/attendance`).send({ records: [{ enrollmentId: retakeId, status: 'present' }] }).expect(200);
    const last = await system.as(TRAINER).post(`/enrollments/${retakeId}/assessment`).send({ score: 40 }).expect(200);
    expect(last.body).toMatchObject({ enrollment: { result: 'FAILED', attempt: 2 }, retake: null, managerTold: true });
    const told = await mailKeyed('training-failed:', ORG.manager);
    expect(told.subject).toBe('Training failed: Wang Fang, Product advanced (PK-201)');
    expect(told.text).toContain('attempt 2 of 2');
    expect(await system.prisma.certificate.count({ where: { enrollmentId: retakeId } })).toBe(0);
    // Appraisal heard of both failures: a retake followed the first, none the second.
    expect((await outcomesOf(REP3, 2)).map((o) => [o.kind, o.attempt, o.final])).toEqual([['FAILED', 1, false], ['FAILED', 2, true]]);
    expect(await system.prisma.appraisalTrainingOutcome.count({ where: { enrollmentId: enrollment.get(ORG.rep2) } })).toBe(1);
  });
});

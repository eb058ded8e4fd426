import { idempotencyKeyOf as keyOf, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10, first slice: the course catalogue, sessions with calendar invitations, enrollments
 * with capacity and waitlist, through HTTP, NATS, the outbox, the notifier and a real SMTP server;
 * every .ics is read back from the email and parsed.
 *
 * The clock stands on Thursday 2027-05-06 10:00 in Shanghai; sessions are the next week.
 */
const T0 = new Date('2027-05-06T02:00:00Z');
const TRAINER = 'trainer@salesflow.test';
const TRAINER_CN = 'trainer-cn@salesflow.test';
const REP3 = 'rep3@salesflow.test';

interface Ics {
  method: string;
  uid: string;
  sequence: number;
  dtstart: string;
  dtend: string;
  status: string;
  raw: string;
}

/** The email's calendar attachment, unfolded (RFC 5545 3.1) and read property by property. */
function icsOf(mail: ReceivedEmail): Ics {
  const files = mail.parsed.attachments.filter((file) => file.contentType === 'text/calendar');
  if (files.length !== 1) throw new Error(`expected one text/calendar attachment, found ${files.length} in "${mail.subject}"`);
  const raw = files[0].content.toString('utf8');
  const props = new Map<string, string>();
  for (const line of raw.replace(/\r\n[ \t]/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !props.has(line.slice(0, colon).split(';')[0])) props.set(line.slice(0, colon).split(';')[0], line.slice(colon + 1));
  }
  const prop = (name: string) => props.get(name) ?? '';
  return { method: prop('METHOD'), uid: prop('UID'), sequence: Number(prop('SEQUENCE')), dtstart: prop('DTSTART'), dtend: prop('DTEND'), status: prop('STATUS'), raw };
}

describe('training: catalogue, sessions, enrollments and calendar invitations', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await system.as(ORG.admin).put('/org/calendars/cn-holidays')
        .send({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', holidays: ['2027-05-11'], workdays: [] })
        .expect(200);
      await addEmployees(system, [
        { email: TRAINER, name: 'Tara Trainer', role: 'HR' },
        { email: TRAINER_CN, name: 'Tian Trainer', role: 'HR', calendar: 'cn-holidays', locale: 'zh-CN' },
        { email: REP3, name: 'Wang Fang', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', locale: 'zh-CN' },
        // Rita works from Berlin: her emails show Berlin time.
        { email: ORG.rep2, name: 'Rita Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', timezone: 'Europe/Berlin' },
      ]);
    },
  });

  const patch = (as: string, path: string) => system.http.patch(path).set('Authorization', `Bearer ${system.token(as)}`);
  const remove = (as: string, path: string) => system.http.delete(path).set('Authorization', `Bearer ${system.token(as)}`);

  const mailsKeyed = (prefix: string) => system.smtp.received.filter((mail) => keyOf(mail).startsWith(prefix));
  async function mailKeyed(prefix: string, to: string): Promise<ReceivedEmail> {
    return system.smtp.waitForEmail(`an email keyed ${prefix} to ${to}`, (mail) => keyOf(mail).startsWith(prefix) && mail.to.includes(to));
  }
  async function employeeId(email: string): Promise<string> {
    return (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id;
  }

  const COURSE = {
    code: 'PK-101', titleZh: '产品基础', titleEn: 'Product basics', category: 'product_knowledge', levels: ['SALES_SPECIALIST', 'SALES_MANAGER'],
    durationMinutes: 120, mandatory: true, passMark: 80, attemptsAllowed: 2, certificateValidityMonths: 12,
  };
  let courseId: string;

  function schedule(body: object, as: string = ORG.hr) {
    return system.as(as).post('/sessions').send({ courseId, timezone: 'Asia/Shanghai', place: 'Room 3A', trainer: TRAINER, capacity: 2, ...body });
  }

  describe('the course catalogue', () => {
    it('refuses bad courses with field messages and writes nothing; a specialist may not write', async () => {
      const bad = await system.as(ORG.hr).post('/courses')
        .send({ ...COURSE, code: 'bad code!', category: 'cooking', levels: ['WIZARD'], passMark: 120, durationMinutes: 0 })
        .expect(400);
      expect(bad.body.code).toBe('validation_failed');
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'code', 'durationMinutes', 'levels', 'passMark']);

      const attemptsAlone = await system.as(ORG.hr).post('/courses').send({ ...COURSE, passMark: undefined }).expect(400);
      expect(attemptsAlone.body.errors).toEqual([{ field: 'attemptsAllowed', message: expect.stringContaining('passMark') }]);

      await system.as(ORG.rep).post('/courses').send(COURSE).expect(403);
      await system.http.post('/courses').send(COURSE).expect(401);
      expect(await system.prisma.course.count()).toBe(0);
    });

    it('creates (idempotently), lists, reads and replaces a course with its version', async () => {
      const created = await system.as(ORG.hr).post('/courses').set('Idempotency-Key', 'course-1').send(COURSE).expect(201);
      const again = await system.as(ORG.hr).post('/courses').set('Idempotency-Key', 'course-1').send(COURSE).expect(201);
      expect(again.body.id).toBe(created.body.id);
      courseId = created.body.id;
      expect(created.body).toMatchObject({ code: 'PK-101', title: { 'zh-CN': '产品基础', en: 'Product basics' }, passMark: 80, attemptsAllowed: 2, version: 1 });

      await system.as(ORG.admin).post('/courses').send(COURSE).expect(409);
      expect((await system.as(ORG.rep).get('/courses').expect(200)).body.items.map((c: { code: string }) => c.code)).toEqual(['PK-101']);
      await system.as(ORG.rep).get(`/courses/${courseId}`).expect(200);
      await system.as(ORG.rep).get('/courses/00000000-0000-0000-0000-000000000001').expect(404);

      const replaced = await system.as(ORG.hr).put(`/courses/${courseId}`).send({ ...COURSE, durationMinutes: 90, version: 1 }).expect(200);
      expect(replaced.body).toMatchObject({ durationMinutes: 90, version: 2 });
      await system.as(ORG.hr).put(`/courses/${courseId}`).send({ ...COURSE, version: 1 }).expect(409);
      await system.as(ORG.rep).put(`/courses/${courseId}`).send({ ...COURSE, version: 2 }).expect(403);
    });
  });

  describe('sessions, seats and calendars', () => {
    let sessionId: string;
    const enrollmentOf = new Map<string, string>();

    it('schedules a session and invites the trainer (METHOD:REQUEST, SEQUENCE 0, UTC times)', async () => {
      await schedule({ startsAt: '2027-05-10T01:00:00Z', endsAt: '2027-05-10T03:00:00Z' }, ORG.rep).expect(403);
      const created = await schedule({ startsAt: '2027-05-10T01:00:00Z', endsAt: '2027-05-10T03:00:00Z' }).expect(201);
      sessionId = created.body.id;
      expect(created.body).toMatchObject({ capacity: 2, seatsTaken: 0, waitlistLength: 0, sequence: 0, status: 'SCHEDULED', trainer: { email: TRAINER } });

      const mail = await mailKeyed(`training-invitation:${sessionId}:0:`, TRAINER);
      const ics = icsOf(mail);
      expect(ics).toMatchObject({ method: 'REQUEST', uid: `training-session-${sessionId}@salesflow`, sequence: 0, dtstart: '20270510T010000Z', dtend: '20270510T030000Z' });
      expect(mail.text).toContain('2027-05-10 09:00 (Asia/Shanghai)');
    });

    it('refuses a trainer booked twice (409 naming the other session), on a holiday or absent (422), writing nothing', async () => {
      const before = await system.prisma.trainingSession.count();
      const twice = await schedule({ startsAt: '2027-05-10T02:00:00Z', endsAt: '2027-05-10T04:00:00Z' }).expect(409);
      expect(twice.body.code).toBe('session.trainer_double_booked');
      expect(twice.body.message).toContain(sessionId);

      const holiday = await schedule({ trainer: TRAINER_CN, startsAt: '2027-05-11T01:00:00Z', endsAt: '2027-05-11T03:00:00Z' }).expect(422);
      expect(holiday.body.message).toContain('2027-05-11 is a holiday');

      await system.as(ORG.admin).post('/org/absences').send({ employeeEmail: TRAINER, from: '2027-05-19T00:00:00Z', to: '2027-05-22T00:00:00Z' }).expect(201);
      const absent = await schedule({ startsAt: '2027-05-20T01:00:00Z', endsAt: '2027-05-20T03:00:00Z' }).expect(422);
      expect(absent.body.code).toBe('session.trainer_absent');

      const invalid = await schedule({ startsAt: '2027-05-12T03:00:00Z', endsAt: '2027-05-12T01:00:00Z', timezone: 'Mars/Olympus' }).expect(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['endsAt', 'timezone']);
      expect(await system.prisma.trainingSession.count()).toBe(before);
    });

    it('three concurrent enrollments for two seats: two confirmed and invited, one waitlisted', async () => {
      const people = [ORG.rep, ORG.rep2, REP3];
      const answers = await Promise.all(people.map((email) => system.as(email).post(`/sessions/${sessionId}/enrollments`).send({})));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      for (const [i, email] of people.entries()) enrollmentOf.set(email, answers[i].body.id);
      expect(answers.map((a) => a.body.status).sort()).toEqual(['CONFIRMED', 'CONFIRMED', 'WAITLISTED']);

      const view = await system.as(ORG.rep).get(`/sessions/${sessionId}`).expect(200);
      expect(view.body).toMatchObject({ seatsTaken: 2, waitlistLength: 1 });
      await system.as(ORG.rep).post(`/sessions/${sessionId}/enrollments`).send({}).expect(409);

      const confirmed = answers.filter((a) => a.body.status === 'CONFIRMED').map((a) => a.body.employee.email as string);
      for (const email of confirmed) {
        const ics = icsOf(await mailKeyed(`training-invitation:${sessionId}:0:${await employeeId(email)}:`, email));
        expect(ics).toMatchObject({ method: 'REQUEST', uid: `training-session-${sessionId}@salesflow`, sequence: 0, dtstart: '20270510T010000Z' });
      }
    });

    it('a withdrawal cancels the entry of the one withdrawn and invites the first waitlisted', async () => {
      const rows = await system.prisma.enrollment.findMany({ where: { sessionId } });
      const waitlistedId = rows.find((row) => row.status === 'WAITLISTED')!.id;
      const waitlisted = [...enrollmentOf].find(([, id]) => id === waitlistedId)!;
      const withdrawing = [ORG.rep, ORG.rep2, REP3].find((email) => email !== waitlisted[0])!;
      // Someone else's enrollment: not theirs to withdraw.
      const other = [ORG.rep, ORG.rep2, REP3].find((email) => email !== waitlisted[0] && email !== withdrawing)!;
      await remove(other, `/enrollments/${enrollmentOf.get(withdrawing)}`).expect(403);

      const withdrawn = await remove(ORG.manager, `/enrollments/${enrollmentOf.get(withdrawing)}`).expect(200);
      expect(withdrawn.body.status).toBe('WITHDRAWN');
      await remove(withdrawing, `/enrollments/${enrollmentOf.get(withdrawing)}`).expect(409);

      const cancel = icsOf(await mailKeyed(`training-cancellation:${sessionId}:0:${await employeeId(withdrawing)}:`, withdrawing));
      expect(cancel).toMatchObject({ method: 'CANCEL', uid: `training-session-${sessionId}@salesflow`, status: 'CANCELLED' });

      const promoted = await mailKeyed(`training-invitation:${sessionId}:0:${await employeeId(waitlisted[0])}:${waitlisted[1]}`, waitlisted[0]);
      expect(icsOf(promoted)).toMatchObject({ method: 'REQUEST', uid: `training-session-${sessionId}@salesflow`, sequence: 0 });
      expect((await system.as(ORG.rep).get(`/sessions/${sessionId}`).expect(200)).body).toMatchObject({ seatsTaken: 2, waitlistLength: 0 });
    });

    it('a reschedule updates every calendar (same UID, higher SEQUENCE, new times); a cancellation removes it', async () => {
      const read = await system.as(ORG.hr).get(`/sessions/${sessionId}`).expect(200);
      await patch(ORG.hr, `/sessions/${sessionId}`).send({ version: read.body.version + 1, startsAt: '2027-05-12T06:00:00Z', endsAt: '2027-05-12T08:00:00Z' }).expect(409);
      const moved = await patch(ORG.hr, `/sessions/${sessionId}`).send({ version: read.body.version, startsAt: '2027-05-12T06:00:00Z', endsAt: '2027-05-12T08:00:00Z' }).expect(200);
      expect(moved.body).toMatchObject({ sequence: 1, startsAt: '2027-05-12T06:00:00.000Z' });

      const everyone = [...(await system.prisma.enrollment.findMany({ where: { sessionId, status: 'CONFIRMED' } }))];
      const emails = [TRAINER, ...(await Promise.all(everyone.map(async (e) => (await system.prisma.employee.findUniqueOrThrow({ where: { id: e.employeeId } })).email)))];
      expect(emails).toHaveLength(3);
      for (const email of emails) {
        const ics = icsOf(await mailKeyed(`training-invitation:${sessionId}:1:`, email));
        expect(ics).toMatchObject({ method: 'REQUEST', uid: `training-session-${sessionId}@salesflow`, sequence: 1, dtstart: '20270512T060000Z', dtend: '20270512T080000Z' });
      }

      await system.as(ORG.rep).post(`/sessions/${sessionId}/cancel`).send().expect(403);
      const cancelled = await system.as(ORG.hr).post(`/sessions/${sessionId}/cancel`).send().expect(200);
      expect(cancelled.body).toMatchObject({ status: 'CANCELLED', sequence: 2 });
      await system.as(ORG.hr).post(`/sessions/${sessionId}/cancel`).send().expect(409);
      for (const email of emails) {
        const ics = icsOf(await mailKeyed(`training-cancellation:${sessionId}:2:`, email));
        expect(ics).toMatchObject({ method: 'CANCEL', uid: `training-session-${sessionId}@salesflow`, sequence: 2, status: 'CANCELLED', dtstart: '20270512T060000Z' });
      }
      await system.as(ORG.rep).post(`/sessions/${sessionId}/enrollments`).send({}).expect(409);
      expect(mailsKeyed(`training-invitation:${sessionId}:`).length).toBe(1 + 2 + 1 + 3);
    });
  });

  describe('invitations in the reader\u2019s language; enrolling others; a full session without a waitlist', () => {
    it('a zh-CN reader gets Chinese, an en reader English; managers and HR enroll others; 409 when full', async () => {
      const created = await schedule({ startsAt: '2027-05-13T01:00:00Z', endsAt: '2027-05-13T03:00:00Z', capacity: 3, waitlist: false }).expect(201);
      const id = created.body.id as string;
      await system.as(ORG.rep2).post(`/sessions/${id}/enrollments`).send({ employeeEmail: REP3 }).expect(403);
      await system.as(ORG.manager).post(`/sessions/${id}/enrollments`).send({ employeeEmail: REP3 }).expect(201);
      await system.as(ORG.hr).post(`/sessions/${id}/enrollments`).send({ employeeEmail: ORG.rep }).expect(201);
      await system.as(ORG.rep2).post(`/sessions/${id}/enrollments`).send({}).expect(201);
      const full = await system.as(ORG.manager).post(`/sessions/${id}/enrollments`).send({}).expect(409);
      expect(full.body.code).toBe('session.full');
      expect((await system.as(ORG.rep).get(`/sessions/${id}`).expect(200)).body).toMatchObject({ seatsTaken: 3, waitlistLength: 0 });

      // Rita works from Berlin: 01:00Z is 03:00 there (summer time).
      const berlin = await mailKeyed(`training-invitation:${id}:0:${await employeeId(ORG.rep2)}:`, ORG.rep2);
      expect(berlin.text).toContain('2027-05-13 03:00 (Europe/Berlin)');
      expect(icsOf(berlin).dtstart).toBe('20270513T010000Z');

      const zh = await mailKeyed(`training-invitation:${id}:0:${await employeeId(REP3)}:`, REP3);
      expect(zh.subject).toBe('培训邀请：产品基础（PK-101）');
      expect(zh.text).toContain('2027-05-13 09:00 (Asia/Shanghai)');
      expect(icsOf(zh).raw).toContain('SUMMARY:产品基础 (PK-101)');
      const en = await mailKeyed(`training-invitation:${id}:0:${await employeeId(ORG.rep)}:`, ORG.rep);
      expect(en.subject).toBe('Training invitation: Product basics (PK-101)');
      expect(en.text).toContain('You are enrolled in the training session Product basics');
    });
  });
});

import jwt from 'jsonwebtoken';
import type supertest from 'supertest';
import { MAX_INPUT_DEPTH } from '#libs/platform';
import { idempotencyKeyOf as keyOf, waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { engineHasPassed } from '../support/reliability.js';
import { TEST_JWT_SECRET } from '../support/test-system.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10 item 13 and SPEC principles 6 and 7, for every training endpoint, table by table:
 * 400 with field messages, 401, 403, 404, 409, 422, each writing nothing (every training table's
 * row count and last change, timers, ledger and idempotency records compared before and after),
 * and `Idempotency-Key` replay on the three creates (same answer, one row). Hostile input (a NUL
 * byte in a string, deeply nested JSON, a `__proto__` key) is tried on each endpoint with a body.
 *
 * What the other training files already check is not repeated here: the course fields and POST
 * /courses' 401/403/409 (training-sessions), a specialist scheduling, the trainer booked twice or
 * on holiday or absent at creation, a full session without a waitlist, enrolling twice or in a
 * cancelled session, a specialist enrolling someone else, withdrawing twice (training-sessions);
 * the plan's rule paths, year 19 and a specialist publishing (training-plans); the policy's
 * fields, attendance before the start, another employee recording attendance or scoring, scoring
 * twice (training-attendance).
 *
 * The clock stands on Thursday 2027-05-06 10:00 in Shanghai.
 */
const T0 = new Date('2027-05-06T02:00:00Z');
const UNKNOWN = '00000000-0000-4000-8000-000000000404';
const TRAINER = 'trainer@salesflow.test';
const OTHER_TRAINER = 'trainer2@salesflow.test';
const OTHER_MANAGER = 'manager-west@salesflow.test';
const REP_WEST = 'rep-west@salesflow.test';
const CS = 'cs@salesflow.test';

const COURSE = {
  code: 'IP-101', titleZh: '输入与权限', titleEn: 'Input and permissions', category: 'compliance', levels: ['SALES_SPECIALIST'],
  durationMinutes: 120, mandatory: true, passMark: 80, attemptsAllowed: 2,
};

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Case {
  name: string;
  /** The caller; null: no Authorization header. */
  as: string | null;
  method: Method;
  path: () => string;
  body?: () => unknown;
  /** A raw JSON text instead of `body`. */
  raw?: () => string;
  headers?: Record<string, string>;
  status: number;
  code?: string;
  fields?: string[];
  /** Where the clock stands for this request (default: T0, before every session). */
  at?: string;
}

describe('training: bad input and permissions, endpoint by endpoint, writing nothing', () => {
  const clock = new ManualClock(T0);
  const ids = {
    course: '', courseNoAssessment: '', session: '', otherSession: '', tightSession: '', holidaySession: '',
    enrollment: '', waitlisted: '', otherEnrollment: '', noAssessmentEnrollment: '',
  };
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await system.as(ORG.admin).put('/org/calendars/cn-holidays')
        .send({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', holidays: ['2027-05-11'], workdays: [] })
        .expect(200);
      await addEmployees(system, [
        // Trainers who are neither HR nor ADMIN, so their rights come from the session alone.
        { email: TRAINER, name: 'Tara Trainer', role: 'SALES_MANAGER', calendar: 'cn-holidays' },
        { email: OTHER_TRAINER, name: 'Otto Trainer', role: 'SALES_MANAGER' },
        { email: OTHER_MANAGER, name: 'Wendy West', role: 'SALES_MANAGER', managerEmail: ORG.director, team: 'West' },
        { email: REP_WEST, name: 'Wes West', role: 'SALES_SPECIALIST', managerEmail: OTHER_MANAGER, team: 'West' },
        { email: CS, name: 'Cai Service', role: 'CUSTOMER_SERVICE', managerEmail: ORG.manager, team: 'East' },
      ]);
      ids.course = (await system.as(ORG.hr).post('/courses').send(COURSE).expect(201)).body.id;
      ids.courseNoAssessment = (await system.as(ORG.hr).post('/courses').send({ ...COURSE, code: 'IP-102', passMark: undefined, attemptsAllowed: undefined }).expect(201)).body.id;
      const session = (body: object) => system.as(ORG.hr).post('/sessions')
        .send({ courseId: ids.course, timezone: 'Asia/Shanghai', place: 'Room 3A', trainer: TRAINER, capacity: 5, ...body }).expect(201);
      ids.session = (await session({ startsAt: '2027-05-10T01:00:00Z', endsAt: '2027-05-10T03:00:00Z' })).body.id;
      ids.otherSession = (await session({ startsAt: '2027-05-10T01:00:00Z', endsAt: '2027-05-10T03:00:00Z', trainer: OTHER_TRAINER })).body.id;
      ids.tightSession = (await session({ startsAt: '2027-05-12T01:00:00Z', endsAt: '2027-05-12T03:00:00Z', capacity: 1 })).body.id;
      ids.holidaySession = (await session({ courseId: ids.courseNoAssessment, startsAt: '2027-05-13T01:00:00Z', endsAt: '2027-05-13T03:00:00Z' })).body.id;
      const enroll = async (sessionId: string, email: string) => (await system.as(ORG.hr).post(`/sessions/${sessionId}/enrollments`).send({ employeeEmail: email }).expect(201)).body;
      ids.enrollment = (await enroll(ids.session, ORG.rep)).id;
      await enroll(ids.session, CS);
      ids.otherEnrollment = (await enroll(ids.otherSession, ORG.rep2)).id;
      await enroll(ids.tightSession, ORG.rep);
      const waitlisted = await enroll(ids.tightSession, ORG.rep2);
      expect(waitlisted.status).toBe('WAITLISTED');
      ids.waitlisted = waitlisted.id;
      ids.noAssessmentEnrollment = (await enroll(ids.holidaySession, ORG.rep2)).id;
    },
  });

  function request(c: Pick<Case, 'as' | 'method' | 'path' | 'body' | 'raw' | 'headers'>): supertest.Test {
    let test = system.http[c.method](c.path());
    if (c.as !== null) test = test.set('Authorization', `Bearer ${system.token(c.as)}`);
    for (const [name, value] of Object.entries(c.headers ?? {})) test = test.set(name, value);
    if (c.raw) return test.set('Content-Type', 'application/json').send(c.raw());
    return c.body ? test.send(c.body() as object) : test;
  }

  /** Every training table (rows and last change), timers, the ledger, idempotency records, absences, audit. */
  async function written(): Promise<Record<string, string>> {
    const rows = await system.prisma.$queryRaw<{ name: string; n: bigint; last: string | null }[]>`
      SELECT 'Course' AS name, count(*) AS n, max("updatedAt")::text AS last FROM "Course"
      UNION ALL SELECT 'TrainingSession', count(*), max("updatedAt")::text FROM "TrainingSession"
      UNION ALL SELECT 'Enrollment', count(*), max("updatedAt")::text FROM "Enrollment"
      UNION ALL SELECT 'TrainingRequirement', count(*), max("updatedAt")::text FROM "TrainingRequirement"
      UNION ALL SELECT 'Certificate', count(*), NULL FROM "Certificate"
      UNION ALL SELECT 'TrainingPlan', count(*), NULL FROM "TrainingPlan"
      UNION ALL SELECT 'TrainingPolicy', count(*), NULL FROM "TrainingPolicy"
      UNION ALL SELECT 'Timer', count(*), max("cancelledAt")::text FROM "Timer"
      UNION ALL SELECT 'Notification', count(*), NULL FROM "Notification"
      UNION ALL SELECT 'IdempotencyRecord', count(*), NULL FROM "IdempotencyRecord"
      UNION ALL SELECT 'Absence', count(*), NULL FROM "Absence"
      UNION ALL SELECT 'AuditEntry', count(*), NULL FROM "AuditEntry" WHERE "actorId" IS NOT NULL`;
    return Object.fromEntries(rows.map((row) => [row.name, `${row.n} ${row.last ?? ''}`]));
  }

  async function expectRefused(c: Case): Promise<void> {
    const before = await written();
    const response = await request(c);
    expect([c.name, response.status, response.body]).toEqual([c.name, c.status, expect.anything()]);
    if (c.code) expect([c.name, response.body.code]).toEqual([c.name, c.code]);
    if (c.fields) {
      const fields = [...new Set((response.body.errors as { field: string; message: string }[]).map((e) => e.field))].sort();
      expect([c.name, fields]).toEqual([c.name, [...c.fields].sort()]);
      expect((response.body.errors as { message: string }[]).every((e) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
    }
    expect([c.name, await written()]).toEqual([c.name, before]);
  }

  /**
   * Moves the clock; forward, it waits until whatever fell due (reminders, training absences) has
   * been written and sent, so that a refused request's "nothing written" compares quiet states.
   */
  async function clockAt(at: Date): Promise<void> {
    const forward = at > clock.now();
    clock.set(at);
    if (!forward) return;
    await engineHasPassed(system, at);
    await waitFor('every outbox row to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0, { timeoutMs: 30_000 });
  }

  const validSession = () => ({ courseId: ids.course, startsAt: '2027-05-20T01:00:00Z', endsAt: '2027-05-20T03:00:00Z', timezone: 'Asia/Shanghai', place: 'Room 5', trainer: TRAINER, capacity: 3 });
  const sessionVersion = async (id: string) => (await system.prisma.trainingSession.findUniqueOrThrow({ where: { id } })).version;
  let version = 1;

  describe('401: no token, or one that is not ours, on every training endpoint', () => {
    const endpoints: [string, Method, () => string][] = [
      ['GET /courses', 'get', () => '/courses'], ['GET /courses/:id', 'get', () => `/courses/${ids.course}`], ['PUT /courses/:id', 'put', () => `/courses/${ids.course}`],
      ['GET /training-plans/:year', 'get', () => '/training-plans/2027'], ['PUT /training-plans/:year', 'put', () => '/training-plans/2027'],
      ['GET /training-plans/:year/progress', 'get', () => '/training-plans/2027/progress'],
      ['POST /sessions', 'post', () => '/sessions'], ['GET /sessions/:id', 'get', () => `/sessions/${ids.session}`], ['PATCH /sessions/:id', 'patch', () => `/sessions/${ids.session}`],
      ['POST /sessions/:id/cancel', 'post', () => `/sessions/${ids.session}/cancel`], ['POST /sessions/:id/enrollments', 'post', () => `/sessions/${ids.session}/enrollments`],
      ['DELETE /enrollments/:id', 'delete', () => `/enrollments/${ids.enrollment}`], ['POST /sessions/:id/attendance', 'post', () => `/sessions/${ids.session}/attendance`],
      ['POST /enrollments/:id/assessment', 'post', () => `/enrollments/${ids.enrollment}/assessment`],
      ['GET /training-policy', 'get', () => '/training-policy'], ['PUT /training-policy', 'put', () => '/training-policy'],
    ];
    const forged = () => jwt.sign({ sub: ORG.hr }, 'not-the-secret', { algorithm: 'HS256', expiresIn: '1h' });
    const expired = () => jwt.sign({ sub: ORG.hr, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, { algorithm: 'HS256' });
    const unknownPerson = () => system.token('nobody@salesflow.test');

    it.each(endpoints)('%s', async (_name, method, path) => {
      await expectRefused({ name: `${method} no token`, as: null, method, path, body: () => ({}), status: 401 });
      for (const [what, token] of [['forged', forged], ['expired', expired], ['not in the directory', unknownPerson]] as const) {
        const before = await written();
        const response = await system.http[method](path()).set('Authorization', `Bearer ${token()}`).send({});
        expect([what, response.status]).toEqual([what, 401]);
        expect(await written()).toEqual(before);
      }
    });
  });

  describe('400: field messages, nothing written', () => {
    const cases: Case[] = [
      { name: 'PUT /courses/:id with bad fields', as: ORG.hr, method: 'put', path: () => `/courses/${ids.course}`, body: () => ({ ...COURSE, version: 0, passMark: 101, category: 'cooking' }), status: 400, fields: ['version', 'passMark', 'category'] },
      { name: 'PUT /courses/:id without its version', as: ORG.hr, method: 'put', path: () => `/courses/${ids.course}`, body: () => COURSE, status: 400, fields: ['version'] },
      { name: 'PUT /courses/:id with an unknown field', as: ORG.hr, method: 'put', path: () => `/courses/${ids.course}`, body: () => ({ ...COURSE, version: 1, colour: 'red' }), status: 400, fields: ['colour'] },
      { name: 'GET /courses with an unknown category', as: ORG.rep, method: 'get', path: () => '/courses?category=cooking', status: 400, fields: ['category'] },
      { name: 'GET /courses with a limit that is no number', as: ORG.rep, method: 'get', path: () => '/courses?limit=many', status: 400, fields: ['limit'] },
      { name: 'GET /courses with a limit of 0', as: ORG.rep, method: 'get', path: () => '/courses?limit=0', status: 400, fields: ['limit'] },
      { name: 'GET /training-plans/:year with no year', as: ORG.rep, method: 'get', path: () => '/training-plans/next', status: 400, fields: ['year'] },
      { name: 'GET /training-plans/:year/progress with no year', as: ORG.manager, method: 'get', path: () => '/training-plans/20x7/progress', status: 400, fields: ['year'] },
      { name: 'PUT /training-plans/:year with a year out of range', as: ORG.hr, method: 'put', path: () => '/training-plans/1999', body: () => ({ rules: [] }), status: 400, fields: ['year'] },
      { name: 'PUT /training-plans/:year with an array for a body', as: ORG.hr, method: 'put', path: () => '/training-plans/2027', body: () => [], status: 400 },
      { name: 'PUT /training-plans/:year with rules that are no list', as: ORG.hr, method: 'put', path: () => '/training-plans/2027', body: () => ({ rules: 'PK-101' }), status: 400, fields: ['rules'] },
      { name: 'PUT /training-plans/:year without rules', as: ORG.hr, method: 'put', path: () => '/training-plans/2027', body: () => ({}), status: 400, fields: ['rules'] },
      {
        name: 'POST /sessions with bad fields', as: ORG.hr, method: 'post', path: () => '/sessions',
        body: () => ({ ...validSession(), courseId: 'IP-101', startsAt: 'next Monday', capacity: 0, onlineUrl: 'room 5', waitlist: 'yes' }),
        status: 400, fields: ['courseId', 'startsAt', 'capacity', 'onlineUrl', 'waitlist'],
      },
      { name: 'POST /sessions without course, times, trainer and capacity', as: ORG.hr, method: 'post', path: () => '/sessions', body: () => ({ place: 'Room 5' }), status: 400, fields: ['courseId', 'startsAt', 'endsAt', 'timezone', 'trainer', 'capacity'] },
      { name: 'POST /sessions with neither place nor online link', as: ORG.hr, method: 'post', path: () => '/sessions', body: () => ({ ...validSession(), place: undefined }), status: 400, fields: ['place'] },
      { name: 'POST /sessions with an unknown field', as: ORG.hr, method: 'post', path: () => '/sessions', body: () => ({ ...validSession(), room: 5 }), status: 400, fields: ['room'] },
      { name: 'POST /sessions with malformed JSON', as: ORG.hr, method: 'post', path: () => '/sessions', raw: () => '{"courseId": ', status: 400, code: 'malformed_json' },
      { name: 'POST /sessions with a bad Idempotency-Key', as: ORG.hr, method: 'post', path: () => '/sessions', body: validSession, headers: { 'Idempotency-Key': 'x'.repeat(201) }, status: 400, fields: ['Idempotency-Key'] },
      { name: 'PATCH /sessions/:id without its version', as: ORG.hr, method: 'patch', path: () => `/sessions/${ids.session}`, body: () => ({ capacity: 6 }), status: 400, fields: ['version'] },
      { name: 'PATCH /sessions/:id with bad fields', as: ORG.hr, method: 'patch', path: () => `/sessions/${ids.session}`, body: () => ({ version, capacity: 0, startsAt: '2027-13-01T00:00:00Z', onlineUrl: 'ftp' }), status: 400, fields: ['capacity', 'startsAt', 'onlineUrl'] },
      { name: 'PATCH /sessions/:id ending before it starts', as: ORG.hr, method: 'patch', path: () => `/sessions/${ids.session}`, body: () => ({ version, endsAt: '2027-05-10T00:00:00Z' }), status: 400, fields: ['endsAt'] },
      { name: 'PATCH /sessions/:id removing its only place', as: ORG.hr, method: 'patch', path: () => `/sessions/${ids.session}`, body: () => ({ version, place: null }), status: 400, fields: ['place'] },
      { name: 'PATCH /sessions/:id moving its course', as: ORG.hr, method: 'patch', path: () => `/sessions/${ids.session}`, body: () => ({ version, courseId: ids.courseNoAssessment }), status: 400, fields: ['courseId'] },
      { name: 'POST /sessions/:id/enrollments for no email', as: ORG.hr, method: 'post', path: () => `/sessions/${ids.session}/enrollments`, body: () => ({ employeeEmail: 'rep2 at salesflow' }), status: 400, fields: ['employeeEmail'] },
      { name: 'POST /sessions/:id/enrollments with an unknown field', as: ORG.rep2, method: 'post', path: () => `/sessions/${ids.session}/enrollments`, body: () => ({ seat: 1 }), status: 400, fields: ['seat'] },
      { name: 'POST /sessions/:id/attendance with no records', as: TRAINER, method: 'post', path: () => `/sessions/${ids.session}/attendance`, body: () => ({ records: [] }), status: 400, fields: ['records'] },
      { name: 'POST /sessions/:id/attendance without records', as: TRAINER, method: 'post', path: () => `/sessions/${ids.session}/attendance`, body: () => ({}), status: 400, fields: ['records'] },
      { name: 'POST /sessions/:id/attendance naming no enrollment', as: TRAINER, method: 'post', path: () => `/sessions/${ids.session}/attendance`, body: () => ({ records: [{ enrollmentId: 'rep', status: 'present' }] }), status: 400, fields: ['records[0].enrollmentId'] },
      { name: 'POST /sessions/:id/attendance naming one enrollment twice', as: TRAINER, method: 'post', path: () => `/sessions/${ids.session}/attendance`, body: () => ({ records: [{ enrollmentId: ids.enrollment, status: 'present' }, { enrollmentId: ids.enrollment, status: 'absent' }] }), status: 400, fields: ['records'] },
      ...[101, -1, 79.5, '80', null].map((score): Case => ({ name: `POST /enrollments/:id/assessment scoring ${JSON.stringify(score)}`, as: TRAINER, method: 'post', path: () => `/enrollments/${ids.enrollment}/assessment`, body: () => ({ score }), status: 400, fields: ['score'] })),
      { name: 'POST /enrollments/:id/assessment without a score', as: TRAINER, method: 'post', path: () => `/enrollments/${ids.enrollment}/assessment`, body: () => ({}), status: 400, fields: ['score'] },
      { name: 'PUT /training-policy with offsets that are no list', as: ORG.hr, method: 'put', path: () => '/training-policy', body: () => ({ remindersBefore: 'P1D', digestWeekday: 1, digestLocalTime: '09:00' }), status: 400, fields: ['remindersBefore'] },
      { name: 'PUT /training-policy with an unknown field', as: ORG.hr, method: 'put', path: () => '/training-policy', body: () => ({ remindersBefore: ['P1D'], digestAt: 'monday' }), status: 400 },
    ];
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      version = await sessionVersion(ids.session);
      await expectRefused(c);
    });
  });

  describe('403: a role or a person the SPEC does not entitle', () => {
    const cases: Case[] = [
      ...[ORG.manager, ORG.director, ORG.finance].map((as): Case => ({ name: `POST /courses as ${as}`, as, method: 'post', path: () => '/courses', body: () => ({ ...COURSE, code: 'IP-999' }), status: 403 })),
      { name: 'PUT /courses/:id as a manager', as: ORG.manager, method: 'put', path: () => `/courses/${ids.course}`, body: () => ({ ...COURSE, version: 1 }), status: 403 },
      ...[ORG.manager, ORG.director, ORG.legal].map((as): Case => ({ name: `PUT /training-plans/:year as ${as}`, as, method: 'put', path: () => '/training-plans/2027', body: () => ({ rules: [] }), status: 403 })),
      ...[ORG.finance, CS].map((as): Case => ({ name: `POST /sessions as ${as}`, as, method: 'post', path: () => '/sessions', body: validSession, status: 403 })),
      { name: 'PATCH /sessions/:id as a specialist', as: ORG.rep, method: 'patch', path: () => `/sessions/${ids.session}`, body: () => ({ version, capacity: 6 }), status: 403 },
      { name: 'PATCH /sessions/:id as its trainer, who did not schedule it', as: TRAINER, method: 'patch', path: () => `/sessions/${ids.session}`, body: () => ({ version, capacity: 6 }), status: 403 },
      { name: 'PATCH /sessions/:id as a manager who did not schedule it', as: ORG.manager, method: 'patch', path: () => `/sessions/${ids.session}`, body: () => ({ version, capacity: 6 }), status: 403 },
      { name: 'POST /sessions/:id/cancel as a manager who did not schedule it', as: ORG.manager, method: 'post', path: () => `/sessions/${ids.session}/cancel`, status: 403 },
      { name: 'POST /sessions/:id/cancel as its trainer', as: TRAINER, method: 'post', path: () => `/sessions/${ids.session}/cancel`, status: 403 },
      { name: 'POST /sessions/:id/enrollments: a manager enrolling someone outside their line', as: ORG.manager, method: 'post', path: () => `/sessions/${ids.session}/enrollments`, body: () => ({ employeeEmail: REP_WEST }), status: 403 },
      { name: 'POST /sessions/:id/enrollments: finance enrolling a specialist', as: ORG.finance, method: 'post', path: () => `/sessions/${ids.session}/enrollments`, body: () => ({ employeeEmail: ORG.rep2 }), status: 403 },
      { name: 'POST /sessions/:id/enrollments: a specialist enrolling their manager', as: ORG.rep, method: 'post', path: () => `/sessions/${ids.session}/enrollments`, body: () => ({ employeeEmail: ORG.manager }), status: 403 },
      { name: 'DELETE /enrollments/:id by another line\u2019s manager', as: OTHER_MANAGER, method: 'delete', path: () => `/enrollments/${ids.enrollment}`, status: 403 },
      { name: 'DELETE /enrollments/:id by the trainer', as: TRAINER, method: 'delete', path: () => `/enrollments/${ids.enrollment}`, status: 403 },
      { name: 'POST /sessions/:id/attendance by the attendee', as: ORG.rep, method: 'post', path: () => `/sessions/${ids.session}/attendance`, body: () => ({ records: [{ enrollmentId: ids.enrollment, status: 'present' }] }), status: 403 },
      { name: 'POST /sessions/:id/attendance by the attendee\u2019s manager', as: ORG.manager, method: 'post', path: () => `/sessions/${ids.session}/attendance`, body: () => ({ records: [{ enrollmentId: ids.enrollment, status: 'present' }] }), status: 403 },
      { name: 'POST /sessions/:id/attendance by the trainer of another session', as: OTHER_TRAINER, method: 'post', path: () => `/sessions/${ids.session}/attendance`, body: () => ({ records: [{ enrollmentId: ids.enrollment, status: 'present' }] }), status: 403 },
      { name: 'POST /enrollments/:id/assessment by the trainer of another session', as: OTHER_TRAINER, method: 'post', path: () => `/enrollments/${ids.enrollment}/assessment`, body: () => ({ score: 90 }), status: 403 },
      { name: 'POST /enrollments/:id/assessment by the attendee', as: ORG.rep, method: 'post', path: () => `/enrollments/${ids.enrollment}/assessment`, body: () => ({ score: 100 }), status: 403 },
      { name: 'POST /enrollments/:id/assessment by the attendee\u2019s manager', as: ORG.manager, method: 'post', path: () => `/enrollments/${ids.enrollment}/assessment`, body: () => ({ score: 100 }), status: 403 },
      ...[ORG.manager, ORG.director, ORG.finance].map((as): Case => ({ name: `PUT /training-policy as ${as}`, as, method: 'put', path: () => '/training-policy', body: () => ({ remindersBefore: ['P1D'] }), status: 403 })),
    ];
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      version = await sessionVersion(ids.session);
      // After the start, so attendance and scores are refused for who asks, not for when.
      await clockAt(new Date('2027-05-10T03:00:00Z'));
      await expectRefused(c);
    });
  });

  describe('404: what does not exist', () => {
    const cases: Case[] = [
      { name: 'PUT /courses/:id', as: ORG.hr, method: 'put', path: () => `/courses/${UNKNOWN}`, body: () => ({ ...COURSE, version: 1 }), status: 404, code: 'course.not_found' },
      { name: 'GET /training-plans/:year/progress of a year without a plan', as: ORG.hr, method: 'get', path: () => '/training-plans/2030/progress', status: 404 },
      { name: 'POST /sessions of an unknown course', as: ORG.hr, method: 'post', path: () => '/sessions', body: () => ({ ...validSession(), courseId: UNKNOWN }), status: 404, code: 'course.not_found' },
      { name: 'GET /sessions/:id', as: ORG.rep, method: 'get', path: () => `/sessions/${UNKNOWN}`, status: 404, code: 'session.not_found' },
      { name: 'PATCH /sessions/:id', as: ORG.hr, method: 'patch', path: () => `/sessions/${UNKNOWN}`, body: () => ({ version: 1, capacity: 6 }), status: 404, code: 'session.not_found' },
      { name: 'POST /sessions/:id/cancel', as: ORG.hr, method: 'post', path: () => `/sessions/${UNKNOWN}/cancel`, status: 404, code: 'session.not_found' },
      { name: 'POST /sessions/:id/enrollments', as: ORG.rep, method: 'post', path: () => `/sessions/${UNKNOWN}/enrollments`, body: () => ({}), status: 404, code: 'session.not_found' },
      { name: 'DELETE /enrollments/:id', as: ORG.hr, method: 'delete', path: () => `/enrollments/${UNKNOWN}`, status: 404, code: 'enrollment.not_found' },
      { name: 'POST /sessions/:id/attendance', as: ORG.hr, method: 'post', path: () => `/sessions/${UNKNOWN}/attendance`, body: () => ({ records: [{ enrollmentId: UNKNOWN, status: 'present' }] }), status: 404, code: 'session.not_found' },
      { name: 'POST /enrollments/:id/assessment', as: ORG.hr, method: 'post', path: () => `/enrollments/${UNKNOWN}/assessment`, body: () => ({ score: 90 }), status: 404, code: 'enrollment.not_found' },
      // A path id that is no UUID at all is not found either (never a 500 from the database).
      { name: 'GET /courses/:id that is no UUID', as: ORG.rep, method: 'get', path: () => '/courses/PK-101', status: 404 },
      { name: 'GET /sessions/:id that is no UUID', as: ORG.rep, method: 'get', path: () => '/sessions/42', status: 404 },
      { name: 'DELETE /enrollments/:id that is no UUID', as: ORG.hr, method: 'delete', path: () => '/enrollments/latest', status: 404 },
      { name: 'POST /enrollments/:id/assessment that is no UUID', as: ORG.hr, method: 'post', path: () => '/enrollments/x/assessment', body: () => ({ score: 90 }), status: 404 },
    ];
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      await clockAt(T0);
      await expectRefused(c);
    });
  });

  describe('409 and 422: a conflict, or a request the rules cannot serve', () => {
    const cases: Case[] = [
      { name: '409 PUT /courses/:id taking another course\u2019s code', as: ORG.hr, method: 'put', path: () => `/courses/${ids.courseNoAssessment}`, body: () => ({ ...COURSE, passMark: undefined, attemptsAllowed: undefined, version: 1 }), status: 409, code: 'course.code_taken' },
      { name: '409 PATCH /sessions/:id onto another session of the trainer', as: ORG.hr, method: 'patch', path: () => `/sessions/${ids.tightSession}`, body: () => ({ version: 1, startsAt: '2027-05-10T02:00:00Z', endsAt: '2027-05-10T04:00:00Z' }), status: 409, code: 'session.trainer_double_booked' },
      { name: '422 PATCH /sessions/:id onto the trainer\u2019s holiday', as: ORG.hr, method: 'patch', path: () => `/sessions/${ids.tightSession}`, body: () => ({ version: 1, startsAt: '2027-05-11T01:00:00Z', endsAt: '2027-05-11T03:00:00Z' }), status: 422, code: 'session.trainer_holiday' },
      { name: '422 PATCH /sessions/:id into the past', as: ORG.hr, method: 'patch', path: () => `/sessions/${ids.tightSession}`, body: () => ({ version: 1, startsAt: '2027-05-05T01:00:00Z', endsAt: '2027-05-05T03:00:00Z' }), status: 422, code: 'session.in_the_past' },
      { name: '422 PATCH /sessions/:id below the seats confirmed', as: ORG.hr, method: 'patch', path: () => `/sessions/${ids.session}`, body: () => ({ version, capacity: 1 }), status: 422, code: 'session.capacity_below_confirmed' },
      { name: '422 POST /sessions starting in the past', as: ORG.hr, method: 'post', path: () => '/sessions', body: () => ({ ...validSession(), startsAt: '2027-05-06T01:00:00Z', endsAt: '2027-05-06T03:00:00Z' }), status: 422, code: 'session.in_the_past' },
      { name: '422 POST /sessions with a trainer not in the directory', as: ORG.hr, method: 'post', path: () => '/sessions', body: () => ({ ...validSession(), trainer: 'ghost@salesflow.test' }), status: 422, code: 'session.trainer_unknown' },
      { name: '422 POST /sessions/:id/enrollments for someone not in the directory', as: ORG.hr, method: 'post', path: () => `/sessions/${ids.session}/enrollments`, body: () => ({ employeeEmail: 'ghost@salesflow.test' }), status: 422, code: 'enrollment.employee_unknown' },
      { name: '422 POST /sessions/:id/attendance for someone waitlisted', as: ORG.hr, method: 'post', path: () => `/sessions/${ids.tightSession}/attendance`, body: () => ({ records: [{ enrollmentId: ids.waitlisted, status: 'present' }] }), at: '2027-05-12T03:00:00Z', status: 422, code: 'attendance.not_confirmed' },
      { name: '422 POST /sessions/:id/attendance for an enrollment of another session', as: ORG.hr, method: 'post', path: () => `/sessions/${ids.session}/attendance`, body: () => ({ records: [{ enrollmentId: ids.otherEnrollment, status: 'present' }] }), at: '2027-05-12T03:00:00Z', status: 422, code: 'attendance.not_confirmed' },
      { name: '422 POST /enrollments/:id/assessment on a course without an assessment', as: ORG.hr, method: 'post', path: () => `/enrollments/${ids.noAssessmentEnrollment}/assessment`, body: () => ({ score: 90 }), at: '2027-05-13T03:00:00Z', status: 422, code: 'assessment.none' },
    ];
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      version = await sessionVersion(ids.session);
      await clockAt(new Date(c.at ?? T0));
      await expectRefused(c);
    });
  });

  describe('Idempotency-Key on the creates: the same key and body answer the first result, with one row', () => {
    beforeAll(() => clockAt(T0));

    it('POST /courses: a replay answers the same course; another body under the key is 409; nothing more is written', async () => {
      const body = { ...COURSE, code: 'IP-201' };
      const first = await system.as(ORG.hr).post('/courses').set('Idempotency-Key', 'ip-course').send(body).expect(201);
      const before = await written();
      const again = await system.as(ORG.hr).post('/courses').set('Idempotency-Key', 'ip-course').send({ ...body }).expect(201);
      expect(again.body).toEqual(first.body);
      const reused = await system.as(ORG.hr).post('/courses').set('Idempotency-Key', 'ip-course').send({ ...body, code: 'IP-202' }).expect(409);
      expect(reused.body.code).toBe('conflict.idempotency_key_reused');
      expect(await written()).toEqual(before);
      expect(await system.prisma.course.count({ where: { code: { in: ['IP-201', 'IP-202'] } } })).toBe(1);
    });

    it('POST /sessions: two concurrent requests and a replay under one key make one session and one invitation to the trainer', async () => {
      const body = { ...validSession(), startsAt: '2027-05-21T01:00:00Z', endsAt: '2027-05-21T03:00:00Z' };
      const sessionsBefore = await system.prisma.trainingSession.count();
      const answers = await Promise.all([1, 2].map(() => system.as(ORG.hr).post('/sessions').set('Idempotency-Key', 'ip-session').send(body)));
      expect(answers.map((a) => a.status)).toEqual([201, 201]);
      expect(answers[1].body).toEqual(answers[0].body);
      const before = await written();
      const replay = await system.as(ORG.hr).post('/sessions').set('Idempotency-Key', 'ip-session').send(body).expect(201);
      expect(replay.body).toEqual(answers[0].body);
      await system.as(ORG.hr).post('/sessions').set('Idempotency-Key', 'ip-session').send({ ...body, capacity: 9 }).expect(409);
      expect(await written()).toEqual(before);
      expect(await system.prisma.trainingSession.count()).toBe(sessionsBefore + 1);
      const id: string = answers[0].body.id;
      expect(await system.prisma.notification.count({ where: { idempotencyKey: { startsWith: `training-invitation:${id}:` } } })).toBe(1);
      await system.smtp.waitForEmail('the trainer\u2019s invitation', (mail) => keyOf(mail).startsWith(`training-invitation:${id}:0:`));
      // Another caller's key space is their own: the same key from HR's colleague is a new request.
      const byAdmin = await system.as(ORG.admin).post('/sessions').set('Idempotency-Key', 'ip-session').send({ ...body, trainer: OTHER_TRAINER }).expect(201);
      expect(byAdmin.body.id).not.toBe(id);
    });

    it('POST /sessions/:id/enrollments: a replay answers the same enrollment with one row; enrolling again without the key is 409', async () => {
      const path = `/sessions/${ids.session}/enrollments`;
      const first = await system.as(ORG.rep2).post(path).set('Idempotency-Key', 'ip-enroll').send({}).expect(201);
      const before = await written();
      const again = await system.as(ORG.rep2).post(path).set('Idempotency-Key', 'ip-enroll').send({}).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await written()).toEqual(before);
      const twice = await system.as(ORG.rep2).post(path).send({}).expect(409);
      expect(twice.body.code).toBe('enrollment.exists');
      expect(await written()).toEqual(before);
      const rep2 = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.rep2 } });
      expect(await system.prisma.enrollment.count({ where: { sessionId: ids.session, employeeId: rep2.id } })).toBe(1);
      expect(await system.prisma.notification.count({ where: { idempotencyKey: { startsWith: `training-invitation:${ids.session}:0:${rep2.id}:` } } })).toBe(1);

      // A double click: two concurrent requests under one key, one enrollment, the same answer twice.
      const twins = await Promise.all([1, 2].map(() => system.as(REP_WEST).post(path).set('Idempotency-Key', 'ip-enroll-twice').send({})));
      expect(twins.map((a) => a.status)).toEqual([201, 201]);
      expect(twins[1].body).toEqual(twins[0].body);
      const west = await system.prisma.employee.findUniqueOrThrow({ where: { email: REP_WEST } });
      expect(await system.prisma.enrollment.count({ where: { sessionId: ids.session, employeeId: west.id } })).toBe(1);
    });
  });

  describe('hostile input: a NUL byte, deeply nested JSON, a __proto__ key (400 naming the field, nothing written)', () => {
    const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    /** Each endpoint with a body: a valid body as JSON text, and the name of one of its string fields. */
    const endpoints: { name: string; as: string; method: Method; path: () => string; body: () => Record<string, unknown>; text: string | null }[] = [
      { name: 'POST /courses', as: ORG.hr, method: 'post', path: () => '/courses', body: () => ({ ...COURSE, code: 'IP-301' }), text: 'titleEn' },
      { name: 'PUT /courses/:id', as: ORG.hr, method: 'put', path: () => `/courses/${ids.course}`, body: () => ({ ...COURSE, version: 1 }), text: 'titleZh' },
      { name: 'PUT /training-plans/:year', as: ORG.hr, method: 'put', path: () => '/training-plans/2028', body: () => ({ rules: [{ course: 'IP-101', audience: { roles: ['SALES_SPECIALIST'] }, due: { date: '2028-06-30' } }] }), text: null },
      { name: 'POST /sessions', as: ORG.hr, method: 'post', path: () => '/sessions', body: () => ({ ...validSession(), startsAt: '2027-05-25T01:00:00Z', endsAt: '2027-05-25T03:00:00Z' }), text: 'place' },
      { name: 'PATCH /sessions/:id', as: ORG.hr, method: 'patch', path: () => `/sessions/${ids.holidaySession}`, body: () => ({ version: 1, place: 'Room 7' }), text: 'place' },
      { name: 'POST /sessions/:id/enrollments', as: ORG.hr, method: 'post', path: () => `/sessions/${ids.holidaySession}/enrollments`, body: () => ({ employeeEmail: ORG.rep }), text: 'employeeEmail' },
      { name: 'POST /sessions/:id/attendance', as: ORG.hr, method: 'post', path: () => `/sessions/${ids.holidaySession}/attendance`, body: () => ({ records: [{ enrollmentId: ids.noAssessmentEnrollment, status: 'present' }] }), text: null },
      { name: 'POST /enrollments/:id/assessment', as: ORG.hr, method: 'post', path: () => `/enrollments/${ids.noAssessmentEnrollment}/assessment`, body: () => ({ score: 90 }), text: null },
      { name: 'PUT /training-policy', as: ORG.hr, method: 'put', path: () => '/training-policy', body: () => ({ remindersBefore: ['P2D'], digestWeekday: 1, digestLocalTime: '09:00' }), text: null },
    ];
    const cases: Case[] = endpoints.flatMap((e) => [
      ...(e.text ? [{ name: `${e.name}: a NUL byte in ${e.text}`, raw: () => JSON.stringify({ ...e.body(), [e.text!]: `Room\u00005` }), fields: [e.text] }] : []),
      { name: `${e.name}: a NUL byte in a field name`, raw: () => JSON.stringify({ ...e.body(), 'x\u0000': 1 }), fields: ['x\\u0000'] },
      { name: `${e.name}: JSON nested 5,000 deep`, raw: () => `{${JSON.stringify(e.body()).slice(1, -1)},"deep":${deep(5000)}}`, fields: [`deep${'.a'.repeat(MAX_INPUT_DEPTH - 1)}`] },
      { name: `${e.name}: a __proto__ key`, raw: () => `{"__proto__":{"role":"ADMIN","polluted":true},${JSON.stringify(e.body()).slice(1, -1)}}`, fields: ['__proto__'] },
    ].map((c): Case => ({ ...c, as: e.as, method: e.method, path: e.path, status: 400 })));

    // After every session started, so attendance and scoring would otherwise be served. Each is
    // refused once at the HTTP edge (libs/platform hostile-input), before any pipe or service.
    it.each(cases.map((c) => [c.name, c] as const))('refused: %s', async (_name, c) => {
      await clockAt(new Date('2027-05-13T03:00:00Z'));
      await expectRefused(c);
    });

    it('whatever the answer, Object.prototype is not polluted and the training service still answers', async () => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).role).toBeUndefined();
      await system.as(ORG.rep).get('/training-policy').expect(200);
      await system.as(ORG.rep).get(`/sessions/${ids.session}`).expect(200);
    });
  });
});

import { idempotencyKeyOf, waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10, item 10: recertification. A certificate with an expiry arms a timer 30 days
 * (RECERTIFY_DAYS_BEFORE) before it; when it fires, a requirement for the course is opened, due
 * on the expiry date, and the holder is enrolled in the next session with a seat, else put on
 * the first waitlist. Never early after a clock jump.
 */
const T0 = new Date('2027-06-01T00:00:00Z');
const TRAINER = 'recert-coach@salesflow.test';
const REP3 = 'recert-rep3@salesflow.test';

describe('training: recertification', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: TRAINER, name: 'Rex Coach', role: 'SALES_MANAGER' },
        { email: REP3, name: 'Rob Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East' },
      ]);
    },
  });

  let courseId: string;
  const certificates = new Map<string, { id: string; expiresAt: string }>();
  let s2: string;
  let s3: string;

  async function schedule(startsAt: string, endsAt: string, capacity: number): Promise<string> {
    return (await system.as(ORG.hr).post('/sessions').send({ courseId, startsAt, endsAt, timezone: 'Asia/Shanghai', place: 'Room 7', trainer: TRAINER, capacity }).expect(201)).body.id;
  }
  async function enroll(sessionId: string, email: string): Promise<string> {
    return (await system.as(ORG.hr).post(`/sessions/${sessionId}/enrollments`).send({ employeeEmail: email }).expect(201)).body.id;
  }
  async function attend(sessionId: string, enrollmentId: string, email: string, at: string) {
    clock.set(new Date(at));
    const recorded = await system.as(TRAINER).post(`/sessions/${sessionId}/attendance`).send({ records: [{ enrollmentId, status: 'present' }] }).expect(200);
    certificates.set(email, recorded.body.items[0].certificate);
  }
  const recertifyTimer = (certificateId: string) => system.prisma.timer.findFirstOrThrow({ where: { kind: 'training.recertify', subjectId: certificateId } });
  const enrollmentsOf = async (email: string) => {
    const employee = await system.prisma.employee.findUniqueOrThrow({ where: { email } });
    return system.prisma.enrollment.findMany({ where: { employeeId: employee.id, sessionId: { in: [s2, s3] } } });
  };
  const requirementOf = async (email: string) => {
    const employee = await system.prisma.employee.findUniqueOrThrow({ where: { email } });
    return system.prisma.trainingRequirement.findMany({ where: { employeeId: employee.id, courseId } });
  };

  it('a certificate with an expiry arms its recertification 30 days before', async () => {
    courseId = (await system.as(ORG.hr).post('/courses').send({
      code: 'CMP-101', titleZh: '合规', titleEn: 'Compliance', category: 'compliance', levels: ['SALES_SPECIALIST'],
      durationMinutes: 120, mandatory: true, certificateValidityMonths: 12,
    }).expect(201)).body.id;
    const s1 = await schedule('2027-06-08T01:00:00Z', '2027-06-08T03:00:00Z', 5);
    const s1b = await schedule('2027-06-15T01:00:00Z', '2027-06-15T03:00:00Z', 5);
    const rep = await enroll(s1, ORG.rep);
    const rep2 = await enroll(s1b, ORG.rep2);
    await attend(s1, rep, ORG.rep, '2027-06-08T03:30:00Z');
    await attend(s1b, rep2, ORG.rep2, '2027-06-15T03:30:00Z');
    expect(certificates.get(ORG.rep)!.expiresAt).toBe('2028-06-08T03:30:00.000Z');
    expect((await recertifyTimer(certificates.get(ORG.rep)!.id)).dueAt.toISOString()).toBe('2028-05-09T03:30:00.000Z');
    expect((await recertifyTimer(certificates.get(ORG.rep2)!.id)).dueAt.toISOString()).toBe('2028-05-16T03:30:00.000Z');

    // Next year's sessions: the first is full (one seat, taken), the second has one seat.
    s2 = await schedule('2028-05-24T01:00:00Z', '2028-05-24T03:00:00Z', 1);
    s3 = await schedule('2028-05-31T01:00:00Z', '2028-05-31T03:00:00Z', 1);
    await enroll(s2, REP3);
  });

  it('when due, opens a requirement due on the expiry date and enrolls the holder in the next session with a seat; never early', async () => {
    clock.set(new Date('2028-05-09T03:29:00Z'));
    // Nothing yet: the timer is a minute away (the enrollment's time below shows it was not early).
    expect(await enrollmentsOf(ORG.rep)).toEqual([]);
    clock.set(new Date('2028-05-09T03:30:00Z'));
    const [enrollment] = await waitFor('the recertification enrollment', () => enrollmentsOf(ORG.rep), (rows) => rows.length > 0);
    expect(enrollment).toMatchObject({ sessionId: s3, status: 'CONFIRMED' });
    expect(enrollment.createdAt.getTime()).toBeGreaterThanOrEqual(Date.parse('2028-05-09T03:30:00Z'));
    const [requirement] = await requirementOf(ORG.rep);
    expect(requirement).toMatchObject({ year: 2028, status: 'OPEN', satisfiedByEnrollmentId: enrollment.id, recertifiesCertificateId: certificates.get(ORG.rep)!.id });
    expect(requirement.dueOn.toISOString().slice(0, 10)).toBe('2028-06-08');
    // Not renewed by then, it is overdue like any mandatory requirement: its steps are armed.
    const steps = await system.prisma.timer.findMany({ where: { kind: 'training-requirement.overdue-step', subjectId: requirement.id } });
    expect(steps.length).toBeGreaterThan(0);
    await system.smtp.waitForEmail('the invitation to the renewal session', (mail) => mail.to.includes(ORG.rep) && idempotencyKeyOf(mail).startsWith(`training-invitation:${s3}:0:`));
  });

  it('with no seat left anywhere, the holder is waitlisted on the first session with a waitlist', async () => {
    clock.set(new Date('2028-05-16T03:30:00Z'));
    const [enrollment] = await waitFor('the recertification waitlist place', () => enrollmentsOf(ORG.rep2), (rows) => rows.length > 0);
    expect(enrollment).toMatchObject({ sessionId: s2, status: 'WAITLISTED' });
    const [requirement] = await requirementOf(ORG.rep2);
    expect(requirement).toMatchObject({ year: 2028, status: 'OPEN', satisfiedByEnrollmentId: enrollment.id });
    expect(requirement.dueOn.toISOString().slice(0, 10)).toBe('2028-06-15');
  });
});

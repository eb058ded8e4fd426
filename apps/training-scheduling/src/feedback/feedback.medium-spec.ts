import { randomUUID } from 'node:crypto';
import { Database } from '#libs/database';
import { QUEUES, type AppraisalSignedOffFacts, type JobPayload } from '#libs/queue';
import { featureTestingModule, seedEmployees, SMALL_TEAM, type FeatureTestingModule } from '#libs/testing';
import type { Caller } from '#libs/rpc';
import { ManualClock } from '#libs/time';
import { EventPublisher } from '#libs/workflow';
import { TrainingCoreModule } from '../training-scheduling.module.js';
import { FeedbackJobs } from './feedback.jobs.js';
import { FeedbackModule } from './feedback.module.js';

/**
 * Medium tier: training's subscriber to `appraisal.signed-off`. Each weak KPI enrolls the person
 * once in the lowest-coded course of its category for their role (next session with a seat), a KPI
 * whose category has no course for them is recorded as such, and the manager gets one email;
 * a redelivery, or the same appraisal published again, enrolls nobody twice.
 */
describe('training feedback from a signed-off appraisal (medium)', () => {
  const clock = new ManualClock(new Date('2027-01-05T02:00:00Z'));
  let t: FeatureTestingModule;
  let callers = new Map<string, Caller>();
  let sessionId: string;

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [TrainingCoreModule, FeedbackModule], clock });
    callers = await seedEmployees(t, SMALL_TEAM);
    const course = (code: string, levels: ('SALES_SPECIALIST' | 'SALES_MANAGER')[]) => t.prisma.course.create({
      data: { code, titleZh: `销售技巧 ${code}`, titleEn: `Selling ${code}`, category: 'sales_skills', levels, durationMinutes: 60 },
    });
    const basic = await course('SS-101', ['SALES_SPECIALIST']);
    await course('SS-201', ['SALES_SPECIALIST']);
    await course('SS-001', ['SALES_MANAGER']);
    sessionId = (await t.prisma.trainingSession.create({
      data: {
        courseId: basic.id, startsAt: new Date('2027-01-12T01:00:00Z'), endsAt: new Date('2027-01-12T02:00:00Z'), timezone: 'Asia/Shanghai',
        trainerId: callers.get('manager')!.id, capacity: 5, createdById: callers.get('admin')!.id,
      },
    })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const facts = (): AppraisalSignedOffFacts => ({
    appraisalId: randomUUID(), cycleId: randomUUID(), period: '2026-Q4', employeeId: callers.get('rep')!.id, managerId: callers.get('manager')!.id,
    band: 'below', score: 48, signedOffAt: clock.now().toISOString(),
    weakKpis: [
      { kind: 'salesAttainment', score: 40, threshold: 60, courseCategory: 'sales_skills' },
      { kind: 'customerSatisfaction', score: 20, threshold: 50, courseCategory: 'customer_relationship' },
    ],
  });

  /** Publishes as the appraisal service does and returns the job training-bulk receives. */
  async function publish(signedOff: AppraisalSignedOffFacts): Promise<JobPayload<'training-feedback.enroll'>> {
    const eventId = await t.get(Database).transaction((tx) => t.get(EventPublisher).publish(tx, 'appraisal.signed-off', signedOff, 'corr-signed-off'));
    const row = await t.prisma.outbox.findFirstOrThrow({ where: { queue: QUEUES.trainingBulk, jobName: 'training-feedback.enroll', payload: { path: ['eventId'], equals: eventId } } });
    return row.payload as unknown as JobPayload<'training-feedback.enroll'>;
  }
  const run = (payload: JobPayload<'training-feedback.enroll'>) => t.get(FeedbackJobs).enroll(payload, { outboxId: randomUUID(), correlationId: null, queue: QUEUES.trainingBulk });

  it('enrolls the person once per weak KPI, however often the event is delivered or published, and tells the manager once', async () => {
    const signedOff = facts();
    const job = await publish(signedOff);
    expect(await run(job)).toBe('done');
    expect(await run(job)).toBe('skipped');
    expect(await run(await publish(signedOff))).toBe('skipped');

    const rows = await t.prisma.trainingFeedback.findMany({ where: { appraisalId: signedOff.appraisalId }, orderBy: { kpi: 'asc' } });
    expect(rows.map((r) => [r.kpi, r.outcome, r.category, r.score.toString(), r.threshold.toString()])).toEqual([
      ['customerSatisfaction', 'NO_COURSE', 'customer_relationship', '20', '50'],
      ['salesAttainment', 'CONFIRMED', 'sales_skills', '40', '60'],
    ]);
    const enrollments = await t.prisma.enrollment.findMany({ where: { employeeId: callers.get('rep')!.id } });
    expect(enrollments.map((e) => [e.sessionId, e.status])).toEqual([[sessionId, 'CONFIRMED']]);
    expect(rows[1].enrollmentId).toBe(enrollments[0].id);

    const emails = await t.prisma.notification.findMany({ where: { kind: 'training-feedback' } });
    expect(emails.map((e) => [e.recipientEmail, e.idempotencyKey])).toEqual([['manager@salesflow.test', `training-feedback:${signedOff.appraisalId}:${callers.get('manager')!.id}`]]);
    const items = (emails[0].data as { items: { kpi: string; outcome: string; courseCode: string | null }[] }).items;
    expect(items.map((i) => [i.kpi, i.outcome, i.courseCode])).toEqual([['salesAttainment', 'CONFIRMED', 'SS-101'], ['customerSatisfaction', 'NO_COURSE', null]]);
  });

  it('a later appraisal naming the same course finds the person already enrolled and enrolls nobody again', async () => {
    const later = { ...facts(), weakKpis: [facts().weakKpis[0]] };
    expect(await run(await publish(later))).toBe('done');
    const row = await t.prisma.trainingFeedback.findFirstOrThrow({ where: { appraisalId: later.appraisalId } });
    expect(row.outcome).toBe('ALREADY_ENROLLED');
    expect(await t.prisma.enrollment.count({ where: { employeeId: callers.get('rep')!.id } })).toBe(1);
  });

  it('tells the person\u2019s current manager when the appraisal has no reviewer of record', async () => {
    const orphan = { ...facts(), managerId: null, weakKpis: [facts().weakKpis[1]] };
    expect(await run(await publish(orphan))).toBe('done');
    const emails = await t.prisma.notification.findMany({ where: { kind: 'training-feedback', idempotencyKey: { startsWith: `training-feedback:${orphan.appraisalId}:` } } });
    expect(emails.map((e) => e.recipientEmail)).toEqual(['manager@salesflow.test']);
  });
});

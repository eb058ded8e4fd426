import { randomUUID } from 'node:crypto';
import { featureTestingModule, type FeatureTestingModule } from '#libs/testing';
import { AppraisalCoreModule } from '../appraisal.module.js';
import { TrainingOutcomesJobs } from './training-outcomes.jobs.js';
import { TrainingOutcomesModule } from './training-outcomes.module.js';

/**
 * Medium tier: appraisal's consumer of the training events on a real database. A redelivered event
 * (the same event id: BullMQ retried after a crash, or the reconciler re-queued it) records nothing
 * twice; two events about the same enrollment are two facts.
 */
describe('training outcomes in appraisal (medium)', () => {
  let t: FeatureTestingModule;
  let jobs: TrainingOutcomesJobs;
  const facts = { employeeId: randomUUID(), courseId: randomUUID(), category: 'compliance', mandatory: true, enrollmentId: randomUUID(), requirementId: randomUUID(), dueOn: '2027-06-30' };

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [AppraisalCoreModule, TrainingOutcomesModule] });
    jobs = t.get(TrainingOutcomesJobs);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records each event once, however often it is delivered', async () => {
    const eventId = randomUUID();
    expect(await jobs.completed({ ...facts, eventId, completedAt: '2027-06-24T03:00:00.000Z' })).toBe('done');
    expect(await jobs.completed({ ...facts, eventId, completedAt: '2027-06-24T03:00:00.000Z' })).toBe('skipped');
    const rows = await t.prisma.appraisalTrainingOutcome.findMany({ where: { eventId } });
    expect(rows).toEqual([expect.objectContaining({ kind: 'COMPLETED', employeeId: facts.employeeId, occurredAt: new Date('2027-06-24T03:00:00.000Z'), dueOn: new Date('2027-06-30T00:00:00.000Z') })]);
  });

  it('keeps a failure with its attempt and whether a retake follows, and an overdue requirement with its due date', async () => {
    await jobs.failed({ ...facts, eventId: randomUUID(), failedAt: '2027-06-25T03:00:00.000Z', attempt: 2, final: true });
    const { enrollmentId: _none, ...overdueFacts } = facts;
    await jobs.overdue({ ...overdueFacts, requirementId: facts.requirementId, dueOn: '2027-06-30', eventId: randomUUID() });
    const rows = await t.prisma.appraisalTrainingOutcome.findMany({ where: { employeeId: facts.employeeId }, orderBy: { occurredAt: 'asc' } });
    expect(rows.map((r) => [r.kind, r.attempt, r.final, r.enrollmentId])).toEqual([
      ['COMPLETED', null, null, facts.enrollmentId],
      ['FAILED', 2, true, facts.enrollmentId],
      ['OVERDUE', null, null, null],
    ]);
  });
});

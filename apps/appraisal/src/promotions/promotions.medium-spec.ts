import { randomUUID } from 'node:crypto';
import { Database } from '#libs/database';
import { QUEUES, type JobPayload } from '#libs/queue';
import type { Caller } from '#libs/rpc';
import { featureTestingModule, seedEmployees, SMALL_TEAM, type FeatureTestingModule } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { EventPublisher } from '#libs/workflow';
import { AppraisalCoreModule } from '../appraisal.module.js';
import { PromotionsJobs } from './promotions.jobs.js';
import { PromotionsModule } from './promotions.module.js';
import { PromotionsService } from './promotions.service.js';

const TEMPLATE = {
  kpis: [{ kind: 'managerRating', weight: 100, scoring: { kind: 'linear', floor: 1, target: 5, cap: 100 } }],
  bands: [{ name: 'below', min: 0 }, { name: 'meets', min: 60 }, { name: 'exceeds', min: 90 }],
  promotion: { streak: 2, band: 'exceeds' },
};

/**
 * Medium tier: appraisal's subscriber to `appraisal.signed-off`. Two signed-off appraisals in a
 * row rated `exceeds` (the template's promotion policy) nominate the person once, however often
 * the event is delivered or published, with both as evidence; HR and the manager are emailed.
 * The manager decides once, with a reason; a peer may neither decide nor read it.
 */
describe('promotion nomination (medium)', () => {
  const clock = new ManualClock(new Date('2027-01-20T02:00:00Z'));
  let t: FeatureTestingModule;
  let callers = new Map<string, Caller>();
  let templateId: string;

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [AppraisalCoreModule, PromotionsModule], clock });
    callers = await seedEmployees(t, [
      ...SMALL_TEAM,
      { email: 'rep2@salesflow.test', name: 'Rita Rep', role: 'SALES_SPECIALIST', managerEmail: 'manager@salesflow.test', timezone: 'Asia/Shanghai' },
      { email: 'hr@salesflow.test', name: 'Hana HR', role: 'HR', timezone: 'Asia/Shanghai' },
    ]);
    templateId = (await t.prisma.appraisalTemplate.create({ data: { name: 'sales', version: 1, document: TEMPLATE, createdById: callers.get('admin')!.id } })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function signedOff(email: string, period: string, band: string, score: number) {
    const employeeId = callers.get(email)!.id;
    const deadline = new Date('2027-01-01T00:00:00Z');
    const cycle = await t.prisma.appraisalCycle.create({
      data: {
        period, scopeKind: 'TEAM', scopeValue: 'East', templateId, selfDueAt: deadline, peerDueAt: deadline, managerDueAt: deadline, calibrationDueAt: deadline,
        openedById: callers.get('admin')!.id, openedAt: deadline, appraisals: 1,
      },
    });
    const appraisal = await t.prisma.appraisal.create({ data: { cycleId: cycle.id, employeeId, managerId: callers.get('manager')!.id, status: 'SIGNED_OFF', score, band } });
    return { appraisalId: appraisal.id, cycleId: cycle.id, period, employeeId, managerId: callers.get('manager')!.id, band, score, signedOffAt: clock.now().toISOString(), weakKpis: [] };
  }

  async function publish(facts: Awaited<ReturnType<typeof signedOff>>): Promise<JobPayload<'promotion.nominate'>> {
    const eventId = await t.get(Database).transaction((tx) => t.get(EventPublisher).publish(tx, 'appraisal.signed-off', facts, null));
    const row = await t.prisma.outbox.findFirstOrThrow({ where: { queue: QUEUES.appraisalBulk, jobName: 'promotion.nominate', payload: { path: ['eventId'], equals: eventId } } });
    return row.payload as unknown as JobPayload<'promotion.nominate'>;
  }
  const run = (payload: JobPayload<'promotion.nominate'>) => t.get(PromotionsJobs).nominate(payload, { outboxId: randomUUID(), correlationId: null, queue: QUEUES.appraisalBulk });
  const service = () => t.get(PromotionsService);

  it('one top band is not a streak; the second in a row nominates once, with both as evidence, and emails HR and the manager', async () => {
    expect(await run(await publish(await signedOff('rep', '2026-Q3', 'exceeds', 93.5)))).toBe('skipped');
    const q4 = await signedOff('rep', '2026-Q4', 'exceeds', 95);
    const job = await publish(q4);
    expect(await run(job)).toBe('done');
    expect(await run(job)).toBe('skipped');
    expect(await run(await publish(q4))).toBe('skipped');

    const nominations = await t.prisma.promotionNomination.findMany();
    expect(nominations.map((n) => [n.employeeId, n.appraisalId, n.band, n.streak, n.status])).toEqual([[callers.get('rep')!.id, q4.appraisalId, 'exceeds', 2, 'PENDING']]);
    expect((nominations[0].evidence as { period: string; score: number }[]).map((e) => [e.period, e.score])).toEqual([['2026-Q3', 93.5], ['2026-Q4', 95]]);
    const emails = await t.prisma.notification.findMany({ where: { kind: 'promotion-nomination' }, orderBy: { recipientEmail: 'asc' } });
    expect(emails.map((e) => [e.recipientEmail, (e.data as { role: string }).role])).toEqual([['hr@salesflow.test', 'hr'], ['manager@salesflow.test', 'manager']]);
  });

  it('a broken run nominates nobody', async () => {
    await signedOff('rep2', '2026-Q3', 'exceeds', 91);
    await signedOff('rep2', '2026-Q4', 'meets', 80);
    expect(await run(await publish(await signedOff('rep2', '2027-Q1', 'exceeds', 92)))).toBe('skipped');
  });

  it('the manager decides once with a reason, HR is told; a peer may neither decide nor read', async () => {
    const [nomination] = await t.prisma.promotionNomination.findMany();
    await expect(service().decide(callers.get('rep2')!, nomination.id, 'confirm', 'Great', 'c1')).rejects.toMatchObject({ status: 403 });
    await expect(service().get(callers.get('rep2')!, nomination.id)).rejects.toMatchObject({ status: 403 });
    expect((await service().list(callers.get('rep2')!, { limit: 50 })).items).toEqual([]);
    await expect(service().decide(callers.get('manager')!, nomination.id, 'confirm', '   ', 'c2')).rejects.toMatchObject({ status: 400 });
    expect((await t.prisma.promotionNomination.findUniqueOrThrow({ where: { id: nomination.id } })).status).toBe('PENDING');

    const decided = await service().decide(callers.get('manager')!, nomination.id, 'confirm', 'Ready to lead a team', 'c3');
    expect([decided.status, decided.reason, decided.decidedBy?.email]).toEqual(['CONFIRMED', 'Ready to lead a team', 'manager@salesflow.test']);
    await expect(service().decide(callers.get('manager')!, nomination.id, 'decline', 'Changed my mind', 'c4')).rejects.toMatchObject({ status: 409 });
    const toHr = await t.prisma.notification.findMany({ where: { idempotencyKey: `promotion-nomination:${nomination.id}:CONFIRMED:${callers.get('hr')!.id}` } });
    expect(toHr).toHaveLength(1);
    expect((await service().list(callers.get('hr')!, { status: 'CONFIRMED', limit: 50 })).items.map((n) => n.id)).toEqual([nomination.id]);
    expect((await service().list(callers.get('manager')!, { limit: 50 })).items.map((n) => n.id)).toEqual([nomination.id]);
  });
});

import { randomUUID } from 'node:crypto';
import { Database } from '#libs/database';
import { OrgAdminService } from '#libs/org';
import { featureTestingModule, TEST_ADMIN_EMAIL, type FeatureTestingModule } from '#libs/testing';
import { AttritionFacts } from '../facts/attrition-facts.repository.js';
import { FactsModule } from '../facts/facts.module.js';
import { AttritionScanRepository } from './attrition-scan.repository.js';
import { lastCompletedPeriods } from './attrition.rules.js';

/**
 * Medium tier: the attrition scan's set-based statements on a real database, at their edges: a
 * training overdue and then completed no longer counts; a round sent back by two approvers counts
 * once; a sale counts on its local approval date; signed-off-only scores; only the watched roles.
 */
describe('attrition scan statements (medium)', () => {
  let t: FeatureTestingModule;
  let repository: AttritionScanRepository;
  let facts: AttritionFacts;
  const ids = new Map<string, string>();
  const SALES = ['SALES_SPECIALIST'];
  const NOW = new Date('2027-04-08T22:00:00Z'); // 9 April 06:00 in Shanghai
  const db = () => t.get(Database).db;

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [FactsModule], providers: [AttritionScanRepository] });
    repository = t.get(AttritionScanRepository);
    facts = t.get(AttritionFacts);
    const admin = await t.prisma.employee.findUniqueOrThrow({ where: { email: TEST_ADMIN_EMAIL } });
    await t.get(OrgAdminService).upsertEmployees({ id: admin.id, email: admin.email, name: admin.name }, [
      { email: 'amy@salesflow.test', name: 'Amy', role: 'SALES_SPECIALIST', timezone: 'Asia/Shanghai' },
      { email: 'bob@salesflow.test', name: 'Bob', role: 'SALES_SPECIALIST', timezone: 'Asia/Shanghai' },
      { email: 'fay@salesflow.test', name: 'Fay', role: 'FINANCE', timezone: 'Asia/Shanghai' },
    ]);
    for (const e of await t.prisma.employee.findMany()) ids.set(e.email.split('@')[0], e.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function outcome(who: string, kind: 'OVERDUE' | 'COMPLETED', requirementId: string | null, courseId: string, occurredAt: string) {
    const row = await t.prisma.appraisalTrainingOutcome.create({
      data: { eventId: randomUUID(), kind, employeeId: ids.get(who)!, courseId, category: 'compliance', mandatory: true, requirementId, dueOn: new Date('2027-03-31'), occurredAt: new Date(occurredAt) },
    });
    return row.id;
  }

  it('an overdue requirement completed since (same requirement, or the same course after it) no longer counts', async () => {
    const [r1, r2, r3, course3] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const open = await outcome('amy', 'OVERDUE', r1, randomUUID(), '2027-03-31T16:00:00Z');
    await outcome('amy', 'OVERDUE', r2, randomUUID(), '2027-03-31T16:00:00Z');
    await outcome('amy', 'COMPLETED', r2, randomUUID(), '2027-04-02T02:00:00Z');
    await outcome('amy', 'OVERDUE', r3, course3, '2027-03-31T16:00:00Z');
    await outcome('amy', 'COMPLETED', null, course3, '2027-04-03T02:00:00Z');
    await outcome('fay', 'OVERDUE', randomUUID(), randomUUID(), '2027-03-31T16:00:00Z');
    expect(await repository.overdueTraining(db(), SALES)).toEqual([{ employeeId: ids.get('amy'), outcomeIds: [open] }]);
  });

  async function contract(who: string, status: 'APPROVED' | 'REJECTED' | 'PENDING_APPROVAL', decidedAt: string | null, amount = '1000') {
    return t.prisma.contract.create({
      data: {
        ownerId: ids.get(who)!, customerName: 'Acme', title: 'Deal', amount, currency: 'CNY', amountBase: amount, discountPct: '0', paymentTermDays: 30,
        status, policyVersion: 1, decidedAt: decidedAt && new Date(decidedAt),
      },
    });
  }

  async function decision(contractId: string, round: number, status: 'REJECTED' | 'CHANGES_REQUESTED' | 'APPROVED', decidedAt: string, approvers = 1) {
    const stage = await t.prisma.approvalStage.create({ data: { contractId, round, position: 0, name: 'manager', mode: 'all', sla: 'PT8H', status: 'REJECTED', decidedAt: new Date(decidedAt) } });
    for (let i = 0; i < approvers; i++) {
      await t.prisma.approvalStep.create({ data: { stageId: stage.id, contractId, entryIndex: i, ref: 'manager', status, decidedAt: new Date(decidedAt) } });
    }
  }

  it('a round sent back counts once however many approvers rejected it; each round counts; outside the window or approved does not', async () => {
    const twice = await contract('bob', 'REJECTED', '2027-04-01T02:00:00Z');
    await decision(twice.id, 1, 'CHANGES_REQUESTED', '2027-03-20T02:00:00Z');
    await decision(twice.id, 2, 'REJECTED', '2027-04-01T02:00:00Z', 2);
    const old = await contract('bob', 'REJECTED', '2026-12-01T02:00:00Z');
    await decision(old.id, 1, 'REJECTED', '2026-12-01T02:00:00Z');
    const approved = await contract('bob', 'APPROVED', '2027-04-01T02:00:00Z');
    await decision(approved.id, 1, 'APPROVED', '2027-04-01T02:00:00Z');
    const from = new Date(NOW.getTime() - 90 * 24 * 3600_000);
    expect(await facts.contractsSentBack(db(), SALES, from, NOW, 2)).toEqual([{ employeeId: ids.get('bob'), count: 2, contractIds: [twice.id] }]);
    expect(await facts.contractsSentBack(db(), SALES, from, NOW, 3)).toEqual([]);
  });

  it('a sale counts against the target of its local approval month (00:30 on 1 April in Shanghai is April)', async () => {
    const periods = lastCompletedPeriods(NOW, 'month', 1, 'Asia/Shanghai');
    expect(periods.map((p) => p.text)).toEqual(['2027-03']);
    const target = await t.prisma.salesTarget.create({ data: { period: '2027-03', employeeId: ids.get('amy')!, amount: '10000', setById: ids.get('bob')! } });
    const march = await contract('amy', 'APPROVED', '2027-03-31T15:30:00Z', '4000');
    await contract('amy', 'APPROVED', '2027-03-31T16:30:00Z', '5000');
    await contract('amy', 'PENDING_APPROVAL', null, '9000');
    expect(await facts.targetAttainment(db(), SALES, periods)).toEqual([
      { employeeId: ids.get('amy'), period: '2027-03', targetId: target.id, target: 10000, actual: 4000, contractIds: [march.id] },
    ]);
  });

  async function appraisal(who: string, period: string, score: number, openedAt: string, status: 'SIGNED_OFF' | 'MANAGER_REVIEW') {
    const at = new Date(openedAt);
    const cycle = await t.prisma.appraisalCycle.create({
      data: { period, scopeKind: 'TEAM', scopeValue: 'East', templateId: randomUUID(), selfDueAt: at, peerDueAt: at, managerDueAt: at, calibrationDueAt: at, openedById: ids.get('fay')!, openedAt: at, appraisals: 1 },
    });
    return (await t.prisma.appraisal.create({ data: { cycleId: cycle.id, employeeId: ids.get(who)!, status, score, scoredAt: at } })).id;
  }

  it('a falling score compares the two latest scored appraisals; signedOffOnly leaves out the ones not signed off', async () => {
    const q3 = await appraisal('bob', '2026-Q3', 90, '2026-07-01T02:00:00Z', 'SIGNED_OFF');
    const q4 = await appraisal('bob', '2026-Q4', 75, '2026-10-01T02:00:00Z', 'SIGNED_OFF');
    const q1 = await appraisal('bob', '2027-Q1', 60, '2027-01-04T02:00:00Z', 'MANAGER_REVIEW');
    const scored = await repository.fallingScores(db(), SALES, 10, false);
    expect(scored.map((r) => [r.appraisalId, r.score])).toEqual([[q1, 60], [q4, 75]]);
    const signedOff = await repository.fallingScores(db(), SALES, 10, true);
    expect(signedOff.map((r) => [r.appraisalId, r.score])).toEqual([[q4, 75], [q3, 90]]);
    expect(await repository.fallingScores(db(), SALES, 16, true)).toEqual([]);
  });
});

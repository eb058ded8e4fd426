import { randomUUID } from 'node:crypto';
import { ManualClock } from '#libs/time';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { RiskRecovery } from '../../apps/customer-follow-up/src/risk/risk-recovery.service.js';
import { employeeId } from './revisit-test-helpers.js';

/**
 * Issue 13 item 5: GET /risk-alerts/effectiveness reports, per risk type and countermeasure, how
 * often the alert's signal recovered (the rule stopped holding and the alert resolved) within 30,
 * 60 and 90 days after the task was done, against tasks not done (counted from their due date),
 * over seeded history; only tasks that can be judged count. And the generic recovery functions
 * any scan calls (here for a competition alert, keyed by type and subject).
 */
const NOW = new Date('2027-06-01T02:00:00Z');
const at = (date: string) => new Date(`${date}T02:00:00Z`);

interface Line {
  type: string;
  countermeasure: string;
  done: { tasks: number; windows: { days: number; recovered: number; observed: number; rate: number | null }[] };
  notDone: { tasks: number; windows: { days: number; recovered: number; observed: number; rate: number | null }[] };
}

describe('risk countermeasure effectiveness and recovery', () => {
  const clock = new ManualClock(NOW);
  const id: Record<string, string> = {};
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      for (const email of [ORG.rep, ORG.rep2, ORG.director]) id[email] = await employeeId(system, email);
      // A1: recovered on 10 February and resolved; its offer review was done on 1 February, its visit never (due 1 January).
      const a1 = await alert('customer_demand', { clearedAt: at('2027-02-10'), resolvedAt: at('2027-02-24') });
      await task(a1, 'offer_review', ORG.rep, { doneAt: at('2027-02-01') });
      await task(a1, 'visit', ORG.rep, { dueAt: at('2027-01-01') });
      // A2: still holding; its offer review done on 15 January, its visit due on 20 May (too recent to judge).
      const a2 = await alert('customer_demand', { clearedAt: null, resolvedAt: null });
      await task(a2, 'offer_review', ORG.rep2, { doneAt: at('2027-01-15') });
      await task(a2, 'visit', ORG.rep2, { dueAt: at('2027-05-20') });
      // A4: cleared on 5 May but not resolved yet (the recovery has not held long enough): not a recovery.
      const a4 = await alert('customer_demand', { clearedAt: at('2027-05-05'), resolvedAt: null });
      await task(a4, 'offer_review', ORG.rep, { doneAt: at('2027-05-01') });
      // A3: a competition alert of the director's, recovered on 1 March; its competitor review done on 20 January.
      const a3 = await alert('competition', { clearedAt: at('2027-03-01'), resolvedAt: at('2027-03-15') });
      await task(a3, 'competitor_review', ORG.director, { doneAt: at('2027-01-20') });
    },
  });

  async function alert(type: string, facts: { clearedAt: Date | null; resolvedAt: Date | null }): Promise<string> {
    const row = await system.prisma.riskAlert.create({
      data: {
        type, subjectId: randomUUID(), rule: 'seeded', severity: facts.clearedAt ? 0 : 2, status: 'open', resolvedAt: facts.resolvedAt,
        evidence: { facts: null, delivery: { sends: 1, lastSentSeverity: 2, clearedAt: facts.clearedAt?.toISOString() ?? null } }, createdAt: at('2026-12-01'),
      },
    });
    return row.id;
  }

  async function task(alertId: string, kind: string, owner: string, facts: { doneAt?: Date; dueAt?: Date }) {
    await system.prisma.riskTask.create({
      data: { alertId, kind, ownerId: id[owner], dueAt: facts.dueAt ?? at('2027-01-10'), status: facts.doneAt ? 'DONE' : 'OPEN', doneAt: facts.doneAt ?? null, createdAt: at('2026-12-01') },
    });
  }

  const windows = (...figures: [number, number, number | null][]) =>
    figures.map(([recovered, observed, rate], i) => ({ days: [30, 60, 90][i], recovered, observed, rate }));

  it('guarantee: ADMIN reads every type and countermeasure, done against not done, each window counting only the tasks it can judge', async () => {
    const report = (await system.as(ORG.admin).get('/risk-alerts/effectiveness').expect(200)).body as { asOf: string; recoveryDays: number; lines: Line[] };
    expect(report.asOf).toBe(NOW.toISOString());
    expect(report.recoveryDays).toBe(14);
    const line = (type: string, countermeasure: string) => report.lines.find((l) => l.type === type && l.countermeasure === countermeasure)!;
    expect(report.lines.map((l) => `${l.type}:${l.countermeasure}`)).toEqual(['competition:competitor_review', 'customer_demand:offer_review', 'customer_demand:visit']);
    // Done offer reviews: A1 recovered 9 days after; A2 never (judged in every window); A4 not resolved, and only the 30-day window is over.
    expect(line('customer_demand', 'offer_review').done).toEqual({ tasks: 3, windows: windows([1, 3, 0.33], [1, 2, 0.5], [1, 2, 0.5]) });
    expect(line('customer_demand', 'offer_review').notDone.tasks).toBe(0);
    // Visits not done: A1 recovered 40 days after its due date; A2's is too recent to judge.
    expect(line('customer_demand', 'visit').notDone).toEqual({ tasks: 2, windows: windows([0, 1, 0], [1, 1, 1], [1, 1, 1]) });
    expect(line('customer_demand', 'visit').done).toEqual({ tasks: 0, windows: windows([0, 0, null], [0, 0, null], [0, 0, null]) });
    expect(line('competition', 'competitor_review').done).toEqual({ tasks: 1, windows: windows([0, 1, 0], [1, 1, 1], [1, 1, 1]) });
  });

  it('guarantee: a manager reads only their reporting line\u2019s tasks; a specialist is refused', async () => {
    const report = (await system.as(ORG.manager).get('/risk-alerts/effectiveness').expect(200)).body as { lines: Line[] };
    expect(report.lines.map((l) => l.type)).not.toContain('competition');
    expect(report.lines.find((l) => l.countermeasure === 'offer_review')!.done.tasks).toBe(3);
    await system.as(ORG.rep).get('/risk-alerts/effectiveness').expect(403);
  });

  it('guarantee: the generic recovery keyed by type and subject clears a competition alert, and resolves it once recovered for the period, with its tasks done', async () => {
    const segment = randomUUID();
    const alert = await system.prisma.riskAlert.create({
      data: { type: 'competition', subjectId: segment, rule: 'losses_to_competitors', severity: 3, status: 'open', evidence: { facts: null, delivery: { sends: 1, lastSentSeverity: 3, clearedAt: null } } },
    });
    await system.prisma.riskTask.create({ data: { alertId: alert.id, kind: 'market_development_plan', ownerId: id[ORG.director], dueAt: NOW, status: 'DONE', doneAt: NOW } });
    const recovery = system.app.get(RiskRecovery);
    // Another segment's key clears nothing; this one's clears it, and a second call changes nothing.
    expect(await system.database.transaction((tx) => recovery.signalRecovered(tx, 'competition', [{ subjectId: randomUUID() }], NOW, null))).toBe(0);
    expect(await system.database.transaction((tx) => recovery.signalRecovered(tx, 'competition', [{ subjectId: segment, rule: 'losses_to_competitors' }], NOW, null))).toBe(1);
    expect(await system.database.transaction((tx) => recovery.signalRecovered(tx, 'competition', [{ subjectId: segment }], NOW, null))).toBe(0);
    const cleared = await system.prisma.riskAlert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(cleared.severity).toBe(0);
    expect((cleared.evidence as { delivery: { clearedAt: string } }).delivery.clearedAt).toBe(NOW.toISOString());
    const later = (days: number) => new Date(NOW.getTime() + days * 24 * 3600_000);
    await recovery.resolveRecovered('competition', later(13), null);
    expect((await system.prisma.riskAlert.findUniqueOrThrow({ where: { id: alert.id } })).resolvedAt).toBeNull();
    await recovery.resolveRecovered('competition', later(14), null);
    expect(await system.prisma.riskAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ resolvedAt: later(14), tasksDone: true });
    expect(await recovery.resolveRecovered('competition', later(15), null)).toBe(0);
  });
});

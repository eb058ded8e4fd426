import type { CustomerTier } from '#generated/prisma';
import { decidePlan, type CustomerPlanFacts, type PlannedVisitFacts } from './revisits.rules.js';

const DAY = 24 * 3_600_000;
const BASE = new Date('2027-03-10T02:00:00Z');
const CADENCE: Record<CustomerTier, number> = { A: 14, B: 30, C: 90 };
/** Plain days stand in for working days: the rules do not depend on the calendar. */
const cadenceDue = (base: Date, tier: CustomerTier) => new Date(base.getTime() + CADENCE[tier] * DAY);
const at = (days: number) => new Date(BASE.getTime() + days * DAY);

const visit = (id: string, kind: string, dueAt: Date, ownerId = 'rep'): PlannedVisitFacts => ({ id, kind, ownerId, dueAt });
const facts = (overrides: Partial<CustomerPlanFacts>): CustomerPlanFacts => ({ status: 'active', tier: 'B', ownerId: 'rep', base: BASE, planned: [], ...overrides });

describe('decidePlan', () => {
  it('plans a regular visit at the tier cadence for an active or prospect customer without one', () => {
    for (const status of ['active', 'prospect'] as const) {
      expect(decidePlan(facts({ status, tier: 'A' }), cadenceDue)).toEqual({ cancel: null, handOver: [], create: at(14), move: null });
    }
  });

  it('leaves a plan that is right alone', () => {
    const planned = [visit('r', 'regular', at(30)), visit('p', 'post_signing', at(5))];
    expect(decidePlan(facts({ planned }), cadenceDue)).toEqual({ cancel: null, handOver: [], create: null, move: null });
  });

  it('moves a regular visit planned by another tier\u2019s cadence, but keeps one a person chose', () => {
    expect(decidePlan(facts({ tier: 'A', planned: [visit('r', 'regular', at(90))] }), cadenceDue).move).toEqual({ visitId: 'r', from: at(90), to: at(14) });
    expect(decidePlan(facts({ tier: 'A', planned: [visit('r', 'regular', at(3))] }), cadenceDue).move).toBeNull();
  });

  it('hands every planned visit that stays to the current owner', () => {
    const planned = [visit('r', 'regular', at(30), 'old'), visit('p', 'post_signing', at(5), 'old'), visit('q', 'at_risk', at(2), 'rep')];
    expect(decidePlan(facts({ planned }), cadenceDue)).toMatchObject({ handOver: ['r', 'p'], create: null, move: null });
  });

  it('a dormant customer loses its regular visit and keeps one-off visits; a lost one loses every planned visit', () => {
    const planned = [visit('r', 'regular', at(30), 'old'), visit('p', 'post_signing', at(5), 'old')];
    expect(decidePlan(facts({ status: 'dormant', planned }), cadenceDue)).toEqual({
      cancel: { visitIds: ['r'], reason: 'customer is dormant' }, handOver: ['p'], create: null, move: null,
    });
    expect(decidePlan(facts({ status: 'lost', planned }), cadenceDue)).toEqual({
      cancel: { visitIds: ['r', 'p'], reason: 'customer is lost' }, handOver: [], create: null, move: null,
    });
    expect(decidePlan(facts({ status: 'lost' }), cadenceDue)).toEqual({ cancel: null, handOver: [], create: null, move: null });
  });
});

import type { Contact } from '../customer-fields.js';
import type { ImportRow } from './customer-import.rules.js';
import { changedFields, changesRevisitPlan, planUpserts, type ExistingCustomer } from './import-upsert-plan.js';

const contact = (email: string, name = email): Contact => ({ name, email, phone: null, locale: 'zh-CN' });
const row = (fields: Partial<ImportRow> & { code: string }): ImportRow => ({ name: 'Name', ownerEmail: 'rep@x.test', contacts: [], ...fields });
const existing: ExistingCustomer = {
  id: 'c1', code: 'C-1', name: 'Acme', ownerId: 'rep', tier: 'A', status: 'active', industry: 'machinery', region: 'Shanghai',
  contacts: [contact('a@acme.test'), contact('b@acme.test')], version: 4,
};

describe('planUpserts', () => {
  it('creates new customers with the defaults (tier C, prospect) and expects them not to exist', () => {
    const [plan] = planUpserts([{ row: row({ code: 'N-1' }), ownerId: 'rep' }], new Map());
    expect(plan).toEqual({ before: null, expectedVersion: 0, after: { code: 'N-1', name: 'Name', ownerId: 'rep', tier: 'C', status: 'prospect', industry: null, region: null, contacts: [] } });
  });

  it('keeps what a row leaves empty, merges contacts by email, and expects the version it read', () => {
    const [plan] = planUpserts(
      [{ row: row({ code: 'C-1', name: 'Acme', status: 'dormant', contacts: [contact('b@acme.test', 'Bo'), contact('c@acme.test')] }), ownerId: 'rep2' }],
      new Map([['C-1', existing]]),
    );
    expect(plan.expectedVersion).toBe(4);
    expect(plan.after).toEqual({
      code: 'C-1', name: 'Acme', ownerId: 'rep2', tier: 'A', status: 'dormant', industry: 'machinery', region: 'Shanghai',
      contacts: [contact('a@acme.test'), contact('b@acme.test', 'Bo'), contact('c@acme.test')],
    });
    expect(changedFields(plan.before, plan.after)).toEqual({
      before: { ownerId: 'rep', status: 'active', contacts: existing.contacts },
      after: { ownerId: 'rep2', status: 'dormant', contacts: plan.after.contacts },
    });
  });

  it('applies rows for the same code in file order: the later one wins, contacts accumulate', () => {
    const plans = planUpserts(
      [
        { row: row({ code: 'N-2', tier: 'B', contacts: [contact('x@n.test')] }), ownerId: 'rep' },
        { row: row({ code: 'N-2', name: 'Renamed', contacts: [contact('y@n.test')] }), ownerId: 'rep' },
      ],
      new Map(),
    );
    expect(plans).toHaveLength(1);
    expect(plans[0].after).toMatchObject({ name: 'Renamed', tier: 'B', contacts: [contact('x@n.test'), contact('y@n.test')] });
  });

  it('plans nothing for a row that changes nothing (a re-import writes no new versions)', () => {
    const same = row({ code: 'C-1', name: 'Acme', tier: 'A', contacts: [contact('a@acme.test')] });
    expect(planUpserts([{ row: same, ownerId: 'rep' }], new Map([['C-1', existing]]))).toEqual([]);
  });

  it('orders the plan by code so concurrent imports lock in one order', () => {
    const plans = planUpserts(['Z', 'A', 'M'].map((code) => ({ row: row({ code }), ownerId: 'rep' })), new Map());
    expect(plans.map((p) => p.after.code)).toEqual(['A', 'M', 'Z']);
  });

  it('re-plans revisits only for new customers and a new owner, tier or status, not for a renamed one', () => {
    const plan = (fields: Partial<ImportRow>, ownerId = 'rep') => planUpserts([{ row: row({ code: 'C-1', name: 'Acme', ...fields }), ownerId }], new Map([['C-1', existing]]))[0];
    expect(changesRevisitPlan(planUpserts([{ row: row({ code: 'N-9' }), ownerId: 'rep' }], new Map())[0])).toBe(true);
    expect(changesRevisitPlan(plan({}, 'rep2'))).toBe(true);
    expect(changesRevisitPlan(plan({ tier: 'B' }))).toBe(true);
    expect(changesRevisitPlan(plan({ status: 'lost' }))).toBe(true);
    expect(changesRevisitPlan(plan({ name: 'Acme Renamed', region: 'Beijing' }))).toBe(false);
  });
});

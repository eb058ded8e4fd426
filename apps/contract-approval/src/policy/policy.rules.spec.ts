import fc from 'fast-check';
import { DEFAULT_POLICY } from './default-policy.js';
import { describeThresholds, explainAutoApproval, selectStages } from './policy.rules.js';
import type { ApprovalPolicyDocument, ContractFacts } from './policy.types.js';

function facts(overrides: Partial<ContractFacts> = {}): ContractFacts {
  return {
    amount: 50_000,
    discountPct: 3,
    paymentTermDays: 30,
    currency: 'CNY',
    productLine: null,
    region: null,
    ...overrides,
  };
}

function names(f: ContractFacts, policy: ApprovalPolicyDocument = DEFAULT_POLICY): string[] {
  return selectStages(policy, f).map((stage) => stage.name);
}

function policyOf(...stages: ApprovalPolicyDocument['stages']): ApprovalPolicyDocument {
  return { reminderAt: 0.5, stages };
}

describe('selectStages with the default policy', () => {
  it('selects nothing for a small, plain contract', () => {
    expect(selectStages(DEFAULT_POLICY, facts())).toEqual([]);
  });

  it('selects the manager for a discount above 5%', () => {
    expect(selectStages(DEFAULT_POLICY, facts({ discountPct: 8 }))).toEqual([
      { position: 0, name: 'manager', mode: 'all', quorum: null, sla: 'PT8H', entries: [{ index: 0, ref: 'manager' }] },
    ]);
  });

  it('selects manager then director for a discount above 15%', () => {
    const route = selectStages(DEFAULT_POLICY, facts({ discountPct: 20 }));
    expect(route.map((s) => [s.position, s.name, s.entries])).toEqual([
      [0, 'manager', [{ index: 0, ref: 'manager' }]],
      [1, 'director', [{ index: 0, ref: 'director' }]],
    ]);
  });

  it('selects manager, director and finance (without legal) for 1,000,000', () => {
    const route = selectStages(DEFAULT_POLICY, facts({ amount: 1_000_000 }));
    expect(route.map((s) => s.name)).toEqual(['manager', 'director', 'finance']);
    expect(route[2].entries).toEqual([{ index: 0, ref: 'role:FINANCE' }]);
  });

  it('adds the LEGAL entry to finance only from 5,000,000', () => {
    expect(selectStages(DEFAULT_POLICY, facts({ amount: 4_999_999 }))[2].entries.map((e) => e.ref)).toEqual(['role:FINANCE']);
    expect(selectStages(DEFAULT_POLICY, facts({ amount: 5_000_000 }))[2].entries).toEqual([
      { index: 0, ref: 'role:FINANCE' },
      { index: 1, ref: 'role:LEGAL' },
    ]);
  });

  it('selects finance alone for a long payment term on a small amount', () => {
    const route = selectStages(DEFAULT_POLICY, facts({ paymentTermDays: 120 }));
    expect(route).toEqual([
      { position: 0, name: 'finance', mode: 'all', quorum: null, sla: 'PT8H', entries: [{ index: 0, ref: 'role:FINANCE' }] },
    ]);
  });

  it('respects the exact thresholds', () => {
    expect(names(facts({ discountPct: 5 }))).toEqual([]);
    expect(names(facts({ amount: 99_999.99 }))).toEqual([]);
    expect(names(facts({ amount: 100_000 }))).toEqual(['manager']);
    expect(names(facts({ discountPct: 15 }))).toEqual(['manager']);
    expect(names(facts({ paymentTermDays: 90 }))).toEqual([]);
    expect(names(facts({ paymentTermDays: 91 }))).toEqual(['finance']);
  });

  it('matches the rules as written, for any contract', () => {
    const arbitraryFacts = fc.record({
      amount: fc.integer({ min: 0, max: 10_000_000 }),
      discountPct: fc.integer({ min: 0, max: 100 }),
      paymentTermDays: fc.integer({ min: 0, max: 365 }),
      currency: fc.constantFrom('CNY', 'USD'),
      productLine: fc.option(fc.string(), { nil: null }),
      region: fc.option(fc.string(), { nil: null }),
    });
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const expected: string[] = [];
        if (f.discountPct > 5 || f.amount >= 100_000) expected.push('manager');
        if (f.discountPct > 15 || f.amount >= 1_000_000) expected.push('director');
        if (f.amount >= 1_000_000 || f.paymentTermDays > 90) expected.push('finance');
        const route = selectStages(DEFAULT_POLICY, f);
        expect(route.map((s) => s.name)).toEqual(expected);
        expect(route.map((s) => s.position)).toEqual(expected.map((_, i) => i));
        const finance = route.find((s) => s.name === 'finance');
        if (finance) expect(finance.entries.some((e) => e.ref === 'role:LEGAL')).toBe(f.amount >= 5_000_000);
      }),
    );
  });
});

describe('selectStages with other policies', () => {
  it('compares nullable fields and strings without throwing', () => {
    const policy = policyOf({ name: 'eu', when: 'region == "EU" or productLine == "HW"', approvers: ['manager'], mode: 'all', sla: 'PT1H' });
    expect(names(facts(), policy)).toEqual([]);
    expect(names(facts({ region: 'EU' }), policy)).toEqual(['eu']);
    expect(names(facts({ productLine: 'HW' }), policy)).toEqual(['eu']);
    const exists = policyOf({ name: 'lined', when: 'exists(productLine)', approvers: ['manager'], mode: 'all', sla: 'PT1H' });
    expect(names(facts(), exists)).toEqual([]);
    expect(names(facts({ productLine: 'HW' }), exists)).toEqual(['lined']);
  });

  it('counts a condition that cannot be evaluated as holding (never skips approval on an error)', () => {
    const policy = policyOf({ name: 'eu', when: 'region in ("EU", "UK")', approvers: ['manager'], mode: 'all', sla: 'PT1H' });
    expect(() => selectStages(policy, facts())).not.toThrow();
    expect(names(facts(), policy)).toEqual(['eu']);
    expect(names(facts({ region: 'EU' }), policy)).toEqual(['eu']);
    expect(names(facts({ region: 'US' }), policy)).toEqual([]);
  });

  it('skips a stage whose entries all filter out', () => {
    const policy = policyOf(
      { name: 'a', when: 'amount > 0', approvers: [{ approver: 'role:LEGAL', when: 'amount > 1000' }], mode: 'all', sla: 'PT1H' },
      { name: 'b', when: 'amount > 0', approvers: ['manager'], mode: 'all', sla: 'PT1H' },
    );
    expect(selectStages(policy, facts({ amount: 10 })).map((s) => [s.position, s.name])).toEqual([[0, 'b']]);
    expect(names(facts({ amount: 2000 }), policy)).toEqual(['a', 'b']);
  });

  it('caps a quorum at the entries left after filtering and keeps policy entry indexes', () => {
    const policy = policyOf({
      name: 'board',
      when: 'amount > 0',
      approvers: ['role:FINANCE', { approver: 'role:LEGAL', when: 'amount > 1000' }, 'email:ceo@example.com'],
      mode: 'quorum',
      quorum: 3,
      sla: 'P1D',
    });
    expect(selectStages(policy, facts({ amount: 2000 }))[0]).toMatchObject({ mode: 'quorum', quorum: 3 });
    expect(selectStages(policy, facts({ amount: 10 }))[0]).toEqual({
      position: 0,
      name: 'board',
      mode: 'quorum',
      quorum: 2,
      sla: 'P1D',
      entries: [
        { index: 0, ref: 'role:FINANCE' },
        { index: 2, ref: 'email:ceo@example.com' },
      ],
    });
  });

  it('approves everything under a policy without stages', () => {
    expect(selectStages(policyOf(), facts({ amount: 1e9 }))).toEqual([]);
  });
});

describe('explainAutoApproval', () => {
  it('names every stage condition that was false', () => {
    expect(explainAutoApproval(DEFAULT_POLICY, facts())).toBe(
      'No stage applied: manager (discountPct > 5 or amount >= 100000) false; ' +
        'director (discountPct > 15 or amount >= 1000000) false; ' +
        'finance (amount >= 1000000 or paymentTermDays > 90) false',
    );
  });

  it('explains a stage skipped because all its entries filtered out', () => {
    const policy = policyOf({ name: 'legal', when: 'amount > 0', approvers: [{ approver: 'role:LEGAL', when: 'amount > 1000' }], mode: 'all', sla: 'PT1H' });
    expect(explainAutoApproval(policy, facts({ amount: 10 }))).toBe(
      'No stage applied: legal (amount > 0) true but no approver entry applied: role:LEGAL (amount > 1000) false',
    );
  });

  it('says so when the policy has no stages, and names the stages when some applied', () => {
    expect(explainAutoApproval(policyOf(), facts())).toBe('No stage applied: the policy has no stages.');
    expect(explainAutoApproval(DEFAULT_POLICY, facts({ discountPct: 8 }))).toMatch(/^Stages applied \(manager\): manager \(.*\) true; director/);
  });
});

describe('describeThresholds', () => {
  it('lists each stage with its condition, in order', () => {
    expect(describeThresholds(DEFAULT_POLICY)).toEqual([
      { stage: 'manager', when: 'discountPct > 5 or amount >= 100000' },
      { stage: 'director', when: 'discountPct > 15 or amount >= 1000000' },
      { stage: 'finance', when: 'amount >= 1000000 or paymentTermDays > 90' },
    ]);
  });
});

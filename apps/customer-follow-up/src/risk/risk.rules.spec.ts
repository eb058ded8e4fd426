import { DEFAULT_FOLLOW_UP_POLICY } from '../policy/follow-up-policy.js';
import { complaintSpike, evaluateCustomerRisk, noRecentContract, noRecentVisit, riskWindows, satisfactionTrend, type CustomerRiskFacts } from './risk.rules.js';

const POLICY = DEFAULT_FOLLOW_UP_POLICY.risk; // window 90, drop 1, complaints 30 days x2 min 3, no contract 90, no visit 2 x cadence, cooldown 14
const CADENCE_A = 14;
const NOW = new Date('2027-03-11T22:00:00Z');
const DAY = 24 * 3600_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

function facts(overrides: Partial<CustomerRiskFacts> = {}): CustomerRiskFacts {
  return {
    tier: 'B',
    status: 'active',
    createdAt: daysAgo(1000),
    satisfaction: { recentAverage: null, recentCount: 0, previousAverage: null, previousCount: 0 },
    complaints: { recent: 0, previous: 0 },
    lastApprovedContractAt: null,
    lastCompletedVisitAt: null,
    workingDaysSinceVisit: null,
    ...overrides,
  };
}

describe('satisfaction trend', () => {
  it('flags a drop of at least the policy drop between the previous and the last window, with its numbers', () => {
    const flag = satisfactionTrend(facts({ satisfaction: { recentAverage: 2.5, recentCount: 2, previousAverage: 14 / 3, previousCount: 3 } }), POLICY);
    expect(flag).toEqual({
      rule: 'satisfaction_trend', severity: 2.17,
      evidence: { windowDays: 90, recentAverage: 2.5, recentCount: 2, previousAverage: 4.67, previousCount: 3, drop: 2.17, threshold: 1 },
    });
  });

  it('flags a drop of exactly the threshold, not a smaller one, a rise, or a window without ratings', () => {
    expect(satisfactionTrend(facts({ satisfaction: { recentAverage: 3.9, recentCount: 1, previousAverage: 4.9, previousCount: 1 } }), POLICY)?.severity).toBe(1);
    expect(satisfactionTrend(facts({ satisfaction: { recentAverage: 4, recentCount: 1, previousAverage: 4.9, previousCount: 1 } }), POLICY)).toBeNull();
    expect(satisfactionTrend(facts({ satisfaction: { recentAverage: 5, recentCount: 1, previousAverage: 2, previousCount: 1 } }), POLICY)).toBeNull();
    expect(satisfactionTrend(facts({ satisfaction: { recentAverage: 1, recentCount: 3, previousAverage: null, previousCount: 0 } }), POLICY)).toBeNull();
  });
});

describe('complaint spike', () => {
  it('needs both the factor over the previous window and the minimum; severity is the last window count', () => {
    expect(complaintSpike(facts({ complaints: { recent: 3, previous: 1 } }), POLICY)).toEqual({
      rule: 'complaint_spike', severity: 3, evidence: { windowDays: 30, recentCount: 3, previousCount: 1, factor: 2, minimum: 3 },
    });
    expect(complaintSpike(facts({ complaints: { recent: 3, previous: 0 } }), POLICY)?.severity).toBe(3);
    expect(complaintSpike(facts({ complaints: { recent: 2, previous: 0 } }), POLICY)).toBeNull();
    expect(complaintSpike(facts({ complaints: { recent: 5, previous: 3 } }), POLICY)).toBeNull();
    expect(complaintSpike(facts({ complaints: { recent: 6, previous: 3 } }), POLICY)?.severity).toBe(6);
  });
});

describe('tier A without a recent contract', () => {
  it('flags from noContractDays after the last approved contract; severity counts the whole periods', () => {
    const last = daysAgo(100);
    expect(noRecentContract(facts({ tier: 'A', lastApprovedContractAt: last }), POLICY, NOW)).toEqual({
      rule: 'no_recent_contract', severity: 1, evidence: { lastApprovedAt: last.toISOString(), days: 100, thresholdDays: 90 },
    });
    expect(noRecentContract(facts({ tier: 'A', lastApprovedContractAt: daysAgo(181) }), POLICY, NOW)?.severity).toBe(2);
    expect(noRecentContract(facts({ tier: 'A', lastApprovedContractAt: daysAgo(89) }), POLICY, NOW)).toBeNull();
  });

  it('counts a customer that never signed from its creation, and ignores other tiers, dormant and lost customers', () => {
    expect(noRecentContract(facts({ tier: 'A', createdAt: daysAgo(30) }), POLICY, NOW)).toBeNull();
    expect(noRecentContract(facts({ tier: 'A', createdAt: daysAgo(95) }), POLICY, NOW)?.evidence).toEqual({ lastApprovedAt: null, days: 95, thresholdDays: 90 });
    expect(noRecentContract(facts({ tier: 'B' }), POLICY, NOW)).toBeNull();
    expect(noRecentContract(facts({ tier: 'A', status: 'dormant' }), POLICY, NOW)).toBeNull();
    expect(evaluateCustomerRisk(facts({ tier: 'A', status: 'lost', complaints: { recent: 9, previous: 0 } }), POLICY, CADENCE_A, NOW)).toEqual([]);
  });
});

describe('tier A without a recent visit', () => {
  it('flags from factor x cadence working days; severity counts the cadences missed', () => {
    const last = daysAgo(45);
    expect(noRecentVisit(facts({ tier: 'A', lastCompletedVisitAt: last, workingDaysSinceVisit: 28 }), POLICY, CADENCE_A)).toEqual({
      rule: 'no_recent_visit', severity: 2,
      evidence: { lastCompletedAt: last.toISOString(), workingDays: 28, cadenceDays: 14, factor: 2, thresholdWorkingDays: 28 },
    });
    expect(noRecentVisit(facts({ tier: 'A', workingDaysSinceVisit: 43 }), POLICY, CADENCE_A)?.severity).toBe(3);
    expect(noRecentVisit(facts({ tier: 'A', workingDaysSinceVisit: 27 }), POLICY, CADENCE_A)).toBeNull();
    expect(noRecentVisit(facts({ tier: 'C', workingDaysSinceVisit: 400 }), POLICY, CADENCE_A)).toBeNull();
  });
});

describe('evaluateCustomerRisk and the windows', () => {
  it('returns every rule that holds', () => {
    const flags = evaluateCustomerRisk(facts({ tier: 'A', complaints: { recent: 4, previous: 1 }, lastApprovedContractAt: daysAgo(120), workingDaysSinceVisit: 5 }), POLICY, CADENCE_A, NOW);
    expect(flags.map((f) => f.rule)).toEqual(['complaint_spike', 'no_recent_contract']);
  });

  it('puts the window boundaries where the policy says, and pre-selects visits a calendar day early', () => {
    const w = riskWindows(NOW, POLICY, CADENCE_A);
    expect([w.satisfactionFrom, w.satisfactionSplit, w.complaintsFrom, w.complaintsSplit, w.contractsBefore, w.visitsBeforeAtLeast]).toEqual(
      [daysAgo(180), daysAgo(90), daysAgo(60), daysAgo(30), daysAgo(90), daysAgo(27)],
    );
  });
});

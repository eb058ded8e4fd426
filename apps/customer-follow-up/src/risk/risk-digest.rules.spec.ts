import { DEFAULT_FOLLOW_UP_POLICY } from '../policy/follow-up-policy.js';
import { compareAlerts, isCritical, riskDigestKey } from './risk-digest.rules.js';
import { effectivenessLines } from './risk-effectiveness.rules.js';

const at = (day: number) => new Date(Date.UTC(2027, 2, day));

describe('risk digest rules', () => {
  it('ranks worst first: severity, then the oldest, then the id', () => {
    const alerts = [
      { id: 'b', severity: 1, createdAt: at(1) },
      { id: 'c', severity: 2, createdAt: at(5) },
      { id: 'a', severity: 1, createdAt: at(1) },
      { id: 'd', severity: 2, createdAt: at(2) },
    ];
    expect([...alerts].sort(compareAlerts).map((a) => a.id)).toEqual(['d', 'c', 'a', 'b']);
  });

  it('an alert is critical from the policy\u2019s criticalSeverity (default 3; 0: every alert)', () => {
    expect(isCritical(2.9, DEFAULT_FOLLOW_UP_POLICY)).toBe(false);
    expect(isCritical(3, DEFAULT_FOLLOW_UP_POLICY)).toBe(true);
    expect(isCritical(0.5, { ...DEFAULT_FOLLOW_UP_POLICY, risk: { ...DEFAULT_FOLLOW_UP_POLICY.risk, criticalSeverity: 0 } })).toBe(true);
  });

  it('one digest per manager and local date', () => {
    expect(riskDigestKey('m1', '2027-03-11')).toBe('risk-digest:m1:2027-03-11');
  });

  it('effectiveness lines put done next to not done per type and countermeasure, with rates only where something can be judged', () => {
    const lines = effectivenessLines([
      { type: 'customer_demand', kind: 'visit', done: false, tasks: 2, windows: { 30: { recovered: 0, observed: 0 }, 60: { recovered: 1, observed: 2 }, 90: { recovered: 2, observed: 3 } } },
      { type: 'attrition', kind: 'conversation', done: true, tasks: 1, windows: { 30: { recovered: 1, observed: 1 }, 60: { recovered: 1, observed: 1 }, 90: { recovered: 1, observed: 1 } } },
    ]);
    expect(lines.map((l) => `${l.type}:${l.countermeasure}`)).toEqual(['attrition:conversation', 'customer_demand:visit']);
    expect(lines[1].notDone.windows.map((w) => w.rate)).toEqual([null, 0.5, 0.67]);
    expect(lines[1].done).toEqual({ tasks: 0, windows: [30, 60, 90].map((days) => ({ days, recovered: 0, observed: 0, rate: null })) });
  });
});

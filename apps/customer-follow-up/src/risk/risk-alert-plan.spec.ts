import { planSlice, type ExistingAlert, type FlaggedCustomer } from './risk-alert-plan.js';
import { readStoredEvidence, storedEvidence } from './risk-alert-record.js';
import type { RiskFlag } from './risk.rules.js';

const NOW = new Date('2027-03-20T22:00:00Z');
const DAY = 24 * 3600_000;
const CUSTOMER = '11111111-1111-1111-1111-111111111111';
const OTHER = '22222222-2222-2222-2222-222222222222';

const spike = (recent: number): RiskFlag => ({ rule: 'complaint_spike', severity: recent, evidence: { windowDays: 30, recentCount: recent, previousCount: 0, factor: 2, minimum: 3 } });
const flagged = (flag: RiskFlag, customerId = CUSTOMER, emailable = true): FlaggedCustomer => ({ customerId, flag, emailable, ownerId: 'owner-1' });

function existing(overrides: Partial<ExistingAlert> & { sends?: number; lastSentSeverity?: number }): ExistingAlert {
  const { sends = 1, lastSentSeverity = 3, ...rest } = overrides;
  return {
    id: 'alert-1', subjectId: CUSTOMER, rule: 'complaint_spike', status: 'open', severity: 3, snoozedUntil: null,
    lastSentAt: new Date(NOW.getTime() - DAY),
    evidence: storedEvidence(spike(3).evidence, { sends, lastSentSeverity, clearedAt: null }),
    ...rest,
  };
}

let ids = 0;
const newId = () => `new-${++ids}`;

describe('planSlice', () => {
  it('raises a new alert, emails it as send 1 and audits both', () => {
    const plan = planSlice([], [flagged(spike(3))], NOW, 14, 'corr', newId);
    expect(plan.raised).toBe(1);
    expect(plan.writes).toHaveLength(1);
    const [write] = plan.writes;
    expect(write).toMatchObject({ subjectId: CUSTOMER, rule: 'complaint_spike', severity: 3, status: 'open', lastSentAt: NOW });
    expect(readStoredEvidence(write.evidence).delivery).toEqual({ sends: 1, lastSentSeverity: 3, clearedAt: null });
    expect(plan.sends).toEqual([{ alertId: write.id, sendNumber: 1, customerId: CUSTOMER, flag: spike(3), occasion: 'new' }]);
    expect(plan.audit.map((a) => a.action)).toEqual(['risk-alert.raised', 'risk-alert.sent']);
  });

  it('updates the evidence of an alert in its cooldown without emailing, and emails send 2 when it gets worse', () => {
    const quiet = planSlice([existing({})], [flagged(spike(3))], NOW, 14, null, newId);
    expect(quiet.sends).toEqual([]);
    expect(quiet.writes[0]).toMatchObject({ id: 'alert-1', severity: 3, lastSentAt: existing({}).lastSentAt });
    const worse = planSlice([existing({})], [flagged(spike(5))], NOW, 14, null, newId);
    expect(worse.sends).toEqual([{ alertId: 'alert-1', sendNumber: 2, customerId: CUSTOMER, flag: spike(5), occasion: 'worse' }]);
    expect(readStoredEvidence(worse.writes[0].evidence).delivery).toEqual({ sends: 2, lastSentSeverity: 5, clearedAt: null });
  });

  it('clears an alert whose rule no longer holds, keeping its status, facts and delivery record', () => {
    const plan = planSlice([existing({ status: 'acknowledged' })], [flagged(spike(4), OTHER)], NOW, 14, null, newId);
    const cleared = plan.writes.find((w) => w.id === 'alert-1')!;
    expect(cleared).toMatchObject({ severity: 0, status: 'acknowledged' });
    expect(readStoredEvidence(cleared.evidence)).toEqual({ facts: spike(3).evidence, delivery: { sends: 1, lastSentSeverity: 3, clearedAt: NOW.toISOString() } });
    expect(plan.cleared).toBe(1);
    expect(plan.audit.map((a) => a.action)).toEqual(['risk-alert.raised', 'risk-alert.sent', 'risk-alert.cleared']);
  });

  it('keeps an alert without anyone to email unsent, so it is emailed once someone can be', () => {
    const plan = planSlice([], [flagged(spike(3), CUSTOMER, false)], NOW, 14, null, newId);
    expect(plan.sends).toEqual([]);
    expect(plan.writes[0]).toMatchObject({ lastSentAt: null });
    expect(readStoredEvidence(plan.writes[0].evidence).delivery.sends).toBe(0);
  });

  it('ends an expired snooze (audited as reopened) and keeps a running one with its date', () => {
    const until = new Date(NOW.getTime() + DAY);
    const running = planSlice([existing({ status: 'snoozed', snoozedUntil: until })], [flagged(spike(9))], NOW, 14, null, newId);
    expect(running.writes[0]).toMatchObject({ status: 'snoozed', snoozedUntil: until, severity: 9 });
    expect(running.sends).toEqual([]);
    const expired = planSlice([existing({ status: 'snoozed', snoozedUntil: new Date(NOW.getTime() - 1) })], [flagged(spike(9))], NOW, 14, null, newId);
    expect(expired.writes[0]).toMatchObject({ status: 'open', snoozedUntil: null });
    expect(expired.audit.map((a) => a.action)).toEqual(['risk-alert.reopened', 'risk-alert.sent']);
  });
});

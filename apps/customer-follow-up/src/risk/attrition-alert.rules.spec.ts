import type { AttritionFlag } from '#libs/queue';
import { planAttritionAlert, type ExistingAttritionAlert } from './attrition-alert.rules.js';

const DAY = 24 * 3600_000;
const flag = (scannedAt: string, severity = 2, eventId = 'ev-1'): AttritionFlag & { eventId: string } => ({
  eventId, employeeId: 'e1', severity, policyVersion: 0, cooldownDays: 30, scannedAt,
  signals: [{ signal: 'training_overdue', numbers: { count: 1, minimum: 1 }, sources: [{ kind: 'training-outcome', id: 'o1' }] }],
  countermeasures: [{ kind: 'conversation', within: 'P2D' }],
});
const T = '2027-04-08T22:00:00.000Z';
const sent = (overrides: Partial<ExistingAttritionAlert> = {}): ExistingAttritionAlert => ({
  id: 'a1', status: 'open', severity: 2, snoozedUntil: null, lastSentAt: new Date(T),
  evidence: { facts: { scannedAt: T }, delivery: { sends: 1, lastSentSeverity: 2, clearedAt: null }, eventId: 'ev-1' }, ...overrides,
});
const later = (days: number) => new Date(new Date(T).getTime() + days * DAY).toISOString();

describe('an attrition flag against the person\u2019s alert', () => {
  it('a new alert is sent as its first email when there is a manager to ask, kept unsent otherwise', () => {
    expect(planAttritionAlert(null, flag(T), true)).toMatchObject({ duplicate: false, status: 'open', send: { occasion: 'new', sendNumber: 1 }, lastSentAt: new Date(T) });
    expect(planAttritionAlert(null, flag(T), false)).toMatchObject({ status: 'open', send: null, lastSentAt: null });
  });

  it('the same event twice, or an older scan\u2019s event arriving late, is a duplicate', () => {
    expect(planAttritionAlert(sent(), flag(T), true).duplicate).toBe(true);
    expect(planAttritionAlert(sent(), flag(later(-1), 3, 'ev-0'), true).duplicate).toBe(true);
    expect(planAttritionAlert(sent(), flag(later(1), 2, 'ev-2'), true).duplicate).toBe(false);
  });

  it('within the cooldown nothing is sent unless more signals hold; after it a reminder', () => {
    expect(planAttritionAlert(sent(), flag(later(1), 2, 'ev-2'), true).send).toBeNull();
    expect(planAttritionAlert(sent(), flag(later(1), 3, 'ev-2'), true).send).toEqual({ occasion: 'worse', sendNumber: 2 });
    expect(planAttritionAlert(sent(), flag(later(30), 2, 'ev-2'), true).send).toEqual({ occasion: 'reminder', sendNumber: 2 });
  });

  it('a snooze silences it until its date even when worse; an acknowledgement until it is worse', () => {
    const snoozed = sent({ status: 'snoozed', snoozedUntil: new Date(later(5)) });
    expect(planAttritionAlert(snoozed, flag(later(2), 4, 'ev-2'), true)).toMatchObject({ status: 'snoozed', send: null, snoozedUntil: new Date(later(5)) });
    expect(planAttritionAlert(snoozed, flag(later(6), 4, 'ev-3'), true)).toMatchObject({ status: 'open', send: { occasion: 'worse' }, snoozedUntil: null, reopened: true });
    const acknowledged = sent({ status: 'acknowledged' });
    expect(planAttritionAlert(acknowledged, flag(later(40), 2, 'ev-2'), true)).toMatchObject({ status: 'acknowledged', send: null });
    expect(planAttritionAlert(acknowledged, flag(later(1), 3, 'ev-2'), true)).toMatchObject({ status: 'open', send: { occasion: 'worse' }, reopened: true });
  });
});

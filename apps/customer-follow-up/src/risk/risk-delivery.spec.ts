import { decideDelivery, type AlertState } from './risk-delivery.js';

const NOW = new Date('2027-03-20T22:00:00Z');
const DAY = 24 * 3600_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const COOLDOWN = 14;

const sent = (overrides: Partial<AlertState> = {}): AlertState => ({
  status: 'open', severity: 3, snoozedUntil: null, lastSentAt: daysAgo(1), lastSentSeverity: 3, ...overrides,
});

describe('decideDelivery', () => {
  it('emails a new alert at once', () => {
    expect(decideDelivery(null, 3, NOW, COOLDOWN)).toEqual({ status: 'open', send: 'new', reopened: false });
  });

  it('does not re-send the same flag within the cooldown, re-sends it once the cooldown has passed', () => {
    expect(decideDelivery(sent(), 3, NOW, COOLDOWN).send).toBeNull();
    expect(decideDelivery(sent({ lastSentAt: daysAgo(13) }), 3, NOW, COOLDOWN).send).toBeNull();
    // The 14th daily scan may start a few minutes earlier in the day than the one that sent.
    expect(decideDelivery(sent({ lastSentAt: new Date(daysAgo(14).getTime() + 5 * 60_000) }), 3, NOW, COOLDOWN).send).toBe('reminder');
  });

  it('re-sends within the cooldown when worse than at the last email, not when better', () => {
    expect(decideDelivery(sent(), 4, NOW, COOLDOWN)).toEqual({ status: 'open', send: 'worse', reopened: false });
    expect(decideDelivery(sent(), 2, NOW, COOLDOWN).send).toBeNull();
    expect(decideDelivery(sent({ severity: 2 }), 3, NOW, COOLDOWN).send).toBeNull();
  });

  it('keeps a snoozed alert silent until its date even when worse, then judges it as open', () => {
    const snoozed = sent({ status: 'snoozed', snoozedUntil: new Date(NOW.getTime() + DAY) });
    expect(decideDelivery(snoozed, 9, NOW, COOLDOWN)).toEqual({ status: 'snoozed', send: null, reopened: false });
    const over = sent({ status: 'snoozed', snoozedUntil: daysAgo(0.5) });
    expect(decideDelivery(over, 9, NOW, COOLDOWN)).toEqual({ status: 'open', send: 'worse', reopened: true });
    expect(decideDelivery(over, 3, NOW, COOLDOWN)).toEqual({ status: 'open', send: null, reopened: true });
  });

  it('keeps an acknowledged alert silent, even after the cooldown, until it gets worse, which re-opens it', () => {
    const acknowledged = sent({ status: 'acknowledged', lastSentAt: daysAgo(30) });
    expect(decideDelivery(acknowledged, 3, NOW, COOLDOWN)).toEqual({ status: 'acknowledged', send: null, reopened: false });
    expect(decideDelivery(acknowledged, 4, NOW, COOLDOWN)).toEqual({ status: 'open', send: 'worse', reopened: true });
  });

  it('re-opens an alert that had cleared and is back; the cooldown still holds against flapping', () => {
    const cleared = sent({ status: 'acknowledged', severity: 0, lastSentAt: daysAgo(3) });
    expect(decideDelivery(cleared, 3, NOW, COOLDOWN)).toEqual({ status: 'open', send: null, reopened: true });
    expect(decideDelivery({ ...cleared, lastSentAt: daysAgo(20) }, 3, NOW, COOLDOWN)).toEqual({ status: 'open', send: 'new', reopened: true });
    expect(decideDelivery(cleared, 5, NOW, COOLDOWN).send).toBe('new');
  });
});

import { actionTokenFor } from './action-link.js';
import { readRiskLinkToken, riskLinkTokenFor, type RiskLinkGrant } from './risk-link.js';

const SECRET = 'a-link-secret-of-at-least-thirty-two-characters';
const GRANT: RiskLinkGrant = {
  alertId: '0b9d6c1e-8f3a-4d2b-9c7e-1a2b3c4d5e6f',
  employeeId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
  action: 'snooze',
  localDate: '2027-03-11',
  expiresAt: new Date('2027-03-25T00:30:00.000Z'),
};

describe('risk digest link tokens: the grant, signed', () => {
  it('reads back the grant it was made from, for both actions', () => {
    for (const action of ['acknowledge', 'snooze'] as const) {
      const token = riskLinkTokenFor(SECRET, { ...GRANT, action });
      expect(token).toMatch(/^[A-Za-z0-9_-]{99}$/);
      expect(readRiskLinkToken(SECRET, token)).toEqual({ ...GRANT, action });
    }
  });

  it('is the same token each time (a resent email carries the same links)', () => {
    expect(riskLinkTokenFor(SECRET, GRANT)).toBe(riskLinkTokenFor(SECRET, { ...GRANT }));
  });

  it('rejects a token with any byte changed: the grant cannot be edited (another alert, action or date)', () => {
    const bytes = Buffer.from(riskLinkTokenFor(SECRET, GRANT), 'base64url');
    for (let at = 0; at < bytes.length; at += 1) {
      const altered = Buffer.from(bytes);
      altered[at] ^= 0x01;
      expect(readRiskLinkToken(SECRET, altered.toString('base64url'))).toBeNull();
    }
  });

  it('rejects a token signed with another key, another kind of link, and anything malformed', () => {
    expect(readRiskLinkToken('another-secret-of-at-least-thirty-two-chars', riskLinkTokenFor(SECRET, GRANT))).toBeNull();
    expect(readRiskLinkToken(SECRET, actionTokenFor(SECRET, GRANT.alertId))).toBeNull();
    expect(readRiskLinkToken(SECRET, '')).toBeNull();
    expect(readRiskLinkToken(SECRET, 'not a token')).toBeNull();
    expect(readRiskLinkToken(SECRET, riskLinkTokenFor(SECRET, GRANT).slice(0, 98))).toBeNull();
    expect(readRiskLinkToken(SECRET, `${riskLinkTokenFor(SECRET, GRANT)}AA`)).toBeNull();
  });
});

import { recertificationDue, recertifyAt, recertifyKey } from './recertification.rules.js';

describe('recertification rules', () => {
  it('is due 30 days before the expiry, at once when that is past', () => {
    const expiresAt = new Date('2028-04-20T03:00:00Z');
    expect(recertifyAt(expiresAt, new Date('2027-04-20T03:00:00Z')).toISOString()).toBe('2028-03-21T03:00:00.000Z');
    const late = new Date('2028-04-01T00:00:00Z');
    expect(recertifyAt(expiresAt, late)).toEqual(late);
  });

  it('opens a requirement due on the local expiry date, in its year', () => {
    expect(recertificationDue(new Date('2027-12-31T17:00:00Z'), 'Asia/Shanghai')).toEqual({ year: 2028, dueOn: '2028-01-01' });
    expect(recertificationDue(new Date('2027-12-31T17:00:00Z'), 'Europe/Berlin')).toEqual({ year: 2027, dueOn: '2027-12-31' });
  });

  it('keys the timer by certificate', () => {
    expect(recertifyKey('c1')).toBe('training-recertify:c1');
  });
});

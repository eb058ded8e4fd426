import { capWindowStart, contactKey, isLowScore, linkExpiry, primaryContact } from './surveys.rules.js';

describe('primaryContact', () => {
  it('is the first contact with an email address', () => {
    const contacts = [
      { name: 'No Mail', email: '', phone: '+86 1', locale: 'zh-CN' },
      { name: 'Lee', email: 'lee@acme.example', phone: null, locale: 'en' },
      { name: 'Wang', email: 'wang@acme.example', phone: null, locale: 'zh-CN' },
    ];
    expect(primaryContact(contacts)).toMatchObject({ name: 'Lee', email: 'lee@acme.example', locale: 'en' });
  });

  it('is null when nobody has an email, or the contacts are not a list', () => {
    expect(primaryContact([{ name: 'No Mail', email: '  ', phone: null, locale: 'en' }])).toBeNull();
    expect(primaryContact([])).toBeNull();
    expect(primaryContact({})).toBeNull();
  });
});

describe('survey windows', () => {
  const now = new Date('2027-03-31T00:00:00Z');

  it('the cap looks back capDays whole days; the link lives ttlDays', () => {
    expect(capWindowStart(now, 30).toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(linkExpiry(now, 14).toISOString()).toBe('2027-04-14T00:00:00.000Z');
  });

  it('a score at or below the threshold is low', () => {
    expect(isLowScore(2, 2)).toBe(true);
    expect(isLowScore(1, 2)).toBe(true);
    expect(isLowScore(3, 2)).toBe(false);
  });

  it('one contact is one address, whatever its case', () => {
    expect(contactKey(' Lee@Acme.Example ')).toBe('lee@acme.example');
  });
});

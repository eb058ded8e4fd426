import { capWindowStart, contactKey, decideSurveys, isLowScore, linkExpiry, primaryContact } from './surveys.rules.js';

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

describe('decideSurveys (a batch of surveys keeps the rules of one at a time)', () => {
  const now = new Date('2027-03-31T00:00:00Z');
  const since = capWindowStart(now, 30);
  let ids = 0;
  const newId = () => `survey-${++ids}`;
  const decide = (candidates: { sourceId: string; contactEmail: string }[], surveyed: string[] = [], last: [string, string, string][] = []) =>
    decideSurveys(candidates, new Set(surveyed), new Map(last.map(([contact, id, at]) => [contact, { id, createdAt: new Date(at) }])), since, now, newId)
      .map(({ candidate, decision }) => [candidate.sourceId, decision]);

  beforeEach(() => (ids = 0));

  it('guarantee: two sources for one contact in one batch are one survey, the second capped by it', () => {
    expect(decide([{ sourceId: 'a', contactEmail: 'lee@acme.example' }, { sourceId: 'b', contactEmail: 'lee@acme.example' }, { sourceId: 'c', contactEmail: 'wang@acme.example' }])).toEqual([
      ['a', { kind: 'send', surveyId: 'survey-1' }],
      ['b', { kind: 'capped', lastSurveyId: 'survey-1', lastSurveyAt: now }],
      ['c', { kind: 'send', surveyId: 'survey-2' }],
    ]);
  });

  it('guarantee: a contact surveyed inside the cap window is capped by that survey; one surveyed before it is not', () => {
    expect(decide(
      [{ sourceId: 'a', contactEmail: 'lee@acme.example' }, { sourceId: 'b', contactEmail: 'wang@acme.example' }],
      [],
      [['lee@acme.example', 'old-lee', '2027-03-20T00:00:00Z'], ['wang@acme.example', 'old-wang', '2027-02-20T00:00:00Z']],
    )).toEqual([
      ['a', { kind: 'capped', lastSurveyId: 'old-lee', lastSurveyAt: new Date('2027-03-20T00:00:00Z') }],
      ['b', { kind: 'send', surveyId: 'survey-1' }],
    ]);
  });

  it('guarantee: a source that has its survey gets none, and a source asked twice is decided once', () => {
    expect(decide([{ sourceId: 'a', contactEmail: 'lee@acme.example' }, { sourceId: 'b', contactEmail: 'wang@acme.example' }, { sourceId: 'b', contactEmail: 'wang@acme.example' }], ['a'])).toEqual([
      ['a', { kind: 'already-sent' }],
      ['b', { kind: 'send', surveyId: 'survey-1' }],
    ]);
  });

  it('with no cap (0 days) every source gets its survey, even for one contact', () => {
    const sources = [{ sourceId: 'a', contactEmail: 'lee@acme.example' }, { sourceId: 'b', contactEmail: 'lee@acme.example' }];
    const decisions = decideSurveys(sources, new Set(), new Map(), capWindowStart(now, 0), now, newId);
    expect(decisions.map((d) => d.decision.kind)).toEqual(['send', 'send']);
  });
});

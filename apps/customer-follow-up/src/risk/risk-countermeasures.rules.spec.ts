import { STANDARD_CALENDAR, isWorkingMoment } from '#libs/time';
import { bookingSourceId, countermeasuresOf, parseRiskTaskTimerKey, riskTaskTimerKey, taskMoments } from './risk-countermeasures.rules.js';

const T = '2027-04-08T22:00:00.000Z'; // Friday 06:00 in Shanghai, before working hours

describe('risk countermeasures (handbook)', () => {
  it('every risk type has the handbook\u2019s countermeasures; attrition\u2019s come with the flag', () => {
    expect(countermeasuresOf('customer_demand').map((c) => [c.kind, c.books])).toEqual([['offer_review', null], ['satisfaction_survey', 'survey'], ['visit', 'visit']]);
    expect(countermeasuresOf('competition').map((c) => [c.kind, c.books])).toEqual([['market_development_plan', null], ['competitor_review', null], ['segment_revisits', 'segment_visits']]);
    expect(countermeasuresOf('attrition', [{ kind: 'conversation', within: 'P2D' }])).toEqual([{ kind: 'conversation', within: 'P2D', books: null }]);
    expect(countermeasuresOf('unknown')).toEqual([]);
  });

  it('a task falls due in the owner\u2019s working time from the scan; its reminder halfway, its escalation at the due time', () => {
    const moments = taskMoments(new Date(T), 'P2D', 0.5, STANDARD_CALENDAR, 'Asia/Shanghai');
    // Two working days from Friday 09:00, over the weekend, is Tuesday 09:00; halfway is the close of Friday's working day.
    expect(moments.dueAt.toISOString()).toBe('2027-04-13T01:00:00.000Z');
    expect(moments.remind.toISOString()).toBe('2027-04-09T10:00:00.000Z');
    expect(moments.escalate.toISOString()).toBe('2027-04-13T01:00:00.000Z');
    expect(isWorkingMoment(moments.dueAt, STANDARD_CALENDAR, 'Asia/Shanghai')).toBe(true);
  });

  it('timer keys round-trip; booking source ids are stable per task and customer, and UUID-shaped', () => {
    const task = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
    expect(parseRiskTaskTimerKey(riskTaskTimerKey(task, 'escalate'))).toBe('escalate');
    expect(parseRiskTaskTimerKey('risk-task:nope:remind')).toBeNull();
    const a = bookingSourceId(task, 'c1');
    expect(a).toBe(bookingSourceId(task, 'c1'));
    expect(a).not.toBe(bookingSourceId(task, 'c2'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

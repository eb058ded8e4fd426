import { STANDARD_CALENDAR } from '#libs/time';
import { cancellationKey, countsAsAbsence, invitationKey, overlaps, sessionUid, trainerHolidayProblem } from './sessions.rules.js';

const at = (iso: string) => new Date(iso);

describe('sessions rules', () => {
  it('overlap is half-open', () => {
    const a = { startsAt: at('2027-05-10T01:00:00Z'), endsAt: at('2027-05-10T03:00:00Z') };
    expect(overlaps(a, { startsAt: at('2027-05-10T02:59:00Z'), endsAt: at('2027-05-10T04:00:00Z') })).toBe(true);
    expect(overlaps(a, { startsAt: at('2027-05-10T03:00:00Z'), endsAt: at('2027-05-10T04:00:00Z') })).toBe(false);
    expect(overlaps(a, { startsAt: at('2027-05-10T00:00:00Z'), endsAt: at('2027-05-10T06:00:00Z') })).toBe(true);
  });

  it('a holiday is read on the local date of the start, in the trainer\u2019s zone', () => {
    const calendar = { ...STANDARD_CALENDAR, name: 'cn', holidays: ['2027-05-03'] };
    const context = { calendar, zone: 'Asia/Shanghai' };
    // 2027-05-02T17:00Z is 01:00 on 3 May in Shanghai.
    expect(trainerHolidayProblem(at('2027-05-02T17:00:00Z'), context)).toBe('2027-05-03 is a holiday in the trainer\'s work calendar "cn" (Asia/Shanghai).');
    expect(trainerHolidayProblem(at('2027-05-02T15:00:00Z'), context)).toBeNull();
  });

  it('keys and the UID name every dimension', () => {
    expect(sessionUid('s1')).toBe('training-session-s1@salesflow');
    expect(invitationKey('s1', 2, 'e1', 'n1')).toBe('training-invitation:s1:2:e1:n1');
    expect(invitationKey('s1', 2, 't1', null)).toBe('training-invitation:s1:2:t1:trainer');
    expect(cancellationKey('s1', 3, 'e1', 'n1')).toBe('training-cancellation:s1:3:e1:n1');
  });
});

describe('training time as absence time', () => {
  it('a session of a full working day (8 hours) or more counts, a shorter one does not', () => {
    expect(countsAsAbsence({ startsAt: at('2027-05-10T01:00:00Z'), endsAt: at('2027-05-10T09:00:00Z') })).toBe(true);
    expect(countsAsAbsence({ startsAt: at('2027-05-10T01:00:00Z'), endsAt: at('2027-05-11T09:00:00Z') })).toBe(true);
    expect(countsAsAbsence({ startsAt: at('2027-05-10T01:00:00Z'), endsAt: at('2027-05-10T08:59:00Z') })).toBe(false);
  });
});

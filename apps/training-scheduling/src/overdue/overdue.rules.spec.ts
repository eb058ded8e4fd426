import { STANDARD_CALENDAR } from '#libs/time';
import { overdueEmailKey, overdueStepTimes, overdueTimerKey, parseOverdueTimerKey } from './overdue.rules.js';

describe('overdue mandatory training rules', () => {
  it('reminds five working days before at the opening, escalates on the next working day, then five working days later', () => {
    // Due Wednesday 2027-06-30 in Shanghai (standard calendar, Mon-Fri 09:00-18:00).
    const times = overdueStepTimes('2027-06-30', STANDARD_CALENDAR, 'Asia/Shanghai');
    expect(times.reminder.toISOString()).toBe('2027-06-23T01:00:00.000Z'); // Wed 23 June 09:00 +08
    expect(times.manager.toISOString()).toBe('2027-07-01T01:00:00.000Z'); // Thu 1 July 09:00
    expect(times.director.toISOString()).toBe('2027-07-08T01:00:00.000Z'); // Thu 8 July 09:00
  });

  it('counts in the person\'s zone', () => {
    const times = overdueStepTimes('2027-06-30', STANDARD_CALENDAR, 'Europe/Berlin');
    expect(times.reminder.toISOString()).toBe('2027-06-23T07:00:00.000Z');
  });

  it('keys name requirement, due date and step; parse back', () => {
    const key = overdueTimerKey('r1', '2027-06-30', 'manager');
    expect(parseOverdueTimerKey(key)).toEqual({ requirementId: 'r1', dueOn: '2027-06-30', step: 'manager' });
    expect(parseOverdueTimerKey('training-reminder:a:1:P1D:b')).toBeNull();
    expect(overdueEmailKey('r1', 'director', 'e9')).toBe('training-overdue:r1:director:e9');
  });
});

import { parseReminderKey, reminderDueAt, reminderKey } from './reminders.rules.js';

describe('training reminders', () => {
  it('counts days in the attendee\u2019s zone across a daylight-saving change, hours as elapsed time', () => {
    // Berlin moves to summer time on 2027-03-28: 03:00 CEST on the 30th is 01:00Z, a week before 03:00 CET is 02:00Z.
    const start = new Date('2027-03-30T01:00:00Z');
    expect(reminderDueAt(start, 'P7D', 'Europe/Berlin').toISOString()).toBe('2027-03-23T02:00:00.000Z');
    expect(reminderDueAt(start, 'P1D', 'Europe/Berlin').toISOString()).toBe('2027-03-29T01:00:00.000Z');
    expect(reminderDueAt(start, 'PT1H', 'Europe/Berlin').toISOString()).toBe('2027-03-30T00:00:00.000Z');
    expect(reminderDueAt(start, 'P7D', 'Asia/Shanghai').toISOString()).toBe('2027-03-23T01:00:00.000Z');
  });

  it('keys name session, sequence, offset and enrollment, and read back', () => {
    const key = reminderKey('s1', 2, 'P1D', 'e1');
    expect(key).toBe('training-reminder:s1:2:P1D:e1');
    expect(parseReminderKey(key)).toEqual({ sessionId: 's1', sequence: 2, before: 'P1D', enrollmentId: 'e1' });
    expect(parseReminderKey('revisit-digest:x')).toBeNull();
  });
});

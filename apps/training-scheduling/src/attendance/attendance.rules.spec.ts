import { afterAttendance, afterScore, certificateExpiry, failureKey } from './attendance.rules.js';

const assessed = { mandatory: true, passMark: 80, attemptsAllowed: 2 };
const presenceOnly = { mandatory: false, passMark: null, attemptsAllowed: null };

describe('attendance and assessment rules', () => {
  it('present completes a course without assessment; an unexcused absence fails a mandatory one only', () => {
    expect(afterAttendance('present', presenceOnly)).toBe('complete');
    expect(afterAttendance('present', assessed)).toBe('await-score');
    expect(afterAttendance('absent', assessed)).toBe('fail-absent');
    expect(afterAttendance('absent', presenceOnly)).toBe('nothing');
    expect(afterAttendance('excused', assessed)).toBe('nothing');
  });

  it('a pass completes, a fail is retaken until the last attempt', () => {
    expect(afterScore(80, 1, assessed)).toBe('complete');
    expect(afterScore(79, 1, assessed)).toBe('retake');
    expect(afterScore(79, 2, assessed)).toBe('fail-final');
    expect(afterScore(10, 1, { ...assessed, attemptsAllowed: null })).toBe('fail-final');
  });

  it('certificates expire after their months, or never', () => {
    expect(certificateExpiry(new Date('2027-01-31T02:00:00Z'), 1)?.toISOString()).toBe('2027-02-28T02:00:00.000Z');
    expect(certificateExpiry(new Date('2027-05-10T02:00:00Z'), 12)?.toISOString()).toBe('2028-05-10T02:00:00.000Z');
    expect(certificateExpiry(new Date('2027-05-10T02:00:00Z'), null)).toBeNull();
    expect(failureKey('e', 'm')).toBe('training-failed:e:m');
  });
});

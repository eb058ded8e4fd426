import { DateTime } from 'luxon';

export type AttendanceMark = 'present' | 'absent' | 'excused';

/** What the course asks of someone: an assessment (pass mark, attempts) or presence alone. */
export interface CourseTerms {
  mandatory: boolean;
  passMark: number | null;
  attemptsAllowed: number | null;
}

/**
 * What recording attendance decides: present completes a course without an assessment (and
 * waits for the score otherwise); an unexcused absence from a mandatory course is a failure the
 * manager hears of; anything else decides nothing yet.
 */
export function afterAttendance(mark: AttendanceMark, course: CourseTerms): 'complete' | 'await-score' | 'fail-absent' | 'nothing' {
  if (mark === 'present') return course.passMark === null ? 'complete' : 'await-score';
  if (mark === 'absent' && course.mandatory) return 'fail-absent';
  return 'nothing';
}

/** A score: pass completes; a fail before the last allowed attempt is retaken; the last one is final. */
export function afterScore(score: number, attempt: number, course: CourseTerms): 'complete' | 'retake' | 'fail-final' {
  if (course.passMark !== null && score >= course.passMark) return 'complete';
  return attempt < (course.attemptsAllowed ?? 1) ? 'retake' : 'fail-final';
}

/** A certificate runs out this many calendar months after it is issued (UTC months), or never. */
export function certificateExpiry(issuedAt: Date, validityMonths: number | null): Date | null {
  if (validityMonths === null) return null;
  return DateTime.fromJSDate(issuedAt, { zone: 'utc' }).plus({ months: validityMonths }).toJSDate();
}

/** The manager's email about one failed enrollment: one per enrollment and manager, ever. */
export function failureKey(enrollmentId: string, managerId: string): string {
  return `training-failed:${enrollmentId}:${managerId}`;
}

import type { CourseRequest } from '#libs/contracts';
import type { FieldError } from '#libs/rpc';

/**
 * Rules across fields that a DTO cannot state alone; the gateway's DTO checks each field.
 * An assessment needs its pass mark: attempts without one mean nothing.
 */
export function courseProblems(course: CourseRequest): FieldError[] {
  const problems: FieldError[] = [];
  if (course.attemptsAllowed != null && course.passMark == null) {
    problems.push({ field: 'attemptsAllowed', message: 'attemptsAllowed needs a passMark: only an assessed course has attempts.' });
  }
  if (new Set(course.levels).size !== course.levels.length) problems.push({ field: 'levels', message: 'levels must not repeat a role.' });
  return problems;
}

import type { Selectable } from 'kysely';
import type { Course, Employee, Enrollment, TrainingSession } from '#generated/kysely';

// Rows as Kysely reads them (`#generated/kysely`, generated from schema.prisma).
export type CourseRow = Selectable<Course>;
export type EmployeeRow = Selectable<Employee>;
export type EnrollmentRow = Selectable<Enrollment>;
export type TrainingSessionRow = Selectable<TrainingSession>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are user input: anything else is simply not found (Postgres would refuse it). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

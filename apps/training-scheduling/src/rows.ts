import type { Selectable } from 'kysely';
import type { Course, Employee, Enrollment, TrainingSession } from '#generated/kysely';

// Rows as Kysely reads them (`#generated/kysely`, generated from schema.prisma).
export type CourseRow = Selectable<Course>;
export type EmployeeRow = Selectable<Employee>;
export type EnrollmentRow = Selectable<Enrollment>;
export type TrainingSessionRow = Selectable<TrainingSession>;

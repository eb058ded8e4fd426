import { z } from 'zod/v4';
import { CourseCategory, EnrollmentStatus, Role, TrainingSessionStatus } from '#generated/prisma';
import { PersonView, pageOf } from './common.schemas.js';

export const CourseView = z.object({
  id: z.string(),
  code: z.string(),
  title: z.object({ 'zh-CN': z.string(), en: z.string() }),
  category: z.enum(CourseCategory),
  levels: z.array(z.enum(Role)).describe('the roles the course is for'),
  durationMinutes: z.number().int(),
  mandatory: z.boolean(),
  passMark: z.number().int().nullable().describe('0-100; null: no assessment'),
  attemptsAllowed: z.number().int().nullable(),
  certificateValidityMonths: z.number().int().nullable(),
  productLine: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const CoursePage = pageOf(CourseView);

export const TrainingSessionView = z.object({
  id: z.string(),
  course: z.object({ id: z.string(), code: z.string(), title: z.object({ 'zh-CN': z.string(), en: z.string() }) }),
  startsAt: z.string(),
  endsAt: z.string(),
  timezone: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  trainer: PersonView,
  capacity: z.number().int(),
  waitlist: z.boolean().describe('whether enrollments beyond capacity join a waitlist (else 409)'),
  status: z.enum(TrainingSessionStatus),
  sequence: z.number().int().describe('the iCalendar SEQUENCE of the invitations: raised on every reschedule or cancellation'),
  version: z.number().int(),
  seatsTaken: z.number().int(),
  waitlistLength: z.number().int(),
  createdAt: z.string(),
});

export const EnrollmentView = z.object({
  id: z.string(),
  sessionId: z.string(),
  employee: PersonView,
  status: z.enum(EnrollmentStatus),
  waitlistedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  createdAt: z.string(),
});

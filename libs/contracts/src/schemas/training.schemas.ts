import { z } from 'zod/v4';
import { AttendanceStatus, CourseCategory, EnrollmentStatus, Role, TrainingResult, TrainingSessionStatus } from '#generated/prisma';
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
  attempt: z.number().int().describe('the attempt at the course this enrollment is: a retake after a fail is one more'),
  attendance: z.enum(AttendanceStatus).nullable(),
  score: z.number().int().nullable(),
  result: z.enum(TrainingResult).nullable().describe('COMPLETED (certificate issued) or FAILED; null while undecided'),
  createdAt: z.string(),
});

export const CertificateView = z.object({
  id: z.string(),
  courseId: z.string(),
  employee: PersonView,
  issuedAt: z.string(),
  expiresAt: z.string().nullable().describe('null: the course certifies without expiry'),
});

/** What recording attendance or a score did to one enrollment. */
export const TrainingOutcomeView = z.object({
  enrollment: EnrollmentView,
  certificate: CertificateView.nullable(),
  retake: EnrollmentView.nullable().describe('the enrollment for the retake after a fail (a seat or a waitlist place)'),
  managerTold: z.boolean().describe('the manager was emailed: last failed attempt, or an unexcused absence from a mandatory course'),
});

export const AttendanceRecorded = z.object({ items: z.array(TrainingOutcomeView) });

export const TrainingPolicy = z.object({
  remindersBefore: z.array(z.string()).describe('ISO-8601 durations before the session start; days count in the attendee\'s zone'),
  digestWeekday: z.number().int().describe('ISO weekday (1 = Monday .. 7 = Sunday) of the weekly digest to each manager with a team; default 1'),
  digestLocalTime: z.string().describe('local time "HH:mm" of that digest, in the manager\'s zone; default 09:00'),
});
export const VersionedTrainingPolicy = z.object({ version: z.number().int().describe('0: the defaults, never replaced'), policy: TrainingPolicy });

export const PlanAudience = z.object({
  roles: z.array(z.enum(Role)).optional(),
  teams: z.array(z.string()).optional(),
  regions: z.array(z.string()).optional(),
  productLines: z.array(z.string()).optional(),
  when: z.string().optional().describe('a filtrex expression over the person\'s facts: role, team, region'),
});
export const PlanRule = z.object({
  course: z.string().describe('the course code'),
  audience: PlanAudience,
  due: z.union([z.object({ date: z.string().describe('YYYY-MM-DD') }), z.object({ withinWorkingDaysOfJoining: z.number().int() })]),
});
export const TrainingPlanDocument = z.object({ rules: z.array(PlanRule) });
export const TrainingPlanView = z.object({
  year: z.number().int(),
  version: z.number().int(),
  document: TrainingPlanDocument,
  createdAt: z.string(),
  applied: z.object({ added: z.number().int(), reopened: z.number().int(), redated: z.number().int(), withdrawn: z.number().int() })
    .optional().describe('what publishing changed (PUT only)'),
});
const ProgressCounts = z.object({
  total: z.number().int(), completed: z.number().int(), open: z.number().int(), enrolled: z.number().int(), overdue: z.number().int(),
});
export const TrainingPlanProgress = z.object({
  year: z.number().int(),
  version: z.number().int(),
  byTeam: z.array(ProgressCounts.extend({ team: z.string().nullable() })),
  byRole: z.array(ProgressCounts.extend({ role: z.enum(Role) })),
});

import type { z } from 'zod/v4';
import type { CourseCategory, Role } from '#generated/prisma';
import { BULK_RPC_TIMEOUT_MS, rpcContract } from './rpc-contract.js';
import type { Ok } from './schemas/common.schemas.js';
import type {
  AttendanceRecorded, CoursePage, CourseView, EnrollmentView, TrainingOutcomeView, TrainingPlanProgress, TrainingPlanView, TrainingSessionView, VersionedTrainingPolicy,
} from './schemas/training.schemas.js';

type ById = { id: string };
type Nothing = Record<string, never>;
type Paged = { cursor?: string; limit: number };

export const COURSE_CATEGORIES = ['product_knowledge', 'sales_skills', 'customer_relationship', 'compliance', 'management'] as const satisfies readonly CourseCategory[];

export interface CourseRequest {
  code: string;
  titleZh: string;
  titleEn: string;
  category: CourseCategory;
  levels: Role[];
  durationMinutes: number;
  mandatory: boolean;
  passMark?: number | null;
  attemptsAllowed?: number | null;
  certificateValidityMonths?: number | null;
  productLine?: string | null;
}

/** A whole course again, with the version the caller read (409 when stale). */
export interface UpdateCourseRequest extends CourseRequest {
  version: number;
}

export interface CreateSessionRequest {
  courseId: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  place?: string | null;
  onlineUrl?: string | null;
  /** Employee id or email. */
  trainer: string;
  capacity: number;
  waitlist?: boolean;
}

/** Only what changes; `version` is the one the caller read (409 when stale). */
export interface RescheduleSessionRequest {
  version: number;
  startsAt?: string;
  endsAt?: string;
  place?: string | null;
  onlineUrl?: string | null;
  capacity?: number;
}

export const CreateCourse = rpcContract<{ course: CourseRequest; idempotencyKey?: string }, z.infer<typeof CourseView>>('training-scheduling.courses.create');
export const GetCourse = rpcContract<ById, z.infer<typeof CourseView>>('training-scheduling.courses.get');
export const ListCourses = rpcContract<Paged & { category?: CourseCategory }, z.infer<typeof CoursePage>>('training-scheduling.courses.list');
export const UpdateCourse = rpcContract<ById & { course: UpdateCourseRequest }, z.infer<typeof CourseView>>('training-scheduling.courses.update');

export const CreateSession = rpcContract<{ session: CreateSessionRequest; idempotencyKey?: string }, z.infer<typeof TrainingSessionView>>('training-scheduling.sessions.create');
export const GetSession = rpcContract<ById, z.infer<typeof TrainingSessionView>>('training-scheduling.sessions.get');
export const RescheduleSession = rpcContract<ById & { changes: RescheduleSessionRequest }, z.infer<typeof TrainingSessionView>>('training-scheduling.sessions.reschedule');
export const CancelSession = rpcContract<ById, z.infer<typeof TrainingSessionView>>('training-scheduling.sessions.cancel');

/** `employeeEmail` absent: the caller enrolls themselves. */
export const CreateEnrollment = rpcContract<{ sessionId: string; employeeEmail?: string; idempotencyKey?: string }, z.infer<typeof EnrollmentView>>('training-scheduling.enrollments.create');
export const WithdrawEnrollment = rpcContract<ById, z.infer<typeof EnrollmentView>>('training-scheduling.enrollments.withdraw');

export const GetTrainingPolicy = rpcContract<Nothing, z.infer<typeof VersionedTrainingPolicy>>('training-scheduling.policy.get');
/** `policy` is the whole document, validated by the service (400 naming missing fields). */
export const PutTrainingPolicy = rpcContract<{ policy: unknown }, z.infer<typeof VersionedTrainingPolicy>>('training-scheduling.policy.put');

export type AttendanceMark = 'present' | 'absent' | 'excused';
export interface AttendanceRecordRequest {
  enrollmentId: string;
  status: AttendanceMark;
}
export const RecordAttendance = rpcContract<ById & { records: AttendanceRecordRequest[] }, z.infer<typeof AttendanceRecorded>>('training-scheduling.attendance.record');
export const RecordAssessment = rpcContract<ById & { score: number }, z.infer<typeof TrainingOutcomeView>>('training-scheduling.attendance.assess');

/** The plan document is validated by the service (400 with the path of the bad rule). */
export const PutTrainingPlan = rpcContract<{ year: number; plan: unknown }, z.infer<typeof TrainingPlanView>>('training-scheduling.plans.put', { timeoutMs: BULK_RPC_TIMEOUT_MS });
export const GetTrainingPlan = rpcContract<{ year: number }, z.infer<typeof TrainingPlanView>>('training-scheduling.plans.get');
export const GetTrainingPlanProgress = rpcContract<{ year: number }, z.infer<typeof TrainingPlanProgress>>('training-scheduling.plans.progress');

export const PingTrainingScheduling = rpcContract<Nothing, z.infer<typeof Ok>>('training-scheduling.ping');

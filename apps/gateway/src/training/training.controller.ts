import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Role } from '#generated/prisma';
import {
  CancelSession, CreateCourse, CreateEnrollment, CreateSession, GetCourse, GetSession, GetTrainingPolicy, ListCourses, PutTrainingPolicy, RecordAssessment,
  RecordAttendance, RescheduleSession, UpdateCourse, WithdrawEnrollment,
} from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { idempotencyKey } from '../contracts/idempotency-key.js';
import { ApiAnswers } from '../http/api-answers.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import {
  AssessmentDto, AttendanceDto, CourseDto, CreateEnrollmentDto, CreateSessionDto, ListCoursesQuery, RescheduleSessionDto, UpdateCourseDto,
} from './training.dto.js';

const CATALOGUE_WRITERS: Role[] = ['HR', 'ADMIN'];
const SCHEDULERS: Role[] = ['HR', 'ADMIN', 'SALES_MANAGER', 'SALES_DIRECTOR'];
const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'the same key with the same body returns the first result' };

@ApiTags('training')
@Controller('courses')
export class CoursesController {
  constructor(private readonly service: ServiceClient) {}

  @Post()
  @Roles('Add a course to the catalogue; 409 when its code is taken', CATALOGUE_WRITERS)
  @ApiHeader(IDEMPOTENCY)
  @ApiAnswers(201, 'CourseView', [400, 409, 503])
  create(@CurrentCaller() caller: Caller, @Body() body: CourseDto, @Headers('idempotency-key') key: string | undefined, @CorrelationId() correlationId: string) {
    return this.service.call(CreateCourse, caller, correlationId, { course: { ...body }, idempotencyKey: idempotencyKey(key) });
  }

  @Get()
  @Roles('The course catalogue, by code', ANY_EMPLOYEE)
  @ApiAnswers(200, 'CoursePage', [400, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: ListCoursesQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListCourses, caller, correlationId, { ...query, limit: pageLimit(query.limit) });
  }

  @Get(':id')
  @Roles('A course', ANY_EMPLOYEE)
  @ApiAnswers(200, 'CourseView', [404, 503])
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetCourse, caller, correlationId, { id });
  }

  @Put(':id')
  @Roles('Replace a course with the version you read; 409 when stale or the code is taken', CATALOGUE_WRITERS)
  @ApiAnswers(200, 'CourseView', [400, 404, 409, 503])
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateCourseDto, @CorrelationId() correlationId: string) {
    return this.service.call(UpdateCourse, caller, correlationId, { id, course: { ...body } });
  }
}

@ApiTags('training')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly service: ServiceClient) {}

  @Post()
  @Roles(
    'Schedule a session of a course; the trainer gets a calendar invitation. 409 when the trainer trains another session then (named), 422 on their holiday or absence',
    SCHEDULERS,
  )
  @ApiHeader(IDEMPOTENCY)
  @ApiAnswers(201, 'TrainingSessionView', [400, 404, 409, 422, 503])
  create(@CurrentCaller() caller: Caller, @Body() body: CreateSessionDto, @Headers('idempotency-key') key: string | undefined, @CorrelationId() correlationId: string) {
    return this.service.call(CreateSession, caller, correlationId, { session: { ...body }, idempotencyKey: idempotencyKey(key) });
  }

  @Get(':id')
  @Roles('A session with its seats taken and the length of its waitlist', ANY_EMPLOYEE)
  @ApiAnswers(200, 'TrainingSessionView', [404, 503])
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetSession, caller, correlationId, { id });
  }

  @Patch(':id')
  @Roles(
    'Reschedule (start, end, place, online link, capacity) with the version you read: everyone confirmed and the trainer get an update (same UID, higher SEQUENCE); more capacity promotes the waitlist. HR, ADMIN or whoever scheduled it',
    SCHEDULERS,
  )
  @ApiAnswers(200, 'TrainingSessionView', [400, 404, 409, 422, 503])
  reschedule(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: RescheduleSessionDto, @CorrelationId() correlationId: string) {
    return this.service.call(RescheduleSession, caller, correlationId, { id, changes: { ...body } });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('Cancel a session: everyone confirmed and the trainer get a METHOD:CANCEL calendar entry. HR, ADMIN or whoever scheduled it', SCHEDULERS)
  @ApiAnswers(200, 'TrainingSessionView', [404, 409, 503])
  cancel(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(CancelSession, caller, correlationId, { id });
  }

  @Post(':id/enrollments')
  @Roles(
    'Enroll the caller, or employeeEmail (by their manager chain or HR): a seat while one is free (with a calendar invitation), else a waitlist place; 409 when full without a waitlist or already enrolled',
    ANY_EMPLOYEE,
  )
  @ApiHeader(IDEMPOTENCY)
  @ApiAnswers(201, 'EnrollmentView', [400, 404, 409, 422, 503])
  enroll(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: CreateEnrollmentDto,
    @Headers('idempotency-key') key: string | undefined,
    @CorrelationId() correlationId: string,
  ) {
    return this.service.call(CreateEnrollment, caller, correlationId, { sessionId: id, ...(body.employeeEmail ? { employeeEmail: body.employeeEmail } : {}), idempotencyKey: idempotencyKey(key) });
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @Roles(
    'Record attendance (the session\'s trainer or HR, once the session started: 422 before): present completes a course without an assessment (certificate); an unexcused absence from a mandatory course tells the manager. All or nothing',
    ANY_EMPLOYEE,
  )
  @ApiAnswers(200, 'AttendanceRecorded', [400, 403, 404, 409, 422, 503])
  attendance(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AttendanceDto, @CorrelationId() correlationId: string) {
    return this.service.call(RecordAttendance, caller, correlationId, { id, records: body.records.map((r) => ({ enrollmentId: r.enrollmentId, status: r.status })) });
  }
}

@ApiTags('training')
@Controller('enrollments')
export class EnrollmentsController {
  constructor(private readonly service: ServiceClient) {}

  @Delete(':id')
  @Roles('Withdraw an enrollment (the person, their manager chain, HR): a METHOD:CANCEL to them, and the freed seat to the first waitlisted, who is invited', ANY_EMPLOYEE)
  @ApiAnswers(200, 'EnrollmentView', [404, 409, 503])
  withdraw(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(WithdrawEnrollment, caller, correlationId, { id });
  }

  @Post(':id/assessment')
  @HttpCode(200)
  @Roles(
    'Score the assessment of someone present (the session\'s trainer or HR; 403 for another session\'s trainer): a pass completes (certificate with expiry); a fail enrolls a retake in the next session with a seat or its waitlist; the last failed attempt tells the manager',
    ANY_EMPLOYEE,
  )
  @ApiAnswers(200, 'TrainingOutcomeView', [400, 403, 404, 409, 422, 503])
  assess(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AssessmentDto, @CorrelationId() correlationId: string) {
    return this.service.call(RecordAssessment, caller, correlationId, { id, score: body.score });
  }
}

@ApiTags('training')
@Controller('training-policy')
export class TrainingPolicyController {
  constructor(private readonly service: ServiceClient) {}

  @Get()
  @Roles('The training policy: reminder offsets before each session, weekday and local time of the managers\' digest', ANY_EMPLOYEE)
  @ApiAnswers(200, 'VersionedTrainingPolicy', [503])
  get(@CurrentCaller() caller: Caller, @CorrelationId() correlationId: string) {
    return this.service.call(GetTrainingPolicy, caller, correlationId, {});
  }

  /** The body is the whole policy document: a missing field is a 400 naming it. */
  @Put()
  @Roles('Replace the training policy (a new version); sessions armed before keep their reminders, every manager\'s next digest moves to the new weekday and time', CATALOGUE_WRITERS)
  @ApiAnswers(200, 'VersionedTrainingPolicy', [400, 403, 503])
  put(@CurrentCaller() caller: Caller, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.service.call(PutTrainingPolicy, caller, correlationId, { policy: body });
  }
}

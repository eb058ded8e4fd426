import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { CourseRequest, UpdateCourseRequest } from '#libs/contracts';
import { Database, IdempotentCreator, isUniqueViolation, type Tx } from '#libs/database';
import { BadRequestError, ConflictError, NotFoundError, toPage, type Caller, type Page } from '#libs/rpc';
import { Clock } from '#libs/time';
import type { CourseRow } from '../rows.js';
import { courseProblems } from './course-input.js';
import { courseView, type CourseViewBody } from './course-view.js';
import { CoursesRepository } from './courses.repository.js';

const CREATE_SCOPE = 'courses.create';

function codeTaken(code: string): ConflictError {
  return new ConflictError(`Course code ${code} is already taken.`, 'course.code_taken');
}

function assertValid(course: CourseRequest): void {
  const problems = courseProblems(course);
  if (problems.length > 0) throw new BadRequestError('The course is invalid.', problems);
}

/** The course catalogue: HR and ADMIN write (the gateway checks the roles), everyone reads. */
@Injectable()
export class CoursesService {
  constructor(
    private readonly database: Database,
    private readonly creator: IdempotentCreator,
    private readonly repository: CoursesRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async create(caller: Caller, course: CourseRequest, idempotencyKey: string | undefined, correlationId: string): Promise<CourseViewBody> {
    assertValid(course);
    return this.creator.create(
      { scope: CREATE_SCOPE, callerId: caller.id, key: idempotencyKey, body: course },
      async (tx) => {
        if (await this.repository.existsWithCode(tx, course.code)) throw codeTaken(course.code);
        const now = this.clock.now();
        const created = await this.repository.create(tx, course, now);
        await this.audit.record(tx, { entityType: 'course', entityId: created.id, action: 'course.created', actorId: caller.id, after: courseView(created), correlationId, at: now });
        return courseView(created);
      },
      // A concurrent request with another key won the code.
      async (error) => {
        if (await this.repository.existsWithCode(this.database.db, course.code)) throw codeTaken(course.code);
        throw error;
      },
    );
  }

  async get(id: string): Promise<CourseViewBody> {
    return courseView(await this.found(this.database.db, id));
  }

  async list(query: { category?: CourseRow['category']; cursor?: string; limit: number }): Promise<Page<CourseViewBody>> {
    const rows = await this.repository.list(this.database.db, { category: query.category }, query);
    return toPage(rows, query.limit, courseView);
  }

  async update(caller: Caller, id: string, input: UpdateCourseRequest, correlationId: string): Promise<CourseViewBody> {
    const { version, ...course } = input;
    assertValid(course);
    try {
      return await this.database.transaction(async (tx) => {
        const current = await this.repository.lock(tx, id);
        if (!current) throw new NotFoundError(`Course ${id} does not exist.`, 'course.not_found');
        if (current.version !== version) {
          throw new ConflictError(`Course ${id} is at version ${current.version}, not ${version}: read it again.`, 'conflict.stale_version');
        }
        if (await this.repository.existsWithCode(tx, course.code, id)) throw codeTaken(course.code);
        const now = this.clock.now();
        const updated = await this.repository.replace(tx, id, course, current.version + 1, now);
        await this.audit.record(tx, {
          entityType: 'course', entityId: id, action: 'course.updated', actorId: caller.id, before: courseView(current), after: courseView(updated), correlationId, at: now,
        });
        return courseView(updated);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw codeTaken(course.code);
      throw error;
    }
  }

  async found(tx: Tx, id: string): Promise<CourseRow> {
    const course = await this.repository.findById(tx, id);
    if (!course) throw new NotFoundError(`Course ${id} does not exist.`, 'course.not_found');
    return course;
  }
}

import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, IdempotentCreator, isUniqueViolation, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { RequirementsHook } from '../plans/requirements.hook.js';
import type { EmployeeRow } from '../rows.js';
import { Reminders } from '../sessions/reminders.service.js';
import { Seats } from '../sessions/seats.service.js';
import { SessionsMailer } from '../sessions/sessions.mailer.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { TrainingAbsences } from '../sessions/training-absences.service.js';
import { enrollmentView, type EnrollmentViewBody } from './enrollment-view.js';
import { EnrollmentsRepository } from './enrollments.repository.js';
import { placeFor } from './enrollments.rules.js';

const CREATE_SCOPE = 'enrollments.create';

/**
 * Enrollment with capacity and waitlist. Every seat decision locks the session's row first, so
 * concurrent requests for the last seat give one seat and one waitlist place, never more seats
 * than the capacity; a withdrawal gives the freed seat to the first waitlisted person.
 */
@Injectable()
export class EnrollmentsService {
  constructor(
    private readonly database: Database,
    private readonly creator: IdempotentCreator,
    private readonly repository: EnrollmentsRepository,
    private readonly sessionsRepository: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly mailer: SessionsMailer,
    private readonly seats: Seats,
    private readonly reminders: Reminders,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
    private readonly requirements: RequirementsHook,
    private readonly trainingAbsences: TrainingAbsences,
  ) {}

  async enroll(caller: Caller, sessionId: string, employeeEmail: string | undefined, idempotencyKey: string | undefined, correlationId: string): Promise<EnrollmentViewBody> {
    try {
      return await this.creator.create({ scope: CREATE_SCOPE, callerId: caller.id, key: idempotencyKey, body: { sessionId, employeeEmail: employeeEmail ?? null } }, async (tx) => {
        const employee = await this.whoEnrolls(tx, caller, employeeEmail);
        const session = await this.sessionsRepository.lock(tx, sessionId);
        if (!session) throw new NotFoundError(`Session ${sessionId} does not exist.`, 'session.not_found');
        if (session.status !== 'SCHEDULED') throw new ConflictError(`Session ${sessionId} is ${session.status.toLowerCase()}.`, 'session.cancelled');
        const existing = await this.repository.active(tx, session.id, employee.id);
        if (existing) throw alreadyEnrolled(employee, sessionId, existing.status);
        const { confirmed } = await this.sessionsRepository.seatCounts(tx, session.id);
        const place = placeFor(session, confirmed);
        if (place === 'FULL') throw new ConflictError(`Session ${sessionId} is full (${session.capacity} seats) and has no waitlist.`, 'session.full');
        const now = this.clock.now();
        const waitlistedAt = place === 'WAITLISTED' ? await this.sessionsRepository.waitlistStamp(tx, session.id, now) : null;
        const enrollment = await this.repository.create(tx, { sessionId: session.id, employeeId: employee.id, status: place, enrolledById: caller.id, waitlistedAt }, now);
        await this.requirements.enrolled(tx, enrollment, session.courseId, now);
        if (place === 'CONFIRMED') {
          const parties = await this.sessions.parties(tx, session);
          await this.mailer.invitation(tx, parties, { employee, role: 'attendee', enrollmentId: enrollment.id }, 'new', correlationId);
          await this.reminders.arm(tx, session, [{ enrollmentId: enrollment.id, employee }], now, correlationId);
          await this.trainingAbsences.register(tx, session, [{ enrollmentId: enrollment.id, employee }], caller.id, now, correlationId);
        }
        await this.audit.record(tx, {
          entityType: 'enrollment', entityId: enrollment.id, action: 'enrollment.created', actorId: caller.id,
          ...(employee.id !== caller.id ? { onBehalfOfId: employee.id } : {}),
          after: { sessionId: session.id, employee: employee.email, status: place }, correlationId, at: now,
        });
        return enrollmentView(enrollment, employee);
      });
    } catch (error) {
      // The partial unique index: a concurrent request enrolled the same person first.
      if (isUniqueViolation(error)) throw new ConflictError(`That person is already enrolled in session ${sessionId}.`, 'enrollment.exists');
      throw error;
    }
  }

  /** The person, their manager chain and HR may withdraw; a freed seat goes to the waitlist. */
  async withdraw(caller: Caller, id: string, correlationId: string): Promise<EnrollmentViewBody> {
    const view = await this.database.transaction(async (tx) => {
      const found = await this.repository.findById(tx, id);
      if (!found) throw notFound(id);
      // The session first, as enrolling does: one lock order, and the seats counted under it.
      const session = await this.sessionsRepository.lock(tx, found.sessionId);
      const enrollment = await this.repository.findById(tx, id);
      if (!session || !enrollment) throw notFound(id);
      const employee = await this.directory.findById(enrollment.employeeId, tx);
      if (!employee) throw notFound(id);
      if (!(await this.mayActFor(tx, caller, employee))) throw new ForbiddenError(`Only the enrolled person, their managers and HR may withdraw enrollment ${id}.`);
      if (enrollment.status === 'WITHDRAWN') throw new ConflictError(`Enrollment ${id} is already withdrawn.`, 'enrollment.withdrawn');
      const now = this.clock.now();
      const withdrawn = await this.repository.withdraw(tx, id, now);
      await this.reminders.cancel(tx, [id], now);
      await this.trainingAbsences.remove(tx, [id], caller.id, now, correlationId);
      await this.requirements.withdrawn(tx, id, now);
      const promoted: string[] = [];
      if (enrollment.status === 'CONFIRMED' && session.status === 'SCHEDULED') {
        const parties = await this.sessions.parties(tx, session);
        await this.mailer.cancellation(tx, parties, { employee, role: 'attendee', enrollmentId: enrollment.id }, 'withdrawn', correlationId);
        const { confirmed } = await this.sessionsRepository.seatCounts(tx, session.id);
        promoted.push(...(await this.seats.promote(tx, parties, session.capacity - confirmed, now, correlationId)).map((e) => e.id));
      }
      await this.audit.record(tx, {
        entityType: 'enrollment', entityId: id, action: 'enrollment.withdrawn', actorId: caller.id,
        ...(employee.id !== caller.id ? { onBehalfOfId: employee.id } : {}),
        before: { status: enrollment.status }, after: { status: withdrawn.status, promoted }, correlationId, at: now,
      });
      return enrollmentView(withdrawn, employee);
    });
    this.signal.notify();
    return view;
  }

  /** The caller, or the person named, when the caller is above them in the reporting line or HR. */
  private async whoEnrolls(tx: Tx, caller: Caller, employeeEmail: string | undefined): Promise<EmployeeRow> {
    const self = !employeeEmail || employeeEmail.toLowerCase() === caller.email.toLowerCase();
    const employee = await this.directory.findByIdOrEmail(self ? caller.id : employeeEmail, tx);
    if (!employee) throw new UnprocessableError(`${employeeEmail} is not in the organization directory.`, 'enrollment.employee_unknown');
    if (!(await this.mayActFor(tx, caller, employee))) throw new ForbiddenError('Only the person, their managers and HR may enroll them.');
    return employee;
  }

  private async mayActFor(tx: Tx, caller: Caller, employee: EmployeeRow): Promise<boolean> {
    return caller.id === employee.id || caller.role === 'HR' || this.directory.isAbove(caller.id, employee, tx);
  }
}

function alreadyEnrolled(employee: EmployeeRow, sessionId: string, status: string): ConflictError {
  return new ConflictError(`${employee.email} is already enrolled in session ${sessionId} (${status.toLowerCase()}).`, 'enrollment.exists');
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`Enrollment ${id} does not exist.`, 'enrollment.not_found');
}

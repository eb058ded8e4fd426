import { Injectable } from '@nestjs/common';
import type { z } from 'zod/v4';
import { AuditWriter } from '#libs/audit';
import type { AttendanceRecordRequest, TrainingOutcomeView } from '#libs/contracts';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory, personView } from '#libs/org';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, UnprocessableError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { TrainingEvents } from '../events/training-events.service.js';
import { enrollmentView } from '../enrollments/enrollment-view.js';
import type { EmployeeRow, EnrollmentRow, TrainingSessionRow } from '../rows.js';
import { NextSession } from '../sessions/next-session.service.js';
import type { SessionParties } from '../sessions/sessions.mailer.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { AttendanceMailer } from './attendance.mailer.js';
import { AttendanceRepository, type CertificateRow } from './attendance.repository.js';
import { RequirementsHook } from '../plans/requirements.hook.js';
import { RecertificationTimers } from '../recertification/recertification-timers.service.js';
import { afterAttendance, afterScore, certificateExpiry } from './attendance.rules.js';

type OutcomeView = z.infer<typeof TrainingOutcomeView>;

const MARKS = { present: 'PRESENT', absent: 'ABSENT', excused: 'EXCUSED' } as const;

/**
 * Attendance and assessment (issue 10, item 8). The session's trainer or HR records, once the
 * session has started; each request is one transaction under the session's lock, all or
 * nothing. A completion writes the result and a Certificate; a failure writes the result, a
 * retake enrollment while attempts remain, and after the last one the manager's email.
 * Each decision publishes `training.completed` or `training.failed` in the same transaction.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly database: Database,
    private readonly repository: AttendanceRepository,
    private readonly sessionsRepository: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly nextSession: NextSession,
    private readonly mailer: AttendanceMailer,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
    private readonly requirements: RequirementsHook,
    private readonly recertification: RecertificationTimers,
    private readonly events: TrainingEvents,
  ) {}

  async record(caller: Caller, sessionId: string, records: AttendanceRecordRequest[], correlationId: string): Promise<{ items: OutcomeView[] }> {
    const ids = records.map((r) => r.enrollmentId);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (repeated.length > 0) throw new BadRequestError('Each enrollment once.', repeated.map((id) => ({ field: 'records', message: `enrollment ${id} is listed twice` })));
    const items = await this.database.transaction(async (tx) => {
      const session = await this.sessionsRepository.lock(tx, sessionId);
      if (!session) throw new NotFoundError(`Session ${sessionId} does not exist.`, 'session.not_found');
      const now = this.clock.now();
      this.assertMayRecord(caller, session, now);
      const parties = await this.sessions.parties(tx, session);
      const found = new Map((await this.repository.enrollmentsOf(tx, session.id, ids)).map((e) => [e.id, e]));
      const problems = records.flatMap((r, i) => {
        const enrollment = found.get(r.enrollmentId);
        if (!enrollment) return [{ field: `records[${i}].enrollmentId`, message: `enrollment ${r.enrollmentId} is not in session ${sessionId}` }];
        if (enrollment.status !== 'CONFIRMED') return [{ field: `records[${i}].enrollmentId`, message: `enrollment ${r.enrollmentId} is ${enrollment.status.toLowerCase()}, not confirmed` }];
        return [];
      });
      if (problems.length > 0) throw new UnprocessableError(problems.map((p) => p.message).join('; '), 'attendance.not_confirmed');
      const decided = records.filter((r) => found.get(r.enrollmentId)!.result !== null || found.get(r.enrollmentId)!.score !== null);
      if (decided.length > 0) throw new ConflictError(`Enrollment ${decided[0].enrollmentId} is already decided; its attendance stays.`, 'attendance.decided');
      const out: OutcomeView[] = [];
      for (const r of records) {
        const marked = await this.repository.markAttendance(tx, r.enrollmentId, MARKS[r.status], caller.id, now);
        const person = await this.person(tx, marked);
        const step = afterAttendance(r.status, parties.course);
        if (step === 'complete') out.push(await this.complete(tx, parties, marked, person, now, correlationId));
        else if (step === 'fail-absent') out.push(await this.fail(tx, parties, marked, person, 'absent', now, correlationId));
        else out.push({ enrollment: enrollmentView(marked, person), certificate: null, retake: null, managerTold: false });
        await this.audit.record(tx, {
          entityType: 'enrollment', entityId: marked.id, action: 'enrollment.attendance', actorId: caller.id,
          before: { attendance: found.get(r.enrollmentId)!.attendance }, after: { attendance: marked.attendance, result: out.at(-1)!.enrollment.result }, correlationId, at: now,
        });
      }
      return out;
    });
    this.signal.notify();
    return { items };
  }

  async assess(caller: Caller, enrollmentId: string, score: number, correlationId: string): Promise<OutcomeView> {
    const view = await this.database.transaction(async (tx) => {
      const first = await this.repository.lockEnrollment(tx, enrollmentId);
      if (!first) throw new NotFoundError(`Enrollment ${enrollmentId} does not exist.`, 'enrollment.not_found');
      const session = await this.sessionsRepository.lock(tx, first.sessionId);
      const enrollment = await this.repository.lockEnrollment(tx, enrollmentId);
      if (!session || !enrollment) throw new NotFoundError(`Enrollment ${enrollmentId} does not exist.`, 'enrollment.not_found');
      const now = this.clock.now();
      this.assertMayRecord(caller, session, now);
      const parties = await this.sessions.parties(tx, session);
      if (parties.course.passMark === null) throw new UnprocessableError(`Course ${parties.course.code} has no assessment.`, 'assessment.none');
      if (enrollment.attendance !== 'PRESENT') throw new UnprocessableError(`Enrollment ${enrollmentId} is not recorded present; record attendance first.`, 'assessment.not_present');
      if (enrollment.score !== null || enrollment.result !== null) throw new ConflictError(`Enrollment ${enrollmentId} is already scored (${enrollment.score}).`, 'assessment.scored');
      const scored = await this.repository.score(tx, enrollment.id, score, caller.id, now);
      const person = await this.person(tx, scored);
      const step = afterScore(score, scored.attempt, parties.course);
      const outcome = step === 'complete'
        ? await this.complete(tx, parties, scored, person, now, correlationId)
        : await this.fail(tx, parties, scored, person, step === 'retake' ? 'retake' : 'failed', now, correlationId, caller);
      await this.audit.record(tx, {
        entityType: 'enrollment', entityId: enrollment.id, action: 'enrollment.assessed', actorId: caller.id,
        after: { score, passMark: parties.course.passMark, attempt: scored.attempt, result: outcome.enrollment.result, retake: outcome.retake?.id ?? null }, correlationId, at: now,
      });
      return outcome;
    });
    this.signal.notify();
    return view;
  }

  /** The session's trainer or HR (403), once the session has started (422). */
  private assertMayRecord(caller: Caller, session: TrainingSessionRow, now: Date): void {
    if (caller.role !== 'HR' && caller.id !== session.trainerId) throw new ForbiddenError(`Only the trainer of session ${session.id} and HR may record its attendance and scores.`);
    if (session.status !== 'SCHEDULED') throw new ConflictError(`Session ${session.id} is ${session.status.toLowerCase()}.`, 'session.cancelled');
    if (now < session.startsAt) throw new UnprocessableError(`Session ${session.id} starts at ${session.startsAt.toISOString()}; attendance and scores come after the start.`, 'attendance.not_started');
  }

  private async complete(tx: Tx, parties: SessionParties, enrollment: EnrollmentRow, person: EmployeeRow, now: Date, correlationId: string): Promise<OutcomeView> {
    const done = await this.repository.decide(tx, enrollment.id, 'COMPLETED', now);
    const requirement = await this.requirements.completed(tx, done, parties.course.id, now);
    await this.events.completed(tx, done, parties.course, requirement, now, correlationId);
    const certificate = await this.repository.issueCertificate(tx, done, parties.course.id, now, certificateExpiry(now, parties.course.certificateValidityMonths));
    await this.recertification.arm(tx, certificate, now, correlationId);
    return { enrollment: enrollmentView(done, person), certificate: certificateView(certificate, person), retake: null, managerTold: false };
  }

  /**
   * A failure: a retake while attempts remain (the next session with a free seat, else the first
   * with a waitlist); a final one (last attempt, or an unexcused mandatory absence) tells the manager.
   */
  private async fail(
    tx: Tx, parties: SessionParties, enrollment: EnrollmentRow, person: EmployeeRow, kind: 'retake' | 'failed' | 'absent', now: Date, correlationId: string, caller?: Caller,
  ): Promise<OutcomeView> {
    const failed = await this.repository.decide(tx, enrollment.id, 'FAILED', now);
    await this.events.failed(tx, failed, parties.course, await this.requirements.openFor(tx, person.id, parties.course.id), kind !== 'retake', now, correlationId);
    if (kind === 'retake') {
      const retake = await this.nextSession.place(tx, parties.course, person, failed.attempt + 1, now, caller!.id, correlationId);
      return { enrollment: enrollmentView(failed, person), certificate: null, retake: retake && enrollmentView(retake, person), managerTold: false };
    }
    const manager = await this.directory.managerOf(person, tx);
    const told = manager ? await this.mailer.failed(tx, manager, person, parties, failed, parties.course, kind, correlationId) : false;
    return { enrollment: enrollmentView(failed, person), certificate: null, retake: null, managerTold: told };
  }

  private async person(tx: Tx, enrollment: EnrollmentRow): Promise<EmployeeRow> {
    const person = await this.directory.findById(enrollment.employeeId, tx);
    if (!person) throw new UnprocessableError(`The person of enrollment ${enrollment.id} is no longer in the organization directory.`, 'enrollment.employee_unknown');
    return person;
  }
}

function certificateView(certificate: CertificateRow, person: EmployeeRow) {
  return {
    id: certificate.id, courseId: certificate.courseId, employee: personView(person),
    issuedAt: certificate.issuedAt.toISOString(), expiresAt: certificate.expiresAt?.toISOString() ?? null,
  };
}

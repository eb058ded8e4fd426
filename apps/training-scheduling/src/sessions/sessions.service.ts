import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { CreateSessionRequest, RescheduleSessionRequest } from '#libs/contracts';
import { Database, IdempotentCreator, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, UnprocessableError, type Caller, type FieldError } from '#libs/rpc';
import { Clock, isKnownZone } from '#libs/time';
import { CoursesService } from '../courses/courses.service.js';
import type { EmployeeRow, TrainingSessionRow } from '../rows.js';
import { Reminders } from './reminders.service.js';
import { Seats } from './seats.service.js';
import { sessionView, type SessionViewBody } from './session-view.js';
import { SessionsMailer, type SessionParties, type SessionRecipient } from './sessions.mailer.js';
import { SessionsRepository } from './sessions.repository.js';
import { trainerHolidayProblem } from './sessions.rules.js';
import { TrainingAbsences } from './training-absences.service.js';

const CREATE_SCOPE = 'sessions.create';
/** May change any session; others only the sessions they scheduled. */
const SESSION_ADMINS = new Set(['HR', 'ADMIN']);

function timeProblems(startsAt: Date, endsAt: Date): FieldError[] {
  const problems: FieldError[] = [];
  if (Number.isNaN(startsAt.getTime())) problems.push({ field: 'startsAt', message: 'startsAt must be an ISO-8601 instant.' });
  if (Number.isNaN(endsAt.getTime())) problems.push({ field: 'endsAt', message: 'endsAt must be an ISO-8601 instant.' });
  if (problems.length === 0 && endsAt <= startsAt) problems.push({ field: 'endsAt', message: 'endsAt must be after startsAt.' });
  return problems;
}

/**
 * Training sessions: scheduled with a trainer who is free, not on holiday and not absent;
 * rescheduled and cancelled with calendar updates to everyone confirmed and the trainer.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly database: Database,
    private readonly creator: IdempotentCreator,
    private readonly repository: SessionsRepository,
    private readonly courses: CoursesService,
    private readonly directory: OrgDirectory,
    private readonly mailer: SessionsMailer,
    private readonly seats: Seats,
    private readonly reminders: Reminders,
    private readonly trainingAbsences: TrainingAbsences,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  async create(caller: Caller, input: CreateSessionRequest, idempotencyKey: string | undefined, correlationId: string): Promise<SessionViewBody> {
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const problems = timeProblems(startsAt, endsAt);
    if (!isKnownZone(input.timezone)) problems.push({ field: 'timezone', message: `${input.timezone} is not an IANA time zone.` });
    if (!input.place && !input.onlineUrl) problems.push({ field: 'place', message: 'A session needs a place or an onlineUrl.' });
    if (problems.length > 0) throw new BadRequestError('The session is invalid.', problems);
    return this.creator.create({ scope: CREATE_SCOPE, callerId: caller.id, key: idempotencyKey, body: input }, async (tx) => {
      const course = await this.courses.found(tx, input.courseId);
      const trainer = await this.directory.findByIdOrEmail(input.trainer, tx);
      if (!trainer) throw new UnprocessableError(`Trainer ${input.trainer} is not in the organization directory.`, 'session.trainer_unknown');
      const now = this.clock.now();
      if (startsAt <= now) throw new UnprocessableError(`The session would start in the past (${startsAt.toISOString()}).`, 'session.in_the_past');
      await this.assertTrainerFree(tx, trainer, startsAt, endsAt);
      const session = await this.repository.create(tx, {
        courseId: course.id, startsAt, endsAt, timezone: input.timezone, place: input.place ?? null, onlineUrl: input.onlineUrl ?? null,
        trainerId: trainer.id, capacity: input.capacity, waitlist: input.waitlist ?? true, createdById: caller.id,
      }, now);
      const organizer = (await this.directory.findById(caller.id, tx)) ?? trainer;
      await this.mailer.invitation(tx, { session, course, trainer, organizer }, { employee: trainer, role: 'trainer', enrollmentId: null }, 'new', correlationId);
      await this.audit.record(tx, {
        entityType: 'training-session', entityId: session.id, action: 'session.created', actorId: caller.id,
        after: { courseId: course.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), trainer: trainer.email, capacity: session.capacity }, correlationId, at: now,
      });
      return sessionView(session, course, trainer, { confirmed: 0, waitlisted: 0 });
    });
  }

  async get(id: string): Promise<SessionViewBody> {
    const session = await this.repository.findById(this.database.db, id);
    if (!session) throw notFound(id);
    return this.view(this.database.db, session);
  }

  async reschedule(caller: Caller, id: string, changes: RescheduleSessionRequest, correlationId: string): Promise<SessionViewBody> {
    return this.change(caller, id, changes.version, correlationId, async (tx, parties, now) => {
      const { session } = parties;
      const startsAt = changes.startsAt ? new Date(changes.startsAt) : session.startsAt;
      const endsAt = changes.endsAt ? new Date(changes.endsAt) : session.endsAt;
      const problems = timeProblems(startsAt, endsAt);
      const place = changes.place === undefined ? session.place : changes.place;
      const onlineUrl = changes.onlineUrl === undefined ? session.onlineUrl : changes.onlineUrl;
      if (!place && !onlineUrl) problems.push({ field: 'place', message: 'A session needs a place or an onlineUrl.' });
      if (problems.length > 0) throw new BadRequestError('The change is invalid.', problems);
      const moved = startsAt.getTime() !== session.startsAt.getTime() || endsAt.getTime() !== session.endsAt.getTime();
      if (moved) {
        if (startsAt <= now) throw new UnprocessableError(`The session would start in the past (${startsAt.toISOString()}).`, 'session.in_the_past');
        await this.assertTrainerFree(tx, parties.trainer, startsAt, endsAt, session.id);
      }
      const capacity = changes.capacity ?? session.capacity;
      const seats = await this.repository.seatCounts(tx, session.id);
      if (capacity < seats.confirmed) {
        throw new UnprocessableError(`Capacity ${capacity} is below the ${seats.confirmed} seats already confirmed; withdraw enrollments first.`, 'session.capacity_below_confirmed');
      }
      const calendarChanged = moved || place !== session.place || onlineUrl !== session.onlineUrl;
      const updated = await this.repository.update(tx, session.id, {
        startsAt, endsAt, place, onlineUrl, capacity, version: session.version + 1, icalSequence: session.icalSequence + (calendarChanged ? 1 : 0), updatedAt: now,
      });
      const next = { ...parties, session: updated };
      const attendees = calendarChanged || moved ? await this.repository.confirmedWithPeople(tx, session.id) : [];
      if (calendarChanged) {
        await this.mailer.invitations(tx, next, everyone(next, attendees), 'update', correlationId);
        // The old sequence's reminders never fire; the new sequence's are armed at the new times.
        await this.reminders.cancel(tx, attendees.map((e) => e.id), now);
        await this.reminders.arm(tx, updated, attendees.map((e) => ({ enrollmentId: e.id, employee: e.person })), now, correlationId);
      }
      if (moved) {
        // The absences follow the session: the old hours are taken back, the new ones registered.
        await this.trainingAbsences.remove(tx, attendees.map((e) => e.id), caller.id, now, correlationId);
        await this.trainingAbsences.register(tx, updated, attendees.map((e) => ({ enrollmentId: e.id, employee: e.person })), caller.id, now, correlationId);
      }
      const promoted = await this.seats.promote(tx, next, capacity - seats.confirmed, now, correlationId);
      return {
        action: 'session.rescheduled', updated,
        before: { startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString(), place: session.place, onlineUrl: session.onlineUrl, capacity: session.capacity },
        after: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), place, onlineUrl, capacity, sequence: updated.icalSequence, promoted: promoted.map((e) => e.id) },
      };
    });
  }

  async cancel(caller: Caller, id: string, correlationId: string): Promise<SessionViewBody> {
    return this.change(caller, id, null, correlationId, async (tx, parties, now) => {
      const { session } = parties;
      const updated = await this.repository.update(tx, session.id, { status: 'CANCELLED', version: session.version + 1, icalSequence: session.icalSequence + 1, updatedAt: now });
      const next = { ...parties, session: updated };
      const attendees = await this.repository.confirmedWithPeople(tx, session.id);
      await this.mailer.cancellations(tx, next, everyone(next, attendees), 'cancelled', correlationId);
      const confirmed = attendees.map((e) => e.id);
      await this.reminders.cancel(tx, confirmed, now);
      await this.trainingAbsences.remove(tx, confirmed, caller.id, now, correlationId);
      return { action: 'session.cancelled', updated, before: { status: session.status }, after: { status: updated.status, sequence: updated.icalSequence } };
    });
  }

  /** The session with its course, trainer and organizer; 404 when it does not exist. */
  async parties(tx: Tx, session: TrainingSessionRow): Promise<SessionParties> {
    const course = await this.courses.found(tx, session.courseId);
    const [trainer, organizer] = await Promise.all([this.directory.findById(session.trainerId, tx), this.directory.findById(session.createdById, tx)]);
    if (!trainer) throw new UnprocessableError(`The trainer of session ${session.id} is no longer in the organization directory.`, 'session.trainer_unknown');
    return { session, course, trainer, organizer: organizer ?? trainer };
  }

  async view(tx: Tx, session: TrainingSessionRow): Promise<SessionViewBody> {
    const { course, trainer } = await this.parties(tx, session);
    return sessionView(session, course, trainer, await this.repository.seatCounts(tx, session.id));
  }

  /**
   * One audited change under the session's lock: HR and ADMIN change any session, others only
   * those they scheduled (403); a cancelled session changes no more (409); a stale version is 409.
   */
  private async change(
    caller: Caller,
    id: string,
    version: number | null,
    correlationId: string,
    apply: (tx: Tx, parties: SessionParties, now: Date) => Promise<{ action: string; updated: TrainingSessionRow; before: object; after: object }>,
  ): Promise<SessionViewBody> {
    const view = await this.database.transaction(async (tx) => {
      const session = await this.repository.lock(tx, id);
      if (!session) throw notFound(id);
      if (!SESSION_ADMINS.has(caller.role) && session.createdById !== caller.id) {
        throw new ForbiddenError(`Only HR, ADMIN and whoever scheduled session ${id} may change it.`);
      }
      if (session.status !== 'SCHEDULED') throw new ConflictError(`Session ${id} is ${session.status.toLowerCase()}.`, 'session.cancelled');
      if (version !== null && version !== session.version) {
        throw new ConflictError(`Session ${id} is at version ${session.version}, not ${version}: read it again.`, 'conflict.stale_version');
      }
      const now = this.clock.now();
      const { action, updated, before, after } = await apply(tx, await this.parties(tx, session), now);
      await this.audit.record(tx, { entityType: 'training-session', entityId: id, action, actorId: caller.id, before, after, correlationId, at: now });
      return this.view(tx, updated);
    });
    this.signal.notify();
    return view;
  }

  /** Everyone whose calendar holds the session: the confirmed attendees and the trainer. */
  /** 409 when the trainer teaches another session then; 422 on their holiday or during their absence. */
  private async assertTrainerFree(tx: Tx, trainer: EmployeeRow, startsAt: Date, endsAt: Date, exceptId?: string): Promise<void> {
    await this.repository.lockTrainer(tx, trainer.id);
    const other = await this.repository.trainerBookingOverlapping(tx, trainer.id, startsAt, endsAt, exceptId);
    if (other) {
      throw new ConflictError(
        `${trainer.email} already trains session ${other.id} from ${other.startsAt.toISOString()} to ${other.endsAt.toISOString()}.`,
        'session.trainer_double_booked',
      );
    }
    const holiday = trainerHolidayProblem(startsAt, await this.directory.workingContext(trainer, tx));
    if (holiday) throw new UnprocessableError(holiday, 'session.trainer_holiday');
    const absence = await this.repository.absenceOverlapping(tx, trainer.id, startsAt, endsAt);
    if (absence) {
      throw new UnprocessableError(`${trainer.email} is absent from ${absence.from.toISOString()} to ${absence.to.toISOString()}.`, 'session.trainer_absent');
    }
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`Session ${id} does not exist.`, 'session.not_found');
}

/** Who hears of a change to the session: every confirmed attendee, then the trainer. */
function everyone(parties: SessionParties, attendees: { id: string; person: EmployeeRow }[]): SessionRecipient[] {
  return [...attendees.map((e) => ({ employee: e.person, role: 'attendee' as const, enrollmentId: e.id })), { employee: parties.trainer, role: 'trainer' as const, enrollmentId: null }];
}

import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { TrainingSessionMailView } from '#libs/mail';
import { EmailRecipients, NotificationRequester, type AnyEmailRequest, type EmailRecipient } from '#libs/notifications';
import type { CourseRow, EmployeeRow, TrainingSessionRow } from '../rows.js';
import { cancellationKey, invitationKey, sessionUid } from './sessions.rules.js';

/** A session with what its emails name: the course, the trainer and who scheduled it. */
export interface SessionParties {
  session: TrainingSessionRow;
  course: CourseRow;
  trainer: EmployeeRow;
  organizer: EmployeeRow;
}

/** Who gets an email: an enrolled person (with their enrollment) or the trainer. */
export interface SessionRecipient {
  employee: EmployeeRow;
  role: 'attendee' | 'trainer';
  enrollmentId: string | null;
}

function person(employee: EmployeeRow) {
  return { name: employee.name, email: employee.email };
}

/**
 * Snapshots the training emails and asks the notifier for them, in the caller's transaction. Each
 * carries the session's calendar entry (rendered from the snapshot): the UID is the session's,
 * the SEQUENCE the session's at the time of the change. Keys name session, sequence, recipient
 * and enrollment, so a job or a retry never sends one twice.
 */
@Injectable()
export class SessionsMailer {
  constructor(
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
  ) {}

  async invitation(tx: Tx, parties: SessionParties, to: SessionRecipient, occasion: 'new' | 'update' | 'promoted', correlationId: string | null): Promise<void> {
    await this.invitations(tx, parties, [to], occasion, correlationId);
  }

  /** One invitation (or update) each, reading each calendar once and writing the ledger rows in one statement. */
  invitations(tx: Tx, parties: SessionParties, to: SessionRecipient[], occasion: 'new' | 'update' | 'promoted', correlationId: string | null): Promise<void> {
    return this.toEach(tx, to, (r, view) => ({
      idempotencyKey: invitationKey(parties.session.id, parties.session.icalSequence, r.employee.id, r.enrollmentId),
      kind: 'training-invitation' as const,
      data: { recipient: view, attendee: person(r.employee), session: mailView(parties, r.employee.locale), role: r.role, occasion },
      correlationId,
    }));
  }

  /** A reminder before the session; `key` is the reminder timer's key (one email per timer key, ever). */
  async reminder(tx: Tx, parties: SessionParties, employee: EmployeeRow, key: string, before: string, correlationId: string | null): Promise<void> {
    const { address, view } = await this.recipients.of(tx, employee);
    await this.notifications.request(tx, {
      idempotencyKey: key,
      recipient: address,
      kind: 'training-reminder',
      data: { recipient: view, session: mailView(parties, employee.locale), before },
      correlationId,
    });
  }

  async cancellation(tx: Tx, parties: SessionParties, to: SessionRecipient, reason: 'cancelled' | 'withdrawn', correlationId: string | null): Promise<void> {
    await this.cancellations(tx, parties, [to], reason, correlationId);
  }

  /** One cancellation each (METHOD:CANCEL), as `invitations` does. */
  cancellations(tx: Tx, parties: SessionParties, to: SessionRecipient[], reason: 'cancelled' | 'withdrawn', correlationId: string | null): Promise<void> {
    return this.toEach(tx, to, (r, view) => ({
      idempotencyKey: cancellationKey(parties.session.id, parties.session.icalSequence, r.employee.id, r.enrollmentId),
      kind: 'training-cancellation' as const,
      data: { recipient: view, attendee: person(r.employee), session: mailView(parties, r.employee.locale), role: r.role, reason },
      correlationId,
    }));
  }

  private async toEach(tx: Tx, to: SessionRecipient[], email: (r: SessionRecipient, view: EmailRecipient['view']) => Omit<AnyEmailRequest, 'recipient'>): Promise<void> {
    const readers = await this.recipients.all(tx, to.map((r) => r.employee));
    await this.notifications.requestAll(tx, to.map((r) => {
      const { address, view } = readers.get(r.employee.id)!;
      return { ...email(r, view), recipient: address } as AnyEmailRequest;
    }));
  }
}

export function mailView({ session, course, trainer, organizer }: SessionParties, locale: string): TrainingSessionMailView {
  return {
    id: session.id,
    uid: sessionUid(session.id),
    sequence: session.icalSequence,
    courseCode: course.code,
    courseTitle: locale === 'en' ? course.titleEn : course.titleZh,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    timezone: session.timezone,
    place: session.place,
    onlineUrl: session.onlineUrl,
    trainer: person(trainer),
    organizer: person(organizer),
    changedAt: session.updatedAt.toISOString(),
  };
}

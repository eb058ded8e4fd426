import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import type { Tx } from '#libs/database';
import type { RevisitDigestData, RevisitVisitView, VisitOverdueEscalationData } from '#libs/mail';
import { NotificationRequester } from '#libs/notifications';
import { digestKey } from './digest-schedule.js';
import type { DigestVisit } from './revisits.repository.js';

const KINDS_WITH_LABELS = new Set(['regular', 'post_signing', 'at_risk']);

function person(employee: Employee) {
  return { name: employee.name, email: employee.email };
}

export function visitLine(visit: DigestVisit, overdueDays: number): RevisitVisitView {
  return {
    visitId: visit.id,
    // A kind added later by another feature still renders, with a generic label.
    kind: KINDS_WITH_LABELS.has(visit.kind) ? visit.kind : 'other',
    customer: { id: visit.customer.id, code: visit.customer.code, name: visit.customer.name, tier: visit.customer.tier },
    dueAt: visit.dueAt.toISOString(),
    overdueDays,
  };
}

/** One owner's digest: who reads it (the owner, or their delegate) and what it lists. */
export interface DigestMail {
  recipient: { employee: Employee; timezone: string };
  content: Omit<RevisitDigestData, 'recipient' | 'owner'> & { owner: Employee };
}

/** Snapshots the revisit emails' content and asks the notifier for them, in the caller's transaction. */
@Injectable()
export class RevisitMailer {
  constructor(private readonly notifications: NotificationRequester) {}

  /** Asks for several digests in one statement; for each, whether it is new (false: that day's digest was already asked for). */
  digests(tx: Tx, mails: DigestMail[], correlationId: string | null): Promise<boolean[]> {
    return this.notifications.requestAll(
      tx,
      mails.map(({ recipient, content }) => ({
        idempotencyKey: digestKey(content.owner.id, content.localDate),
        recipient: { id: recipient.employee.id, email: recipient.employee.email, locale: recipient.employee.locale },
        kind: 'revisit-digest',
        data: { ...content, recipient: { name: recipient.employee.name, timezone: recipient.timezone }, owner: person(content.owner) } satisfies RevisitDigestData,
        correlationId,
        bulk: true,
      })),
    );
  }

  async overdueEscalation(
    tx: Tx,
    manager: { employee: Employee; timezone: string },
    owner: Employee,
    visit: RevisitVisitView,
    correlationId: string | null,
  ): Promise<boolean> {
    const data: VisitOverdueEscalationData = { recipient: { name: manager.employee.name, timezone: manager.timezone }, owner: person(owner), visit };
    return this.notifications.request(tx, {
      idempotencyKey: `visit-overdue:${visit.visitId}`,
      recipient: { id: manager.employee.id, email: manager.employee.email, locale: manager.employee.locale },
      kind: 'visit-overdue-escalation',
      data,
      correlationId,
    });
  }
}

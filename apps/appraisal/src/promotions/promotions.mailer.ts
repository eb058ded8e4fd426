import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import type { Tx } from '#libs/database';
import type { PromotionNominationData } from '#libs/mail';
import { EmailRecipients, NotificationRequester } from '#libs/notifications';
import type { NominationRow } from './promotions.repository.js';
import { nominationEmailKey, type SignedOffAppraisal } from './promotions.rules.js';

/** The nomination emails: one per (nomination, status, recipient), however often a job runs. */
@Injectable()
export class PromotionsMailer {
  constructor(
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
  ) {}

  async send(tx: Tx, to: Employee, role: PromotionNominationData['role'], nomination: NominationRow, person: Employee, decidedBy: Employee | null, correlationId: string | null): Promise<void> {
    const { view, address } = await this.recipients.of(tx, to);
    const data: PromotionNominationData = {
      recipient: view, role, status: nomination.status, nominationId: nomination.id, person: { name: person.name, email: person.email },
      band: nomination.band, streak: nomination.streak,
      evidence: (nomination.evidence as SignedOffAppraisal[]).map(({ period, score, band }) => ({ period, score, band })),
      decidedBy: decidedBy ? { name: decidedBy.name, email: decidedBy.email } : null, reason: nomination.reason,
    };
    await this.notifications.request(tx, {
      idempotencyKey: nominationEmailKey(nomination.id, nomination.status, to.id), recipient: address, kind: 'promotion-nomination', data, correlationId,
      bulk: nomination.status === 'PENDING',
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { Tx } from '#libs/database';
import type { CommissionDisputeData } from '#libs/mail';
import { EmailRecipients, NotificationRequester } from '#libs/notifications';
import type { StatementRow } from '../commissions/commissions.repository.js';
import type { DisputeRow } from './disputes.repository.js';

/** The dispute emails: one per (dispute, role, recipient), however often a job runs. */
@Injectable()
export class DisputesMailer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
  ) {}

  async send(
    tx: Tx, to: Employee, role: CommissionDisputeData['role'], dispute: DisputeRow, statement: StatementRow, person: Employee, dueAt: Date | null, correlationId: string | null,
  ): Promise<void> {
    const { view, address } = await this.recipients.of(tx, to);
    const data: CommissionDisputeData = {
      recipient: view, role, disputeId: dispute.id, statementId: statement.id, period: statement.period, person: { name: person.name, email: person.email },
      reason: dispute.reason, total: statement.total, currency: this.config.BASE_CURRENCY, dueAt: dueAt?.toISOString() ?? null, outcome: dispute.outcome, comment: dispute.comment,
    };
    await this.notifications.request(tx, { idempotencyKey: `commission-dispute:${dispute.id}:${role}:${to.id}`, recipient: address, kind: 'commission-dispute', data, correlationId });
  }
}

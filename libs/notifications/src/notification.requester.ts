import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxWriter, Tx } from '../../database/src/index.js';
import { JOBS, QUEUES } from '../../queue/src/index.js';

export interface EmailRequest {
  /** Names every dimension that makes this email distinct: one email per key, ever. */
  idempotencyKey: string;
  recipient: { id?: string | null; email: string; locale: string };
  kind: string;
  /** A snapshot of what the email shows; the notifier renders from it alone. */
  data: object;
  correlationId?: string | null;
  bulk?: boolean;
}

/**
 * Producers ask for an email inside their own transaction: a ledger row (ON CONFLICT DO NOTHING,
 * so asking twice is harmless) plus an outbox row for the notifier.
 */
@Injectable()
export class NotificationRequester {
  constructor(private readonly outbox: OutboxWriter) {}

  /** Returns false when that email had already been asked for. */
  async request(tx: Tx, email: EmailRequest): Promise<boolean> {
    const id = randomUUID();
    const inserted = await tx.$executeRaw`
      INSERT INTO "Notification" (id, "idempotencyKey", "recipientId", "recipientEmail", kind, locale, data,
                                  status, "messageId", "correlationId", "createdAt", "updatedAt")
      VALUES (${id}::uuid, ${email.idempotencyKey}, ${email.recipient.id ?? null}::uuid, ${email.recipient.email},
              ${email.kind}, ${email.recipient.locale}, ${JSON.stringify(email.data)}::jsonb,
              'queued', ${`<${id}@salesflow.local>`}, ${email.correlationId ?? null}, now(), now())
      ON CONFLICT ("idempotencyKey") DO NOTHING`;
    if (inserted === 0) return false;
    await this.outbox.add(tx, {
      queue: email.bulk ? QUEUES.notifierBulk : QUEUES.notifierUrgent,
      jobName: JOBS.sendEmail,
      payload: { notificationId: id },
      correlationId: email.correlationId,
    });
    return true;
  }
}

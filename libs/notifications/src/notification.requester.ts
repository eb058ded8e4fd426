import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/src/index.js';
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
 * so asking twice is harmless) plus an outbox row for the notifier, both in one statement.
 */
@Injectable()
export class NotificationRequester {
  /** Returns false when that email had already been asked for. */
  async request(tx: Tx, email: EmailRequest): Promise<boolean> {
    const [inserted] = await this.requestAll(tx, [email]);
    return inserted;
  }

  /** Several emails in one statement; for each, whether it is new. A key repeated in the batch counts once, first wins. */
  async requestAll(tx: Tx, emails: EmailRequest[]): Promise<boolean[]> {
    if (emails.length === 0) return [];
    const ids = emails.map(() => randomUUID());
    const firstOfKey = new Map<string, number>();
    emails.forEach((email, i) => firstOfKey.has(email.idempotencyKey) || firstOfKey.set(email.idempotencyKey, i));
    const createdAt = new Date();
    // One JSON parameter, not ten per row: binding parameters one by one costs the driver more than the statement.
    const wanted = JSON.stringify(
      [...firstOfKey.values()].map((i) => {
        const email = emails[i];
        return {
          id: ids[i],
          idempotencyKey: email.idempotencyKey,
          recipientId: email.recipient.id ?? null,
          recipientEmail: email.recipient.email,
          kind: email.kind,
          locale: email.recipient.locale,
          data: email.data,
          messageId: `<${ids[i]}@salesflow.local>`,
          correlationId: email.correlationId ?? null,
          queue: email.bulk ? QUEUES.notifierBulk : QUEUES.notifierUrgent,
        };
      }),
    );
    const queued = await tx.$queryRaw<{ id: string }[]>`
      WITH wanted AS (
        SELECT * FROM jsonb_to_recordset(${wanted}::jsonb) AS w(id uuid, "idempotencyKey" text, "recipientId" uuid, "recipientEmail" text, kind text,
                                                            locale text, data jsonb, "messageId" text, "correlationId" text, queue text)
      ), ledger AS (
        INSERT INTO "Notification" (id, "idempotencyKey", "recipientId", "recipientEmail", kind, locale, data,
                                    status, "messageId", "correlationId", "createdAt", "updatedAt")
        SELECT id, "idempotencyKey", "recipientId", "recipientEmail", kind, locale, data, 'queued'::"NotificationStatus", "messageId", "correlationId", now(), now()
        FROM wanted
        ON CONFLICT ("idempotencyKey") DO NOTHING
        RETURNING id
      )
      INSERT INTO "Outbox" (id, queue, "jobName", payload, "correlationId", "createdAt")
      SELECT gen_random_uuid(), w.queue, ${JOBS.sendEmail}, jsonb_build_object('notificationId', w.id), w."correlationId", ${createdAt}::timestamp
      FROM ledger l JOIN wanted w USING (id)
      RETURNING payload->>'notificationId' AS id`;
    const inserted = new Set(queued.map((row) => row.id));
    return ids.map((id) => inserted.has(id));
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { EmailKind, EmailSnapshotByKind } from '#libs/mail';
import { JOBS, QUEUES } from '#libs/queue';
import type { EmailAddress } from './email-recipients.js';

/** An email a producer asks for: what makes it distinct, to whom, and the snapshot it shows. */
export interface EmailRequest<K extends EmailKind = EmailKind> {
  /** Names every dimension that makes this email distinct: one email per key, ever. */
  idempotencyKey: string;
  recipient: EmailAddress;
  kind: K;
  /** A snapshot of what the email shows; the notifier renders from it alone. */
  data: EmailSnapshotByKind[K];
  correlationId?: string | null;
  bulk?: boolean;
}

/** An email request of any one kind, its data matching its kind. */
export type AnyEmailRequest = { [K in EmailKind]: EmailRequest<K> }[EmailKind];

/** Bulk emails asked for together travel as one notifier job per this many. */
const BULK_BATCH = 250;

/**
 * Producers ask for an email inside their own transaction: a ledger row (ON CONFLICT DO NOTHING,
 * so asking twice is harmless) plus an outbox row for the notifier, all in one statement. An
 * urgent email is a job of its own; bulk emails asked for together (a batch of digests) share one
 * `notification.send-batch` job, so a morning's 10,000 digests are 40 jobs, not 10,000.
 */
@Injectable()
export class NotificationRequester {
  /** Returns false when that email had already been asked for. */
  async request<K extends EmailKind>(tx: Tx, email: EmailRequest<K>): Promise<boolean> {
    // An EmailRequest<K> is one of AnyEmailRequest's members; TypeScript cannot see it through K.
    const [inserted] = await this.requestAll(tx, [email as unknown as AnyEmailRequest]);
    return inserted;
  }

  /** Several emails in one statement; for each, whether it is new. A key repeated in the batch counts once, first wins. */
  async requestAll(tx: Tx, emails: readonly AnyEmailRequest[]): Promise<boolean[]> {
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
    const { rows: queued } = await sql<{ id: string }>`
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
      ), urgent AS (
        INSERT INTO "Outbox" (id, queue, "jobName", payload, "correlationId", "createdAt")
        SELECT gen_random_uuid(), w.queue, ${JOBS.sendEmail}, jsonb_build_object('notificationId', w.id), w."correlationId", ${createdAt}::timestamp
        FROM ledger l JOIN wanted w USING (id) WHERE w.queue = ${QUEUES.notifierUrgent}
      ), bulk AS (
        SELECT w.id, w."correlationId", (row_number() OVER (ORDER BY w.id) - 1) / ${BULK_BATCH} AS chunk
        FROM ledger l JOIN wanted w USING (id) WHERE w.queue = ${QUEUES.notifierBulk}
      ), batches AS (
        INSERT INTO "Outbox" (id, queue, "jobName", payload, "correlationId", "createdAt")
        SELECT gen_random_uuid(), ${QUEUES.notifierBulk}, ${JOBS.sendEmailBatch}, jsonb_build_object('notificationIds', jsonb_agg(id ORDER BY id)), min("correlationId"), ${createdAt}::timestamp
        FROM bulk GROUP BY chunk
      )
      SELECT id::text FROM ledger`.execute(tx);
    const inserted = new Set(queued.map((row) => row.id));
    return ids.map((id) => inserted.has(id));
  }
}

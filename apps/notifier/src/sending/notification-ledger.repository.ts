import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../../../libs/database/src/index.js';
import { Prisma, type Notification } from '../../../../generated/prisma/client.js';
import { recordOutboxOutcomeSql } from '../../../../libs/workflow/src/index.js';

/**
 * The guarded state changes of the send ledger. Columns are listed, not `*`: the statements are
 * prepared per connection, and a prepared `*` breaks when a migration adds a column.
 */
@Injectable()
export class NotificationLedgerRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * queued/retrying -> sending under a fresh lease; an expired lease means an earlier send was
   * interrupted, so it is re-claimed and flagged as a resend.
   */
  async claim(id: string, now: Date, leaseUntil: Date): Promise<Notification | null> {
    const rows = await this.prisma.$queryRaw<Notification[]>`
      UPDATE "Notification"
      SET status = 'sending', "leaseUntil" = ${leaseUntil}, attempts = attempts + 1,
          "resentAfterInterrupt" = "resentAfterInterrupt" OR status = 'sending', "updatedAt" = ${now}
      WHERE id = ${id}::uuid
        AND (status IN ('queued', 'retrying') OR (status = 'sending' AND "leaseUntil" < ${now}))
      RETURNING id, "idempotencyKey", "recipientId", "recipientEmail", kind, locale, data, status::text AS status, attempts, "lastError",
                "messageId", "sentAt", "leaseUntil", "resentAfterInterrupt", "correlationId", "createdAt", "updatedAt"`;
    return rows[0] ?? null;
  }

  find(id: string): Promise<Notification | null> {
    return this.prisma.notification.findUnique({ where: { id } });
  }

  /**
   * Only the holder of the lease may mark the row sent. Given the job's outbox row, it is recorded
   * done in the same statement, whoever holds the lease (the job is over either way).
   */
  async markSent(id: string, lease: Date, now: Date, outboxId?: string): Promise<boolean> {
    const jobDone = outboxId ? Prisma.sql`, done AS (${recordOutboxOutcomeSql(outboxId, 'done', now)})` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<{ sent: number }[]>`
      WITH sent AS (
        UPDATE "Notification"
        SET status = 'sent', "sentAt" = ${now}, "leaseUntil" = NULL, "lastError" = NULL, "updatedAt" = ${new Date()}
        WHERE id = ${id}::uuid AND status = 'sending' AND "leaseUntil" = ${lease}
        RETURNING id
      )${jobDone}
      SELECT count(*)::int AS sent FROM sent`;
    return rows[0].sent === 1;
  }

  async markRetrying(id: string, lease: Date, error: string): Promise<void> {
    await this.prisma.notification.updateMany({
      where: { id, status: 'sending', leaseUntil: lease },
      data: { status: 'retrying', leaseUntil: null, lastError: error.slice(0, 2000) },
    });
  }

  async markDead(id: string, error: string, tx: Tx = this.prisma): Promise<void> {
    await tx.notification.updateMany({
      where: { id, status: { not: 'sent' } },
      data: { status: 'dead', leaseUntil: null, lastError: error.slice(0, 2000) },
    });
  }
}

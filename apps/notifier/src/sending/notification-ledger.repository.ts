import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../../../libs/database/src/index.js';
import type { Notification } from '../../../../generated/prisma/client.js';

/** Only Prisma: the guarded state changes of the send ledger. */
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
      RETURNING *`;
    return rows[0] ?? null;
  }

  find(id: string): Promise<Notification | null> {
    return this.prisma.notification.findUnique({ where: { id } });
  }

  /** Only the holder of the lease may finish the send. */
  async markSent(id: string, lease: Date, now: Date): Promise<boolean> {
    const result = await this.prisma.notification.updateMany({
      where: { id, status: 'sending', leaseUntil: lease },
      data: { status: 'sent', sentAt: now, leaseUntil: null, lastError: null },
    });
    return result.count === 1;
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

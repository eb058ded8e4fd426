import { Injectable } from '@nestjs/common';
import type { DeadLetter, Notification, NotificationStatus } from '#generated/prisma';
import { PrismaService, type Tx } from '#libs/database';

export interface NotificationFilter {
  recipientEmail?: string;
  recipientId?: string;
  kind?: string;
  status?: NotificationStatus;
}

/** One page is `limit` rows and one more, to tell whether another page follows. */
export interface PageQuery {
  cursor?: string;
  limit: number;
}

/** The send ledger and the dead letters as the admin sees them, and a dead letter's retry. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first. */
  async notifications(filter: NotificationFilter, page: PageQuery): Promise<Notification[]> {
    return this.prisma.notification.findMany({
      where: filter,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
      ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    });
  }

  /** Newest first. */
  async deadLetters(page: PageQuery): Promise<DeadLetter[]> {
    return this.prisma.deadLetter.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
      ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    });
  }

  async deadLetter(tx: Tx, id: string) {
    return tx.selectFrom('DeadLetter').select(['queue', 'jobName', 'payload', 'correlationId']).where('id', '=', id).executeTakeFirst();
  }

  /** Marks the letter retried; false when it already was (one retry per letter). */
  async claimRetry(tx: Tx, id: string, at: Date): Promise<boolean> {
    const claimed = await tx.updateTable('DeadLetter').set({ retriedAt: at }).where('id', '=', id).where('retriedAt', 'is', null).executeTakeFirst();
    return claimed.numUpdatedRows > 0n;
  }

  /** The dead emails among `ids` become sendable again. */
  async reviveDeadEmails(tx: Tx, ids: string[]): Promise<void> {
    await tx
      .updateTable('Notification')
      .set({ status: 'retrying', updatedAt: new Date() })
      .where('id', 'in', ids)
      .where('status', '=', 'dead')
      .execute();
  }
}

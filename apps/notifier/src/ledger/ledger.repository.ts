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

  /** Claims every unretried letter matching the filter, oldest first, at most `limit` (one retry per letter). */
  async claimRetries(tx: Tx, filter: { queue?: string; jobName?: string; since?: Date; until?: Date; limit: number }, at: Date) {
    let matching = tx.selectFrom('DeadLetter').select('id').where('retriedAt', 'is', null);
    if (filter.queue) matching = matching.where('queue', '=', filter.queue);
    if (filter.jobName) matching = matching.where('jobName', '=', filter.jobName);
    if (filter.since) matching = matching.where('createdAt', '>=', filter.since);
    if (filter.until) matching = matching.where('createdAt', '<', filter.until);
    const ids = matching.orderBy('createdAt').orderBy('id').limit(filter.limit).forUpdate().skipLocked();
    return tx.updateTable('DeadLetter').set({ retriedAt: at }).where('id', 'in', ids).where('retriedAt', 'is', null)
      .returning(['id', 'queue', 'jobName', 'payload', 'correlationId']).execute();
  }

  /** The dead emails among `ids` become sendable again, with a fresh retry budget. */
  async reviveDeadEmails(tx: Tx, ids: string[]): Promise<void> {
    await tx
      .updateTable('Notification')
      .set({ status: 'retrying', failingSince: null, updatedAt: new Date() })
      .where('id', 'in', ids)
      .where('status', '=', 'dead')
      .execute();
  }
}

import { Injectable } from '@nestjs/common';
import { Database, OutboxSignal, OutboxWriter, PrismaService } from '#libs/database';
import type { NotificationStatus } from '#generated/prisma';
import { JOBS, type JobName, type QueueName } from '#libs/queue';
import { ConflictError, NotFoundError, toPage } from '#libs/rpc';
import { Clock } from '#libs/time';

export interface NotificationQuery {
  recipient?: string;
  kind?: string;
  status?: NotificationStatus;
  cursor?: string;
  limit: number;
}

/** Admin views of the send ledger and the dead letters, and the retry of a dead letter. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly database: Database,
    private readonly outbox: OutboxWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  async listNotifications(query: NotificationQuery) {
    const recipient = query.recipient
      ? query.recipient.includes('@')
        ? { recipientEmail: query.recipient.toLowerCase() }
        : { recipientId: query.recipient }
      : {};
    const rows = await this.prisma.notification.findMany({
      where: { ...recipient, kind: query.kind, status: query.status },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    });
    return toPage(rows, query.limit, (row) => ({
      id: row.id,
      idempotencyKey: row.idempotencyKey,
      recipient: { id: row.recipientId, email: row.recipientEmail },
      kind: row.kind,
      locale: row.locale,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      messageId: row.messageId,
      sentAt: row.sentAt?.toISOString() ?? null,
      resentAfterInterrupt: row.resentAfterInterrupt,
      correlationId: row.correlationId,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  async listDeadLetters(cursor: string | undefined, limit: number) {
    const rows = await this.prisma.deadLetter.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    return toPage(rows, limit, (row) => ({
      id: row.id,
      queue: row.queue,
      jobName: row.jobName,
      payload: row.payload,
      error: row.error,
      correlationId: row.correlationId,
      createdAt: row.createdAt.toISOString(),
      retriedAt: row.retriedAt?.toISOString() ?? null,
    }));
  }

  /** Puts the dead job back on its queue once; a dead email becomes sendable again. */
  async retryDeadLetter(id: string): Promise<{ id: string; retriedAt: string }> {
    const now = this.clock.now();
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError(`Dead letter ${id} does not exist.`);
    await this.database.transaction(async (tx) => {
      const letter = await tx.selectFrom('DeadLetter').select(['queue', 'jobName', 'payload', 'correlationId']).where('id', '=', id).executeTakeFirst();
      if (!letter) throw new NotFoundError(`Dead letter ${id} does not exist.`);
      const claimed = await tx.updateTable('DeadLetter').set({ retriedAt: now }).where('id', '=', id).where('retriedAt', 'is', null).executeTakeFirst();
      if (claimed.numUpdatedRows === 0n) throw new ConflictError(`Dead letter ${id} was already retried.`);
      const payload = letter.payload as { notificationId?: string; notificationIds?: string[] };
      const emails = letter.jobName === JOBS.sendEmail ? [payload.notificationId!] : letter.jobName === JOBS.sendEmailBatch ? payload.notificationIds! : [];
      if (emails.length > 0) {
        await tx
          .updateTable('Notification')
          .set({ status: 'retrying', updatedAt: new Date() })
          .where('id', 'in', emails)
          .where('status', '=', 'dead')
          .execute();
      }
      await this.outbox.add(tx, {
        queue: letter.queue as QueueName,
        jobName: letter.jobName as JobName,
        payload: payload as never,
        correlationId: letter.correlationId,
      });
    });
    this.signal.notify();
    return { id, retriedAt: now.toISOString() };
  }
}

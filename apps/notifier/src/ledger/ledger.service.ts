import { Injectable } from '@nestjs/common';
import type { NotificationStatus } from '#generated/prisma';
import { Database, OutboxSignal, OutboxWriter } from '#libs/database';
import { JOBS, type JobName, type QueueName } from '#libs/queue';
import { ConflictError, NotFoundError, toPage } from '#libs/rpc';
import { Clock } from '#libs/time';
import { LedgerRepository } from './ledger.repository.js';

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
    private readonly ledger: LedgerRepository,
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
    const rows = await this.ledger.notifications({ ...recipient, kind: query.kind, status: query.status }, query);
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
    const rows = await this.ledger.deadLetters({ cursor, limit });
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
      const letter = await this.ledger.deadLetter(tx, id);
      if (!letter) throw new NotFoundError(`Dead letter ${id} does not exist.`);
      if (!(await this.ledger.claimRetry(tx, id, now))) throw new ConflictError(`Dead letter ${id} was already retried.`);
      const payload = letter.payload as { notificationId?: string; notificationIds?: string[] };
      const emails = letter.jobName === JOBS.sendEmail ? [payload.notificationId!] : letter.jobName === JOBS.sendEmailBatch ? payload.notificationIds! : [];
      if (emails.length > 0) await this.ledger.reviveDeadEmails(tx, emails);
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

import { Injectable } from '@nestjs/common';
import type { NotificationStatus } from '#generated/prisma';
import type { DeadLetterFilter } from '#libs/contracts';
import { Database, OutboxSignal, OutboxWriter, type Tx } from '#libs/database';
import { JOBS, type JobName, type QueueName } from '#libs/queue';
import { BadRequestError, ConflictError, NotFoundError, toPage, type FieldError } from '#libs/rpc';
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
      await this.requeue(tx, letter);
    });
    this.signal.notify();
    return { id, retriedAt: now.toISOString() };
  }

  /**
   * Every dead letter not yet retried that matches the filter, at most `limit`, oldest first, in
   * one transaction: after a relay was down for minutes, one call instead of one per letter.
   * Each letter is claimed once (a concurrent call skips what this one holds).
   */
  async retryDeadLetters(filter: DeadLetterFilter): Promise<{ retried: number; ids: string[]; retriedAt: string }> {
    const errors: FieldError[] = [];
    const since = instant(filter.since, 'since', errors);
    const until = instant(filter.until, 'until', errors);
    if (errors.length > 0) throw new BadRequestError('The filter is invalid; nothing was retried.', errors);
    const now = this.clock.now();
    const claimed = await this.database.transaction(async (tx) => {
      const letters = await this.ledger.claimRetries(tx, { queue: filter.queue, jobName: filter.jobName, since, until, limit: filter.limit }, now);
      for (const letter of letters) await this.requeue(tx, letter);
      return letters.map((letter) => letter.id);
    });
    if (claimed.length > 0) this.signal.notify();
    return { retried: claimed.length, ids: claimed, retriedAt: now.toISOString() };
  }

  /** A dead email becomes sendable again, and the job goes back on its queue through the outbox. */
  private async requeue(tx: Tx, letter: { queue: string; jobName: string; payload: unknown; correlationId: string | null }): Promise<void> {
    const payload = letter.payload as { notificationId?: string; notificationIds?: string[] };
    const emails = letter.jobName === JOBS.sendEmail ? [payload.notificationId!] : letter.jobName === JOBS.sendEmailBatch ? payload.notificationIds! : [];
    if (emails.length > 0) await this.ledger.reviveDeadEmails(tx, emails);
    await this.outbox.add(tx, { queue: letter.queue as QueueName, jobName: letter.jobName as JobName, payload: payload as never, correlationId: letter.correlationId });
  }
}

function instant(text: string | undefined, field: string, errors: FieldError[]): Date | undefined {
  if (text === undefined) return undefined;
  const at = new Date(text);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d\d-\d\dT/.test(text)) errors.push({ field, message: 'must be an ISO-8601 instant (2027-01-04T10:00:00+08:00)' });
  return at;
}

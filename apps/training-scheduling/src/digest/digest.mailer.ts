import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { TrainingDigestData } from '#libs/mail';
import { NotificationRequester } from '#libs/notifications';
import type { EmployeeRow } from '../rows.js';
import { trainingDigestKey } from './digest.rules.js';

/** One manager's digest: who reads it, in which zone, and what it lists. */
export interface DigestMail {
  manager: EmployeeRow;
  timezone: string;
  content: Omit<TrainingDigestData, 'recipient'>;
}

/** Asks the notifier for a batch of digests in one statement, on the bulk queue, once per manager and local date. */
@Injectable()
export class DigestMailer {
  constructor(private readonly notifications: NotificationRequester) {}

  /** For each, whether it is new (false: that date's digest was already asked for). */
  digests(tx: Tx, mails: DigestMail[], correlationId: string | null): Promise<boolean[]> {
    return this.notifications.requestAll(
      tx,
      mails.map(({ manager, timezone, content }) => ({
        idempotencyKey: trainingDigestKey(manager.id, content.localDate),
        recipient: { id: manager.id, email: manager.email, locale: manager.locale },
        kind: 'training-digest',
        data: { ...content, recipient: { name: manager.name, timezone } } satisfies TrainingDigestData,
        correlationId,
        bulk: true,
      })),
    );
  }
}

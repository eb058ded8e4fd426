import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { TargetProgressData } from '#libs/mail';
import { NotificationRequester } from '#libs/notifications';
import { targetProgressKey } from './progress.rules.js';

export interface ProgressMail {
  manager: { id: string; email: string; name: string; locale: string };
  timezone: string;
  content: Omit<TargetProgressData, 'recipient'>;
}

/** Asks the notifier for a batch of progress emails in one statement, on the bulk queue, once per manager and local date. */
@Injectable()
export class ProgressMailer {
  constructor(private readonly notifications: NotificationRequester) {}

  progress(tx: Tx, mails: ProgressMail[], correlationId: string | null): Promise<boolean[]> {
    return this.notifications.requestAll(
      tx,
      mails.map(({ manager, timezone, content }) => ({
        idempotencyKey: targetProgressKey(manager.id, content.localDate),
        recipient: { id: manager.id, email: manager.email, locale: manager.locale },
        kind: 'target-progress',
        data: { ...content, recipient: { name: manager.name, timezone } } satisfies TargetProgressData,
        correlationId,
        bulk: true,
      })),
    );
  }
}

import type { z } from 'zod/v4';
import type { NotificationStatus } from '#generated/prisma';
import { rpcContract } from './rpc-contract.js';
import type { Ok } from './schemas/common.schemas.js';
import type { DeadLetterPage, DeadLetterRetried, DeadLettersRetried, NotificationPage } from './schemas/notifier.schemas.js';

export interface ListNotificationsRequest {
  recipient?: string;
  kind?: string;
  status?: NotificationStatus;
  cursor?: string;
  limit: number;
}

export const ListNotifications = rpcContract<ListNotificationsRequest, z.infer<typeof NotificationPage>>('notifier.notifications.list');
export const ListDeadLetters = rpcContract<{ cursor?: string; limit: number }, z.infer<typeof DeadLetterPage>>('notifier.dead-letters.list');
export const RetryDeadLetter = rpcContract<{ id: string }, z.infer<typeof DeadLetterRetried>>('notifier.dead-letters.retry');
/** Every dead letter not yet retried that matches the filter (a relay that was down for minutes), at most `limit`. */
export interface DeadLetterFilter {
  queue?: string;
  jobName?: string;
  since?: string;
  until?: string;
  limit: number;
}
export const RetryDeadLetters = rpcContract<DeadLetterFilter, z.infer<typeof DeadLettersRetried>>('notifier.dead-letters.retry-all');

export const PingNotifier = rpcContract<Record<string, never>, z.infer<typeof Ok>>('notifier.ping');

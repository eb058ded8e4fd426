import { z } from 'zod/v4';
import { NotificationStatus } from '#generated/prisma';
import { pageOf } from './common.schemas.js';

export const NotificationView = z.object({
  id: z.string(),
  idempotencyKey: z.string(),
  recipient: z.object({ id: z.string().nullable(), email: z.string() }),
  kind: z.string(),
  locale: z.string(),
  status: z.enum(NotificationStatus),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  messageId: z.string(),
  sentAt: z.string().nullable(),
  resentAfterInterrupt: z.boolean(),
  correlationId: z.string().nullable(),
  createdAt: z.string(),
});
export const NotificationPage = pageOf(NotificationView);

export const DeadLetterView = z.object({
  id: z.string(),
  queue: z.string(),
  jobName: z.string(),
  payload: z.unknown(),
  error: z.string(),
  correlationId: z.string().nullable(),
  createdAt: z.string(),
  retriedAt: z.string().nullable(),
});
export const DeadLetterPage = pageOf(DeadLetterView);

export const DeadLetterRetried = z.object({ id: z.string(), retriedAt: z.string() });
export const DeadLettersRetried = z.object({
  retried: z.number().int().describe('dead letters put back on their queues, each once'),
  ids: z.array(z.string()),
  retriedAt: z.string(),
});

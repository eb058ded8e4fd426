import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { JobName, JobPayload, QueueName } from '#libs/queue';
import type { Tx } from './database.service.js';

export interface OutboxMessage<N extends JobName> {
  queue: QueueName;
  jobName: N;
  payload: JobPayload<N>;
  correlationId?: string | null;
}

/** Writes work for a queue inside the caller's transaction (DESIGN: state change + job commit together). */
@Injectable()
export class OutboxWriter {
  async add<N extends JobName>(tx: Tx, message: OutboxMessage<N>): Promise<string> {
    const id = randomUUID();
    await tx
      .insertInto('Outbox')
      .values({ id, queue: message.queue, jobName: message.jobName, payload: JSON.stringify(message.payload), correlationId: message.correlationId ?? null, createdAt: new Date() })
      .execute();
    return id;
  }
}

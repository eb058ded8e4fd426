import { Injectable } from '@nestjs/common';
import type { JobName, JobPayload, QueueName } from '../../queue/src/index.js';
import type { Tx } from './prisma.service.js';

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
    const row = await tx.outbox.create({
      data: {
        queue: message.queue,
        jobName: message.jobName,
        payload: message.payload as object,
        correlationId: message.correlationId ?? null,
      },
      select: { id: true },
    });
    return row.id;
  }
}

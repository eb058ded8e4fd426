import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Prisma } from '#generated/prisma';
import type { JobName, JobPayload, QueueName } from '#libs/queue';
import { sqlOf, type Tx } from './prisma.service.js';

export interface OutboxMessage<N extends JobName> {
  queue: QueueName;
  jobName: N;
  payload: JobPayload<N>;
  correlationId?: string | null;
}

/**
 * Writes work for a queue inside the caller's transaction (DESIGN: state change + job commit
 * together). One raw statement: a Prisma model `create` costs several times its CPU.
 */
@Injectable()
export class OutboxWriter {
  async add<N extends JobName>(tx: Tx, message: OutboxMessage<N>): Promise<string> {
    const id = randomUUID();
    await sqlOf(tx).execute(Prisma.sql`
      INSERT INTO "Outbox" (id, queue, "jobName", payload, "correlationId", "createdAt")
      VALUES (${id}::uuid, ${message.queue}, ${message.jobName}, ${JSON.stringify(message.payload)}::jsonb, ${message.correlationId ?? null}, ${new Date()}::timestamp)`);
    return id;
  }
}

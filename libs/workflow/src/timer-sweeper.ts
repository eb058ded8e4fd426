import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../time/src/clock.js';
import { OutboxSignal, PrismaService } from '../../database/src/index.js';

const BATCH = 500;

/**
 * Claims due timers and turns them into outbox rows in ONE statement, so the lock and the claim
 * cannot come apart: replicas share the work (SKIP LOCKED) and each timer fires once.
 */
@Injectable()
export class TimerSweeper {
  private readonly logger = new Logger(TimerSweeper.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly signal: OutboxSignal,
  ) {}

  /** Returns how many timers fired. Loops while batches come back full. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const fired = await this.prisma.$executeRaw`
        WITH due AS (
          SELECT id FROM "Timer"
          WHERE "firedAt" IS NULL AND "cancelledAt" IS NULL AND "dueAt" <= ${now}
          ORDER BY "dueAt" LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED
        ), fired AS (
          UPDATE "Timer" t SET "firedAt" = ${now} FROM due WHERE t.id = due.id
          RETURNING t.id, t.kind, t.queue, t."subjectId", t."correlationId"
        )
        INSERT INTO "Outbox" (id, queue, "jobName", payload, "correlationId", "createdAt")
        SELECT gen_random_uuid(), queue, kind,
               jsonb_build_object('timerId', id, 'subjectId', "subjectId"), "correlationId", ${now}
        FROM fired`;
      total += fired;
      if (fired > 0) this.signal.notify();
      if (fired < BATCH) break;
    }
    if (total > 0) this.logger.debug(`Fired ${total} due timers.`);
    return total;
  }

  /** Fired and cancelled timers are history once their retention has passed. */
  async purge(olderThan: Date): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "Timer" WHERE ("firedAt" < ${olderThan}) OR ("cancelledAt" < ${olderThan})`;
  }
}

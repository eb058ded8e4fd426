import { Injectable } from '@nestjs/common';
import type { QueueName } from '../../queue/src/index.js';
import type { JobName } from '../../queue/src/index.js';
import type { Tx } from '../../database/src/index.js';

export interface ArmTimer {
  kind: JobName;
  queue: QueueName;
  subjectId: string;
  dueAt: Date;
  /** Makes "once per occurrence" a database fact. */
  uniqueKey: string;
  correlationId?: string | null;
}

@Injectable()
export class TimerWriter {
  /** Arms a timer in the caller's transaction; arming the same uniqueKey twice is harmless. */
  async arm(tx: Tx, timer: ArmTimer): Promise<void> {
    await tx.timer.createMany({
      data: [
        {
          kind: timer.kind,
          queue: timer.queue,
          subjectId: timer.subjectId,
          dueAt: timer.dueAt,
          uniqueKey: timer.uniqueKey,
          correlationId: timer.correlationId ?? null,
        },
      ],
      skipDuplicates: true,
    });
  }

  async cancelForSubject(tx: Tx, subjectId: string, now: Date): Promise<void> {
    await tx.timer.updateMany({
      where: { subjectId, firedAt: null, cancelledAt: null },
      data: { cancelledAt: now },
    });
  }
}

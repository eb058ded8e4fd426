import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { JOBS, QUEUES } from '#libs/queue';
import { TimerWriter } from '#libs/workflow';
import { recertifyAt, recertifyKey } from './recertification.rules.js';

/** Arms, in the transaction that issues a certificate with an expiry, the timer that renews it. */
@Injectable()
export class RecertificationTimers {
  constructor(private readonly timers: TimerWriter) {}

  async arm(tx: Tx, certificate: { id: string; expiresAt: Date | null }, now: Date, correlationId: string | null): Promise<void> {
    if (!certificate.expiresAt) return;
    await this.timers.arm(tx, {
      kind: JOBS.trainingRecertify, queue: QUEUES.trainingUrgent, subjectId: certificate.id,
      dueAt: recertifyAt(certificate.expiresAt, now), uniqueKey: recertifyKey(certificate.id), correlationId,
    });
  }
}

import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { AppConfig } from '#libs/config';
import { QUEUES } from '#libs/queue';
import { queueProcessor } from '#libs/workflow';
import { LedgerModule } from './ledger/ledger.module.js';
import { SendingModule } from './sending/sending.module.js';

// A killed notifier's jobs are back in the queue within ~15 s (not BullMQ's 30 + 30 s), and its
// emails' leases (SEND_LEASE) have run out by then, so they are resent within seconds.
const worker = { concurrency: (config: AppConfig) => config.NOTIFIER_CONCURRENCY, stalled: { lockDurationMs: 10_000, stalledIntervalMs: 5_000 } };

/** Every outgoing email: the send ledger's workers (bulk email on a queue of its own, so it never delays an approval request) and its admin views. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.notifierUrgent }, { name: QUEUES.notifierBulk }), SendingModule, LedgerModule],
  providers: [queueProcessor(QUEUES.notifierUrgent, worker), queueProcessor(QUEUES.notifierBulk, worker)],
  exports: [SendingModule],
})
export class NotifierModule {}

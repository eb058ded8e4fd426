import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { AppConfig } from '#libs/config';
import { QUEUES } from '#libs/queue';
import { queueProcessor } from '#libs/workflow';
import { LedgerModule } from './ledger/ledger.module.js';
import { SendingModule } from './sending/sending.module.js';

const concurrency = { concurrency: (config: AppConfig) => config.NOTIFIER_CONCURRENCY };

/** Every outgoing email: the send ledger's workers (bulk email on a queue of its own, so it never delays an approval request) and its admin views. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.notifierUrgent }, { name: QUEUES.notifierBulk }), SendingModule, LedgerModule],
  providers: [queueProcessor(QUEUES.notifierUrgent, concurrency), queueProcessor(QUEUES.notifierBulk, concurrency)],
  exports: [SendingModule],
})
export class NotifierModule {}

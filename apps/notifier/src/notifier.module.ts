import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '#libs/queue';
import { LedgerHandlers } from './ledger/ledger.rpc.js';
import { LedgerService } from './ledger/ledger.service.js';
import { MailTransport } from './sending/mail-transport.js';
import { NotificationLedgerRepository } from './sending/sending.repository.js';
import { NotificationBatchSender } from './sending/notification-batch-sender.service.js';
import { NotificationSender } from './sending/notification-sender.service.js';
import { NotifierDeadJobs } from './sending/notifier-dead-jobs.js';
import { NotifierMetrics } from './sending/notifier.metrics.js';
import { NotifierBulkProcessor, NotifierUrgentProcessor } from './sending/notifier.processor.js';

/** Every outgoing email: the send ledger's workers and its admin views. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.notifierUrgent }, { name: QUEUES.notifierBulk })],
  controllers: [LedgerHandlers],
  providers: [
    MailTransport,
    NotificationLedgerRepository,
    NotificationSender,
    NotificationBatchSender,
    NotifierMetrics,
    NotifierDeadJobs,
    NotifierUrgentProcessor,
    NotifierBulkProcessor,
    LedgerService,
  ],
  exports: [MailTransport],
})
export class NotifierModule {}

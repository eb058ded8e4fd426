import { Module } from '@nestjs/common';
import { LeaseHeartbeat } from './lease-heartbeat.js';
import { MailTransport } from './mail-transport.js';
import { NotificationBatchSender } from './notification-batch-sender.service.js';
import { NotificationSender } from './notification-sender.service.js';
import { NotifierMetrics } from './notifier.metrics.js';
import { SendingJobs } from './sending.jobs.js';
import { SendingMailer } from './sending.mailer.js';
import { SendingRepository } from './sending.repository.js';

/** Sending the ledger's emails: claim under a lease (renewed while sending), render, send over SMTP, mark sent. */
@Module({
  providers: [MailTransport, SendingRepository, LeaseHeartbeat, NotificationSender, NotificationBatchSender, NotifierMetrics, SendingMailer, SendingJobs],
  exports: [MailTransport],
})
export class SendingModule {}

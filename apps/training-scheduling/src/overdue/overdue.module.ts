import { Module } from '@nestjs/common';
import { OverdueTimers } from './overdue-timers.service.js';
import { OverdueJobs } from './overdue.jobs.js';
import { OverdueMailer } from './overdue.mailer.js';
import { OverdueRepository } from './overdue.repository.js';

/** Overdue mandatory training (issue 10 item 9): a reminder before the due date, escalations after it. */
@Module({
  providers: [OverdueRepository, OverdueTimers, OverdueMailer, OverdueJobs],
  exports: [OverdueTimers],
})
export class OverdueModule {}

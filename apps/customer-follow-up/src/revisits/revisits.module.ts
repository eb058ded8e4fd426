import { Module } from '@nestjs/common';
import { DigestTimers } from './digest-timers.service.js';
import { RevisitAccess } from './revisit-access.js';
import { RevisitDigestService } from './revisit-digest.service.js';
import { RevisitMailer } from './revisits.mailer.js';
import { RevisitPlanKeeper } from './revisit-plan-keeper.service.js';
import { RevisitPlanner } from './revisit-planner.service.js';
import { RevisitJobs } from './revisits.jobs.js';
import { RevisitsHandlers } from './revisits.rpc.js';
import { RevisitsService } from './revisits.service.js';
import { ScheduleCheckService } from './schedule-check.service.js';
import { RevisitsRepository } from './revisits.repository.js';

/**
 * Revisit plans, the morning digest and overdue escalation. Other features plan visits through
 * RevisitPlanner (ensurePlanned after a customer is created or changed; planVisit for visits of
 * their own kind) and RevisitPlanKeeper (a whole import batch at once), and add their own work to
 * the daily check (ScheduleCheckService.addDailyTask).
 */
@Module({
  controllers: [RevisitsHandlers],
  providers: [
    RevisitsRepository, RevisitPlanner, RevisitPlanKeeper, DigestTimers, RevisitMailer, RevisitAccess, RevisitsService,
    RevisitDigestService, ScheduleCheckService, RevisitJobs,
  ],
  exports: [RevisitPlanner, RevisitPlanKeeper, RevisitsRepository, ScheduleCheckService, DigestTimers],
})
export class RevisitsModule {}

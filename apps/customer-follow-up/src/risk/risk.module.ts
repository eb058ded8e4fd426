import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module.js';
import { RiskAlertMailer } from './risk.mailer.js';
import { RiskAlertsHandlers } from './risk-alerts.rpc.js';
import { RiskAlertsRepository } from './risk-alerts.repository.js';
import { RiskAlertsService } from './risk-alerts.service.js';
import { RiskJobs } from './risk.jobs.js';
import { RiskScanRepository } from './risk-scan.repository.js';
import { RiskScanService } from './risk-scan.service.js';
import { AttritionAlertsJobs } from './attrition-alerts.jobs.js';
import { AttritionAlertsService } from './attrition-alerts.service.js';
import { RiskTasksRepository } from './risk-tasks.repository.js';
import { CompetitionAlertMailer } from './competition.mailer.js';
import { CompetitionJobs } from './competition.jobs.js';
import { CompetitionScanRepository } from './competition-scan.repository.js';
import { CompetitionScanService } from './competition-scan.service.js';
import { RiskScansHandlers } from './risk-scans.rpc.js';

/**
 * Customer demand change risk (issue 3 item 7): a daily scan (risk.scan, bulk queue)
 * turns the policy's risk rules into risk alerts emailed to the owner's manager (urgent), and
 * the alerts' list, acknowledgement and snooze. Also records appraisal's attrition flags as alerts
 * of type attrition (attrition.flagged), with their countermeasures as tasks. Market competition
 * (issue 13 item 3): a daily scan by segment (competition.scan) raising alerts of type competition
 * through the same alert rows and delivery; POST /risk-scans runs a scan now.
 */
@Module({
  imports: [CustomersModule],
  controllers: [RiskAlertsHandlers, RiskScansHandlers],
  providers: [RiskScanRepository, RiskScanService, RiskJobs, RiskAlertMailer, RiskAlertsRepository, RiskAlertsService, RiskTasksRepository, AttritionAlertsService, AttritionAlertsJobs,
    CompetitionScanRepository, CompetitionScanService, CompetitionAlertMailer, CompetitionJobs],
  exports: [RiskScanService, CompetitionScanService],
})
export class RiskModule {}

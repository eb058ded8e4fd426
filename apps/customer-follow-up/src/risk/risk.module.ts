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

/**
 * Customer demand change risk (issue 3 item 7): a daily scan (risk.scan, bulk queue)
 * turns the policy's risk rules into risk alerts emailed to the owner's manager (urgent), and
 * the alerts' list, acknowledgement and snooze. Also records appraisal's attrition flags as alerts
 * of type attrition (attrition.flagged), with their countermeasures as tasks.
 */
@Module({
  imports: [CustomersModule],
  controllers: [RiskAlertsHandlers],
  providers: [RiskScanRepository, RiskScanService, RiskJobs, RiskAlertMailer, RiskAlertsRepository, RiskAlertsService, RiskTasksRepository, AttritionAlertsService, AttritionAlertsJobs],
  exports: [RiskScanService],
})
export class RiskModule {}

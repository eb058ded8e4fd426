import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module.js';
import { RevisitsModule } from '../revisits/revisits.module.js';
import { SurveysModule } from '../surveys/surveys.module.js';
import { RiskCountermeasures } from './risk-countermeasures.service.js';
import { RiskTaskDeadlineJobs } from './risk-tasks.jobs.js';
import { RiskTasksHandlers } from './risk-tasks.rpc.js';
import { RiskTasksService } from './risk-tasks.service.js';
import { RiskRecoveryRepository } from './risk-recovery.repository.js';
import { RiskRecovery } from './risk-recovery.service.js';
import { RiskDigestJobs } from './risk-digest.jobs.js';
import { RiskDigestRepository } from './risk-digest.repository.js';
import { RiskDigestService } from './risk-digest.service.js';
import { RiskLinksService } from './risk-links.service.js';
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
 * of type attrition (attrition.flagged). Every alert's countermeasures become tasks (RiskCountermeasures,
 * exported for the competition scan) with a reminder and an escalation, and the /risk-tasks API.
 */
@Module({
  imports: [CustomersModule, RevisitsModule, SurveysModule],
  controllers: [RiskAlertsHandlers, RiskTasksHandlers],
  providers: [
    RiskScanRepository, RiskScanService, RiskJobs, RiskAlertMailer, RiskAlertsRepository, RiskAlertsService, RiskTasksRepository, AttritionAlertsService, AttritionAlertsJobs,
    RiskCountermeasures, RiskTasksService, RiskTaskDeadlineJobs, RiskRecoveryRepository, RiskRecovery,
    RiskDigestRepository, RiskDigestService, RiskDigestJobs, RiskLinksService,
  ],
  exports: [RiskScanService, RiskCountermeasures, RiskRecovery, RiskDigestService],
})
export class RiskModule {}

import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module.js';
import { AttritionJobs } from './attrition.jobs.js';
import { AttritionPolicyHandlers } from './attrition-policy.rpc.js';
import { AttritionPolicyRepository } from './attrition-policy.repository.js';
import { AttritionPolicyService } from './attrition-policy.service.js';
import { AttritionScanRepository } from './attrition-scan.repository.js';
import { AttritionScanService } from './attrition-scan.service.js';

/**
 * Salesperson attrition risk (issue 11 item 8): the policy (PUT/GET /attrition-policy) and the
 * daily scan (attrition.scan, bulk) that publishes attrition.flagged for the risk module.
 */
@Module({
  imports: [FactsModule],
  controllers: [AttritionPolicyHandlers],
  providers: [AttritionPolicyRepository, AttritionPolicyService, AttritionScanRepository, AttritionScanService, AttritionJobs],
})
export class AttritionModule {}

import { Module } from '@nestjs/common';
import { DigestModule } from '../digest/digest.module.js';
import { OverdueModule } from '../overdue/overdue.module.js';
import { PlansJobs } from './plans.jobs.js';
import { PlansHandlers } from './plans.rpc.js';
import { PlansRepository } from './plans.repository.js';
import { PlansService } from './plans.service.js';
import { RequirementsHook } from './requirements.hook.js';

/** Annual training plans by level and the requirements they set. */
@Module({
  imports: [OverdueModule, DigestModule],
  controllers: [PlansHandlers],
  providers: [PlansRepository, PlansService, PlansJobs, RequirementsHook],
  exports: [RequirementsHook],
})
export class PlansModule {}

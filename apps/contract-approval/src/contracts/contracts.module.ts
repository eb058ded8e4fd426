import { Module } from '@nestjs/common';
import { ApprovalModule } from '../approval/approval.module.js';
import { FxModule } from '../fx/fx.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { PricingModule } from '../pricing/pricing.module.js';
import { ContractReader } from './contract-reader.service.js';
import { ContractsHandlers } from './contracts.rpc.js';
import { ContractsService } from './contracts.service.js';

/** Contracts: submit, decide, withdraw, resubmit, and their reads. */
@Module({
  imports: [ApprovalModule, PolicyModule, PricingModule, FxModule],
  controllers: [ContractsHandlers],
  providers: [ContractsService, ContractReader],
})
export class ContractsModule {}

import { Module } from '@nestjs/common';
import { CompetitorsRepository } from './competitors.repository.js';
import { CompetitorsHandlers } from './competitors.rpc.js';
import { CompetitorsService } from './competitors.service.js';
import { PricePolicyRepository } from './price-policy.repository.js';
import { PricePolicyHandlers } from './price-policy.rpc.js';
import { PricePolicyStore } from './price-policy.store.js';

/** The versioned price and discount policy, and the competitor catalogue losses name (issue 13 items 1 and 2). */
@Module({
  controllers: [PricePolicyHandlers, CompetitorsHandlers],
  providers: [PricePolicyStore, PricePolicyRepository, CompetitorsRepository, CompetitorsService],
  exports: [PricePolicyStore, CompetitorsRepository],
})
export class PricingModule {}

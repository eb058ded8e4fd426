import { Module } from '@nestjs/common';
import { CommissionFacts } from './commission-facts.repository.js';
import { SalesFacts } from './sales-facts.repository.js';

/** What appraisal reads of the other services' records (read-only), for targets, KPIs and commissions. */
@Module({
  providers: [SalesFacts, CommissionFacts],
  exports: [SalesFacts, CommissionFacts],
})
export class FactsModule {}

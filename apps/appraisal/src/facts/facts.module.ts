import { Module } from '@nestjs/common';
import { SalesFacts } from './sales-facts.repository.js';

/** What appraisal reads of the other services' records (read-only), for targets, KPIs and commissions. */
@Module({
  providers: [SalesFacts],
  exports: [SalesFacts],
})
export class FactsModule {}

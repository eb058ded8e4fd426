import { Module } from '@nestjs/common';
import { KpiEvidenceFacts } from './kpi-evidence.facts.js';
import { CommissionFacts } from './commission-facts.repository.js';
import { SalesFacts } from './sales-facts.repository.js';

/** What appraisal reads of the other services' records (read-only), for targets, KPIs and commissions. */
@Module({
  providers: [SalesFacts, KpiEvidenceFacts, CommissionFacts],
  exports: [SalesFacts, KpiEvidenceFacts, CommissionFacts],
})
export class FactsModule {}

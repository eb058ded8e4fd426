import { Module } from '@nestjs/common';
import { AttritionFacts } from './attrition-facts.repository.js';
import { KpiEvidenceFacts } from './kpi-evidence.facts.js';
import { CommissionFacts } from './commission-facts.repository.js';
import { SalesFacts } from './sales-facts.repository.js';

/** What appraisal reads of the other services' records (read-only), for targets, KPIs and commissions. */
@Module({
  providers: [SalesFacts, KpiEvidenceFacts, CommissionFacts, AttritionFacts],
  exports: [SalesFacts, KpiEvidenceFacts, CommissionFacts, AttritionFacts],
})
export class FactsModule {}

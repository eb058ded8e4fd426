import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsHandlers } from './reports.rpc.js';
import { ReportsService } from './reports.service.js';

/** The sales analysis's figures (GET /reports/...) and the desk's contracts in flight. */
@Module({
  imports: [PolicyModule],
  controllers: [ReportsHandlers],
  providers: [ReportsService, ReportsRepository],
})
export class ReportsModule {}

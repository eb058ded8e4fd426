import { Module } from '@nestjs/common';
import { RevisitsModule } from '../revisits/revisits.module.js';
import { ContractEventsJobs } from './contract-events.jobs.js';
import { ContractEventsRepository } from './contract-events.repository.js';

/** Domain events from contract-approval: approved contracts flow into the customer's follow-up. */
@Module({
  imports: [RevisitsModule],
  providers: [ContractEventsJobs, ContractEventsRepository],
})
export class ContractEventsModule {}

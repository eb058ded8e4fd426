import { Module } from '@nestjs/common';
import { RevisitsModule } from '../revisits/revisits.module.js';
import { CustomerAccess } from './customer-access.js';
import { CustomerDirectory } from './customer-directory.js';
import { CustomersHandlers } from './customers.rpc.js';
import { CustomersRepository } from './customers.repository.js';
import { CustomersService } from './customers.service.js';
import { AbandonedUploads } from './import/abandoned-uploads.service.js';
import { CustomerImportHandlers } from './import/customer-import.rpc.js';
import { CustomerImportJobs } from './import/customer-import.jobs.js';
import { ImportBatches } from './import/import-batches.js';
import { CustomerImportRepository } from './import/customer-import.repository.js';
import { CustomerImportService } from './import/customer-import.service.js';

/**
 * Customer records and their bulk import; every change keeps the customer's revisit plan right
 * (RevisitsModule). Other follow-up features import this module for CustomerDirectory (read or
 * lock a customer in their transaction) and CustomerAccess (who sees what).
 */
@Module({
  imports: [RevisitsModule],
  controllers: [CustomersHandlers, CustomerImportHandlers],
  providers: [
    CustomerAccess, CustomerDirectory, CustomersRepository, CustomersService,
    CustomerImportRepository, CustomerImportService, ImportBatches, CustomerImportJobs, AbandonedUploads,
  ],
  exports: [CustomerAccess, CustomerDirectory, CustomersService],
})
export class CustomersModule {}

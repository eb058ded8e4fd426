import { Module } from '@nestjs/common';
import { CustomerAccess } from './customer-access.js';
import { CustomerDirectory } from './customer-directory.js';
import { CustomersHandlers } from './customers.handlers.js';
import { CustomersRepository } from './customers.repository.js';
import { CustomersService } from './customers.service.js';
import { CustomerImportHandlers } from './import/customer-import.handlers.js';
import { CustomerImportJob } from './import/customer-import.job.js';
import { CustomerImportRepository } from './import/customer-import.repository.js';
import { CustomerImportService } from './import/customer-import.service.js';

/**
 * Customer records and their bulk import. Other follow-up features import this module for
 * CustomerDirectory (read or lock a customer in their transaction) and CustomerAccess (who sees what).
 */
@Module({
  controllers: [CustomersHandlers, CustomerImportHandlers],
  providers: [
    CustomerAccess, CustomerDirectory, CustomersRepository, CustomersService,
    CustomerImportRepository, CustomerImportService, CustomerImportJob,
  ],
  exports: [CustomerAccess, CustomerDirectory, CustomersService],
})
export class CustomersModule {}

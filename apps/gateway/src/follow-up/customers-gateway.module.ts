import { Module } from '@nestjs/common';
import { ServiceClientModule } from '../http/service-client.module.js';
import { CustomerImportUploader } from './customer-import.uploader.js';
import { CustomersController } from './customers.controller.js';

/** The customer endpoints, including the streamed import upload. */
@Module({
  imports: [ServiceClientModule],
  controllers: [CustomersController],
  providers: [CustomerImportUploader],
})
export class CustomersGatewayModule {}

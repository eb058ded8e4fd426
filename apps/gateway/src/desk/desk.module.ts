import { Module } from '@nestjs/common';
import { ServiceClientModule } from '../http/service-client.module.js';
import { SignInModule } from '../sign-in/sign-in.module.js';
import { DeskController } from './desk.controller.js';
import { DeskReader } from './desk-reader.js';
import { ReportsController } from './reports.controller.js';

/** The web desk, the sales analysis and its figures (GET /reports/...). */
@Module({
  imports: [ServiceClientModule, SignInModule],
  controllers: [DeskController, ReportsController],
  providers: [DeskReader],
})
export class DeskModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '#libs/platform';
import { ContractApprovalModule } from './contract-approval.module.js';

@Module({})
export class ContractApprovalAppModule {
  static forRoot(options: PlatformOptions = {}): DynamicModule {
    return { module: ContractApprovalAppModule, imports: [PlatformModule.forRoot(options), ContractApprovalModule] };
  }
}

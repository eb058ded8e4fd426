import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '#libs/platform';
import { CustomerFollowUpModule } from './customer-follow-up.module.js';

@Module({})
export class CustomerFollowUpAppModule {
  static forRoot(options: PlatformOptions = {}): DynamicModule {
    return { module: CustomerFollowUpAppModule, imports: [PlatformModule.forRoot(options), CustomerFollowUpModule] };
  }
}

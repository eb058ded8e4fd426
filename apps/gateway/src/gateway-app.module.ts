import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '#libs/platform';
import { GatewayModule } from './gateway.module.js';

@Module({})
export class GatewayAppModule {
  static forRoot(options: PlatformOptions = {}): DynamicModule {
    return { module: GatewayAppModule, imports: [PlatformModule.forRoot(options), GatewayModule] };
  }
}

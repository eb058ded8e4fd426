import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '#libs/platform';
import { NotifierModule } from './notifier.module.js';

@Module({})
export class NotifierAppModule {
  static forRoot(options: PlatformOptions = {}): DynamicModule {
    return { module: NotifierAppModule, imports: [PlatformModule.forRoot(options), NotifierModule] };
  }
}

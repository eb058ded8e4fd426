import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, configFromProcessEnv } from './app-config.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** Tests pass a config object; processes read the environment once at boot. */
  static forRoot(config: AppConfig = configFromProcessEnv()): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

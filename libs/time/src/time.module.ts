import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock.js';

@Global()
@Module({})
export class TimeModule {
  /** Tests pass a ManualClock; processes use the system clock. */
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return { module: TimeModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}

import { Module } from '@nestjs/common';
import { FxModule } from '../fx/fx.module.js';
import { PolicyStore } from './policy-store.service.js';
import { PolicyRepository } from './policy.repository.js';
import { PolicyHandlers } from './policy.rpc.js';

/** The versioned approval policy (and, at its edge, the exchange rates its thresholds use). */
@Module({
  imports: [FxModule],
  controllers: [PolicyHandlers],
  providers: [PolicyStore, PolicyRepository],
  exports: [PolicyStore],
})
export class PolicyModule {}

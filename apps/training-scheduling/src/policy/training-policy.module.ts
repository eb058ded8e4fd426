import { Module } from '@nestjs/common';
import { TrainingPolicyHandlers } from './training-policy.rpc.js';
import { TrainingPolicyStore } from './training-policy.store.js';

/** The training policy: reminder offsets, as data. */
@Module({
  controllers: [TrainingPolicyHandlers],
  providers: [TrainingPolicyStore],
  exports: [TrainingPolicyStore],
})
export class TrainingPolicyModule {}

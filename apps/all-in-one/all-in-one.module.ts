import type { DynamicModule, Type } from '@nestjs/common';
import { serviceRoot, type PlatformOptions } from '#libs/platform';
import { AppraisalModule } from '../appraisal/src/appraisal.module.js';
import { CustomerFollowUpModule } from '../customer-follow-up/src/customer-follow-up.module.js';
import { ContractApprovalModule } from '../contract-approval/src/contract-approval.module.js';
import { GatewayModule } from '../gateway/src/gateway.module.js';
import { NotifierModule } from '../notifier/src/notifier.module.js';
import { TrainingSchedulingModule } from '../training-scheduling/src/training-scheduling.module.js';

/** Every service, for one process: a laptop, the demo and the tests. */
export const ALL_SERVICES: Type[] = [GatewayModule, ContractApprovalModule, CustomerFollowUpModule, TrainingSchedulingModule, AppraisalModule, NotifierModule];

export const AllInOneModule = {
  /** `withNotifier: false` leaves sending to notifier processes of their own (the scale benchmark's split). */
  forRoot(options: PlatformOptions = {}, { withNotifier = true }: { withNotifier?: boolean } = {}): DynamicModule {
    return serviceRoot(withNotifier ? ALL_SERVICES : ALL_SERVICES.filter((service) => service !== NotifierModule), options);
  },
};

import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '#libs/platform';
import { CustomerFollowUpModule } from '../customer-follow-up/src/customer-follow-up.module.js';
import { ContractApprovalModule } from '../contract-approval/src/contract-approval.module.js';
import { GatewayModule } from '../gateway/src/gateway.module.js';
import { NotifierModule } from '../notifier/src/notifier.module.js';

/** Every service in one process: for a laptop, the demo and the tests. */
@Module({})
export class AllInOneModule {
  /** `withNotifier: false` leaves sending to notifier processes of their own (the scale benchmark's split). */
  static forRoot(options: PlatformOptions = {}, { withNotifier = true }: { withNotifier?: boolean } = {}): DynamicModule {
    const services = [GatewayModule, ContractApprovalModule, CustomerFollowUpModule, ...(withNotifier ? [NotifierModule] : [])];
    return { module: AllInOneModule, imports: [PlatformModule.forRoot(options), ...services] };
  }
}

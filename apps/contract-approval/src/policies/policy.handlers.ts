import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PATTERNS, type RpcRequest } from '#libs/rpc';
import { FxRatesService } from '../fx/fx-rates.service.js';
import { PolicyStore } from './policy-store.service.js';

@Controller()
export class PolicyHandlers {
  constructor(
    private readonly policies: PolicyStore,
    private readonly fx: FxRatesService,
  ) {}

  @MessagePattern(PATTERNS.policy.get)
  get() {
    return this.policies.active();
  }

  @MessagePattern(PATTERNS.policy.put)
  put(@Payload() { caller, correlationId, body }: RpcRequest<{ policy: unknown }>) {
    return this.policies.replace(caller, body.policy, correlationId);
  }

  @MessagePattern(PATTERNS.fx.put)
  putRates(@Payload() { caller, correlationId, body }: RpcRequest<{ rates: Record<string, number> }>) {
    return this.fx.replace(caller, body.rates, correlationId);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DecidePromotionNomination, GetPromotionNomination, ListPromotionNominations, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { PromotionsService } from './promotions.service.js';

@Controller()
export class PromotionsHandlers {
  constructor(private readonly promotions: PromotionsService) {}

  @RpcHandler(ListPromotionNominations)
  list(@Payload() { caller, body }: RpcRequestOf<typeof ListPromotionNominations>) {
    return this.promotions.list(caller, body);
  }

  @RpcHandler(GetPromotionNomination)
  get(@Payload() { caller, body }: RpcRequestOf<typeof GetPromotionNomination>) {
    return this.promotions.get(caller, body.id);
  }

  @RpcHandler(DecidePromotionNomination)
  decide(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof DecidePromotionNomination>) {
    return this.promotions.decide(caller, body.id, body.decision, body.reason, correlationId);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateCompetitor, ListCompetitors, UpdateCompetitor, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { CompetitorsService } from './competitors.service.js';

@Controller()
export class CompetitorsHandlers {
  constructor(private readonly competitors: CompetitorsService) {}

  @RpcHandler(ListCompetitors)
  list() {
    return this.competitors.list();
  }

  @RpcHandler(CreateCompetitor)
  create(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof CreateCompetitor>) {
    return this.competitors.create(caller, body.competitor, correlationId);
  }

  @RpcHandler(UpdateCompetitor)
  update(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof UpdateCompetitor>) {
    return this.competitors.update(caller, body.id, body.competitor, correlationId);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompleteRiskTask, ListRiskTasks, ReassignRiskTask, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { RiskTasksService } from './risk-tasks.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class RiskTasksHandlers {
  constructor(private readonly tasks: RiskTasksService) {}

  @RpcHandler(ListRiskTasks)
  list(@Payload() { caller, body }: RpcRequestOf<typeof ListRiskTasks>) {
    return this.tasks.list(caller, body);
  }

  @RpcHandler(CompleteRiskTask)
  done(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof CompleteRiskTask>) {
    return this.tasks.done(caller, body.id, body.done, correlationId);
  }

  @RpcHandler(ReassignRiskTask)
  reassign(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof ReassignRiskTask>) {
    return this.tasks.reassign(caller, body.id, body.reassign, correlationId);
  }
}

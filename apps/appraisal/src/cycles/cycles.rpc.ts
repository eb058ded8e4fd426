import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetAppraisal, GetAppraisalCycle, ListAppraisals, OpenAppraisalCycle, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { CyclesService } from './cycles.service.js';

@Controller()
export class CyclesHandlers {
  constructor(private readonly cycles: CyclesService) {}

  @RpcHandler(OpenAppraisalCycle)
  open(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof OpenAppraisalCycle>) {
    return this.cycles.open(caller, body.cycle, body.idempotencyKey, correlationId);
  }

  @RpcHandler(GetAppraisalCycle)
  get(@Payload() { body }: RpcRequestOf<typeof GetAppraisalCycle>) {
    return this.cycles.get(body.id);
  }

  @RpcHandler(ListAppraisals)
  list(@Payload() { caller, body }: RpcRequestOf<typeof ListAppraisals>) {
    return this.cycles.list(caller, body.cycle);
  }

  @RpcHandler(GetAppraisal)
  appraisal(@Payload() { caller, body }: RpcRequestOf<typeof GetAppraisal>) {
    return this.cycles.appraisal(caller, body.id);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RunRiskScan, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { DailyScans } from './daily-scans.js';

/** POST /risk-scans (ADMIN, checked by the gateway): a daily scan now. */
@Controller()
export class RiskScansHandlers {
  constructor(private readonly scans: DailyScans) {}

  @RpcHandler(RunRiskScan)
  run(@Payload() { correlationId, body }: RpcRequestOf<typeof RunRiskScan>) {
    return this.scans.runNow(body.type, correlationId);
  }
}

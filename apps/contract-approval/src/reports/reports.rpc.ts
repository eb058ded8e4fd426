import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListContractsInFlight, ReadApprovalCycleReport, ReadDiscountReport, ReadSalesReport, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { ReportsService } from './reports.service.js';

/** The reports' NATS edge: forwarding only. */
@Controller()
export class ReportsHandlers {
  constructor(private readonly reports: ReportsService) {}

  @RpcHandler(ReadSalesReport)
  sales(@Payload() { caller, body }: RpcRequestOf<typeof ReadSalesReport>) {
    return this.reports.sales(caller, body);
  }

  @RpcHandler(ReadDiscountReport)
  discounts(@Payload() { caller, body }: RpcRequestOf<typeof ReadDiscountReport>) {
    return this.reports.discounts(caller, body);
  }

  @RpcHandler(ReadApprovalCycleReport)
  approvalCycle(@Payload() { caller, body }: RpcRequestOf<typeof ReadApprovalCycleReport>) {
    return this.reports.approvalCycle(caller, body);
  }

  @RpcHandler(ListContractsInFlight)
  inFlight(@Payload() { caller, body }: RpcRequestOf<typeof ListContractsInFlight>) {
    return this.reports.inFlight(caller, body.limit);
  }
}

import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PATTERNS, type RpcRequest } from '#libs/rpc';
import type { CreateCustomerInput, ListCustomersQuery, UpdateCustomerInput } from './customer-input.js';
import { CustomersService } from './customers.service.js';

/** The service's edge for customer records: NATS requests from the gateway. */
@Controller()
export class CustomersHandlers {
  constructor(private readonly customers: CustomersService) {}

  @MessagePattern(PATTERNS.followUp.customerCreate)
  create(@Payload() { caller, correlationId, body }: RpcRequest<{ customer: CreateCustomerInput; idempotencyKey?: string }>) {
    return this.customers.create(caller, body.customer, body.idempotencyKey, correlationId);
  }

  @MessagePattern(PATTERNS.followUp.customerGet)
  get(@Payload() { caller, body }: RpcRequest<{ id: string }>) {
    return this.customers.get(caller, body.id);
  }

  @MessagePattern(PATTERNS.followUp.customerList)
  list(@Payload() { caller, body }: RpcRequest<ListCustomersQuery>) {
    return this.customers.findVisible(caller, body);
  }

  @MessagePattern(PATTERNS.followUp.customerUpdate)
  update(@Payload() { caller, correlationId, body }: RpcRequest<{ id: string; changes: UpdateCustomerInput }>) {
    return this.customers.update(caller, body.id, body.changes, correlationId);
  }
}

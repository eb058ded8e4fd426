import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateCustomer, GetCustomer, ListCustomers, UpdateCustomer, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { CustomersService } from './customers.service.js';

/** The service's edge for customer records: NATS requests from the gateway. */
@Controller()
export class CustomersHandlers {
  constructor(private readonly customers: CustomersService) {}

  @RpcHandler(CreateCustomer)
  create(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof CreateCustomer>) {
    return this.customers.create(caller, body.customer, body.idempotencyKey, correlationId);
  }

  @RpcHandler(GetCustomer)
  get(@Payload() { caller, body }: RpcRequestOf<typeof GetCustomer>) {
    return this.customers.get(caller, body.id);
  }

  @RpcHandler(ListCustomers)
  list(@Payload() { caller, body }: RpcRequestOf<typeof ListCustomers>) {
    return this.customers.findVisible(caller, body);
  }

  @RpcHandler(UpdateCustomer)
  update(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof UpdateCustomer>) {
    return this.customers.update(caller, body.id, body.changes, correlationId);
  }
}

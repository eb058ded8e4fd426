import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateEnrollment, WithdrawEnrollment, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { EnrollmentsService } from './enrollments.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class EnrollmentsHandlers {
  constructor(private readonly enrollments: EnrollmentsService) {}

  @RpcHandler(CreateEnrollment)
  create(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof CreateEnrollment>) {
    return this.enrollments.enroll(caller, body.sessionId, body.employeeEmail, body.idempotencyKey, correlationId);
  }

  @RpcHandler(WithdrawEnrollment)
  withdraw(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof WithdrawEnrollment>) {
    return this.enrollments.withdraw(caller, body.id, correlationId);
  }
}

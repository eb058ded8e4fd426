import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AcknowledgeComplaint, CreateComplaint, ListComplaints, ResolveComplaint, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { ComplaintsService } from './complaints.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class ComplaintsHandlers {
  constructor(private readonly complaints: ComplaintsService) {}

  @RpcHandler(CreateComplaint)
  create(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof CreateComplaint>) {
    return this.complaints.create(caller, body.complaint, body.idempotencyKey, correlationId);
  }

  @RpcHandler(ListComplaints)
  list(@Payload() { caller, body }: RpcRequestOf<typeof ListComplaints>) {
    return this.complaints.list(caller, body);
  }

  @RpcHandler(AcknowledgeComplaint)
  acknowledge(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof AcknowledgeComplaint>) {
    return this.complaints.acknowledge(caller, body.id, correlationId);
  }

  @RpcHandler(ResolveComplaint)
  resolve(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof ResolveComplaint>) {
    return this.complaints.resolve(caller, body.id, body.resolution, correlationId);
  }
}

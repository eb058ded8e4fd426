import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PATTERNS, type RpcRequest } from '#libs/rpc';
import type { CreateComplaintInput, ListComplaintsQuery, ResolveComplaintInput } from './complaint-input.js';
import { ComplaintsService } from './complaints.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class ComplaintsHandlers {
  constructor(private readonly complaints: ComplaintsService) {}

  @MessagePattern(PATTERNS.followUp.complaintCreate)
  create(@Payload() { caller, correlationId, body }: RpcRequest<{ complaint: CreateComplaintInput; idempotencyKey?: string }>) {
    return this.complaints.create(caller, body.complaint, body.idempotencyKey, correlationId);
  }

  @MessagePattern(PATTERNS.followUp.complaintList)
  list(@Payload() { caller, body }: RpcRequest<ListComplaintsQuery>) {
    return this.complaints.list(caller, body);
  }

  @MessagePattern(PATTERNS.followUp.complaintAcknowledge)
  acknowledge(@Payload() { caller, correlationId, body }: RpcRequest<{ id: string }>) {
    return this.complaints.acknowledge(caller, body.id, correlationId);
  }

  @MessagePattern(PATTERNS.followUp.complaintResolve)
  resolve(@Payload() { caller, correlationId, body }: RpcRequest<{ id: string; resolution: ResolveComplaintInput }>) {
    return this.complaints.resolve(caller, body.id, body.resolution, correlationId);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RecordAssessment, RecordAttendance, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { AttendanceService } from './attendance.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class AttendanceHandlers {
  constructor(private readonly attendance: AttendanceService) {}

  @RpcHandler(RecordAttendance)
  record(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof RecordAttendance>) {
    return this.attendance.record(caller, body.id, body.records, correlationId);
  }

  @RpcHandler(RecordAssessment)
  assess(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof RecordAssessment>) {
    return this.attendance.assess(caller, body.id, body.score, correlationId);
  }
}

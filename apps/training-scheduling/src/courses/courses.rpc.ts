import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateCourse, GetCourse, ListCourses, UpdateCourse, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { CoursesService } from './courses.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class CoursesHandlers {
  constructor(private readonly courses: CoursesService) {}

  @RpcHandler(CreateCourse)
  create(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof CreateCourse>) {
    return this.courses.create(caller, body.course, body.idempotencyKey, correlationId);
  }

  @RpcHandler(GetCourse)
  get(@Payload() { body }: RpcRequestOf<typeof GetCourse>) {
    return this.courses.get(body.id);
  }

  @RpcHandler(ListCourses)
  list(@Payload() { body }: RpcRequestOf<typeof ListCourses>) {
    return this.courses.list(body);
  }

  @RpcHandler(UpdateCourse)
  update(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof UpdateCourse>) {
    return this.courses.update(caller, body.id, body.course, correlationId);
  }
}

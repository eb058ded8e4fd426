import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetAppraisalTemplate, PutAppraisalTemplate, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { TemplatesService } from './templates.service.js';

@Controller()
export class TemplatesHandlers {
  constructor(private readonly templates: TemplatesService) {}

  @RpcHandler(PutAppraisalTemplate)
  put(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PutAppraisalTemplate>) {
    return this.templates.put(caller, body.name, body.template, correlationId);
  }

  @RpcHandler(GetAppraisalTemplate)
  get(@Payload() { body }: RpcRequestOf<typeof GetAppraisalTemplate>) {
    return this.templates.get(body.name);
  }
}

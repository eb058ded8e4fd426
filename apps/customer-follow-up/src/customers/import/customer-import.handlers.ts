import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PATTERNS, type RpcRequest } from '#libs/rpc';
import { CustomerImportService, type FinishUpload, type ImportFormat, type UploadedRow } from './customer-import.service.js';

/** An upload arrives as start, chunks of rows, finish; the status is read back by id. */
@Controller()
export class CustomerImportHandlers {
  constructor(private readonly imports: CustomerImportService) {}

  @MessagePattern(PATTERNS.followUp.importStart)
  start(@Payload() { caller, body }: RpcRequest<{ format: ImportFormat; columns: string[] | null }>) {
    return this.imports.start(caller, body);
  }

  @MessagePattern(PATTERNS.followUp.importRows)
  rows(@Payload() { caller, body }: RpcRequest<{ importId: string; rows: UploadedRow[] }>) {
    return this.imports.addRows(caller, body);
  }

  @MessagePattern(PATTERNS.followUp.importFinish)
  finish(@Payload() { caller, correlationId, body }: RpcRequest<FinishUpload>) {
    return this.imports.finish(caller, body, correlationId);
  }

  @MessagePattern(PATTERNS.followUp.importGet)
  get(@Payload() { caller, body }: RpcRequest<{ id: string }>) {
    return this.imports.get(caller, body.id);
  }
}

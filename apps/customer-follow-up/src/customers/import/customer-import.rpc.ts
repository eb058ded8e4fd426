import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FinishImport, GetImport, ImportRows, StartImport, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { CustomerImportService } from './customer-import.service.js';

/** An upload arrives as start, chunks of rows, finish; the status is read back by id. */
@Controller()
export class CustomerImportHandlers {
  constructor(private readonly imports: CustomerImportService) {}

  @RpcHandler(StartImport)
  start(@Payload() { caller, body }: RpcRequestOf<typeof StartImport>) {
    return this.imports.start(caller, body);
  }

  @RpcHandler(ImportRows)
  rows(@Payload() { caller, body }: RpcRequestOf<typeof ImportRows>) {
    return this.imports.addRows(caller, body);
  }

  @RpcHandler(FinishImport)
  finish(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof FinishImport>) {
    return this.imports.finish(caller, body, correlationId);
  }

  @RpcHandler(GetImport)
  get(@Payload() { caller, body }: RpcRequestOf<typeof GetImport>) {
    return this.imports.get(caller, body.id);
  }
}

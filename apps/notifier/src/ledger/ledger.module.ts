import { Module } from '@nestjs/common';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerHandlers } from './ledger.rpc.js';
import { LedgerService } from './ledger.service.js';

/** The send ledger's admin views and the retry of a dead letter. */
@Module({
  controllers: [LedgerHandlers],
  providers: [LedgerService, LedgerRepository],
})
export class LedgerModule {}

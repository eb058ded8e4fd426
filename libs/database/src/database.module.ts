import { Global, Module } from '@nestjs/common';
import { Database } from './database.service.js';
import { IdempotentCreator } from './idempotency.js';
import { OutboxSignal } from './outbox-signal.js';
import { OutboxWriter } from './outbox.writer.js';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({
  providers: [PrismaService, Database, OutboxWriter, OutboxSignal, IdempotentCreator],
  exports: [PrismaService, Database, OutboxWriter, OutboxSignal, IdempotentCreator],
})
export class DatabaseModule {}

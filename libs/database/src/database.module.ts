import { Global, Module } from '@nestjs/common';
import { OutboxSignal } from './outbox-signal.js';
import { OutboxWriter } from './outbox.writer.js';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({
  providers: [PrismaService, OutboxWriter, OutboxSignal],
  exports: [PrismaService, OutboxWriter, OutboxSignal],
})
export class DatabaseModule {}

import { Inject, Injectable } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, Prisma } from '../../../generated/prisma/client.js';
import { APP_CONFIG, type AppConfig } from '../../config/src/index.js';
import { preparedStatementNames } from './statement-names.js';

export type Tx = Prisma.TransactionClient;

@Injectable()
/** Disconnected last, by the graceful shutdown, after workers finished their jobs. */
export class PrismaService extends PrismaClient {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      adapter: new PrismaPg(
        { connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE },
        { statementNameGenerator: preparedStatementNames() as (query: { sql: string }) => string },
      ),
      // A burst queues for a pooled connection instead of failing after Prisma's default 2 s.
      transactionOptions: { maxWait: 15_000, timeout: 30_000 },
    });
  }
}

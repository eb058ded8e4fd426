import { Injectable, Logger } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { JobPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { OnJob, OnJobDeath, type JobContext } from '#libs/workflow';
import { CustomerImportRepository } from './customer-import.repository.js';
import { ImportBatches } from './import-batches.js';
import { isUuid } from '#libs/rpc';


/** The `customer.import` bulk job; one that dies for good leaves the import `failed` with the error. */
@Injectable()
export class CustomerImportJobs {
  private readonly logger = new Logger(CustomerImportJobs.name);

  constructor(
    private readonly batches: ImportBatches,
    private readonly repository: CustomerImportRepository,
    private readonly clock: Clock,
  ) {}

  @OnJob('customer.import')
  import(payload: JobPayload<'customer.import'>, context: JobContext) {
    return this.batches.run(payload.importId, context.correlationId);
  }

  /** The job died for good: the import shows why, and its remaining staged rows go. */
  @OnJobDeath('customer.import')
  async importDied(tx: Tx, error: Error, payload: JobPayload<'customer.import'>): Promise<void> {
    const { importId } = payload;
    const upload = isUuid(importId) ? await this.repository.lock(tx, importId) : null;
    if (!upload || upload.status === 'done' || upload.status === 'failed') return;
    await this.repository.update(tx, importId, { status: 'failed', error: error.message.slice(0, 1000), finishedAt: this.clock.now() });
    await this.repository.deleteStaged(tx, importId);
    this.logger.error(`Customer import ${importId} failed after ${upload.rowsDone} of ${upload.rowsTotal} rows: ${error.message}`);
  }
}

import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database } from '#libs/database';
import { ScheduleCheckService } from '../../revisits/schedule-check.service.js';
import { CustomerImportRepository } from './customer-import.repository.js';

/** Streaming even 100,000 rows takes minutes; an upload still receiving after this was abandoned. */
export const ABANDONED_UPLOAD_AFTER_MS = 3_600_000;

/**
 * A gateway that crashes mid-upload never says finish or abort: its import would stay `receiving`
 * with its staged rows for ever. The daily check fails such imports and deletes their rows.
 */
@Injectable()
export class AbandonedUploads implements OnModuleInit {
  private readonly logger = new Logger(AbandonedUploads.name);

  constructor(
    private readonly database: Database,
    private readonly repository: CustomerImportRepository,
    private readonly scheduleCheck: ScheduleCheckService,
    private readonly audit: AuditWriter,
  ) {}

  onModuleInit(): void {
    this.scheduleCheck.addDailyTask('abandoned customer uploads', (now, correlationId) => this.clear(now, correlationId));
  }

  async clear(now: Date, correlationId: string | null): Promise<void> {
    const cutoff = new Date(now.getTime() - ABANDONED_UPLOAD_AFTER_MS);
    const reason = `The upload stopped before it finished (still receiving rows at ${now.toISOString()}, begun before ${cutoff.toISOString()}); send the file again.`;
    const { failed, deleted } = await this.database.transaction(async (tx) => {
      const failed = await this.repository.failReceivingBefore(tx, cutoff, reason, now);
      for (const upload of failed) {
        await this.audit.record(tx, { entityType: 'customer-import', entityId: upload.id, action: 'customer-import.abandoned', actorId: null, after: { status: 'failed', reason }, correlationId, at: now });
      }
      return { failed, deleted: await this.repository.deleteStagedOfFailed(tx) };
    });
    if (failed.length > 0 || deleted > 0) this.logger.warn(`Failed ${failed.length} abandoned customer uploads and deleted ${deleted} staged rows of failed imports.`);
  }
}

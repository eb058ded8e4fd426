import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/src/index.js';

export interface AuditRecord {
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  onBehalfOfId?: string | null;
  before?: object | null;
  after?: object | null;
  correlationId?: string | null;
  at: Date;
}

/** Append-only trail, always written in the transaction of the change it describes. */
@Injectable()
export class AuditWriter {
  async record(tx: Tx, entry: AuditRecord): Promise<void> {
    await tx.auditEntry.create({
      data: {
        entityType: entry.entityType,
        entityId: entry.entityId,
        action: entry.action,
        actorId: entry.actorId,
        onBehalfOfId: entry.onBehalfOfId ?? null,
        before: entry.before ?? undefined,
        after: entry.after ?? undefined,
        correlationId: entry.correlationId ?? null,
        at: entry.at,
      },
    });
  }
}

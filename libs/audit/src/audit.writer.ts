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

/**
 * Append-only trail, always written in the transaction of the change it describes. One raw
 * INSERT: a Prisma model `create` compiles its query and reads the row back, several times the
 * CPU, and a decision writes two entries (docs/engineering-notes.md, "Performance").
 */
@Injectable()
export class AuditWriter {
  async record(tx: Tx, entry: AuditRecord): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO "AuditEntry" (id, "entityType", "entityId", action, "actorId", "onBehalfOfId", before, after, "correlationId", at)
      VALUES (gen_random_uuid(), ${entry.entityType}, ${entry.entityId}::uuid, ${entry.action}, ${entry.actorId}::uuid, ${entry.onBehalfOfId ?? null}::uuid,
              ${jsonOrNull(entry.before)}::jsonb, ${jsonOrNull(entry.after)}::jsonb, ${entry.correlationId ?? null}, ${entry.at})`;
  }
}

function jsonOrNull(value: object | null | undefined): string | null {
  return value ? JSON.stringify(value) : null;
}

import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';

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
 * Append-only trail, always written in the transaction of the change it describes. One statement
 * however many entries, with one JSON parameter: binding ten parameters per row costs the driver
 * more than the statement (an import batch writes a thousand entries).
 */
@Injectable()
export class AuditWriter {
  async record(tx: Tx, entry: AuditRecord): Promise<void> {
    await this.recordAll(tx, [entry]);
  }

  async recordAll(tx: Tx, entries: readonly AuditRecord[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => ({
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      actorId: entry.actorId,
      onBehalfOfId: entry.onBehalfOfId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      correlationId: entry.correlationId ?? null,
      // Stored as UTC wall time, as Prisma stores DateTime.
      at: entry.at.toISOString(),
    }));
    await sql`
      INSERT INTO "AuditEntry" (id, "entityType", "entityId", action, "actorId", "onBehalfOfId", before, after, "correlationId", at)
      SELECT gen_random_uuid(), e."entityType", e."entityId", e.action, e."actorId", e."onBehalfOfId", e.before, e.after, e."correlationId", e.at
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(
        "entityType" text, "entityId" uuid, action text, "actorId" uuid, "onBehalfOfId" uuid, before jsonb, after jsonb, "correlationId" text, at timestamp)`.execute(tx);
  }
}

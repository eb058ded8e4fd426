import { Prisma, type AuditEntry } from '#generated/prisma';
import { sqlOf, type Tx } from '#libs/database';

/** An entity's audit trail, oldest first (one raw statement: a model query costs several times more). */
export function readAuditTrail(db: Tx, entityType: string, entityId: string): Promise<AuditEntry[]> {
  return sqlOf(db).query<AuditEntry>(Prisma.sql`
    SELECT id, "entityType", "entityId", action, "actorId", "onBehalfOfId", before, after, "correlationId", at
    FROM "AuditEntry" WHERE "entityType" = ${entityType} AND "entityId" = ${entityId}::uuid ORDER BY at`);
}

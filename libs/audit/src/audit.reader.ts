import type { Selectable } from 'kysely';
import type { AuditEntry } from '#generated/kysely';
import type { Tx } from '#libs/database';

export type AuditEntryRow = Selectable<AuditEntry>;

/** An entity's audit trail, oldest first. */
export function readAuditTrail(db: Tx, entityType: string, entityId: string): Promise<AuditEntryRow[]> {
  return db
    .selectFrom('AuditEntry')
    .select(['id', 'entityType', 'entityId', 'action', 'actorId', 'onBehalfOfId', 'before', 'after', 'correlationId', 'at'])
    .where('entityType', '=', entityType)
    .where('entityId', '=', entityId)
    .orderBy('at')
    .execute();
}

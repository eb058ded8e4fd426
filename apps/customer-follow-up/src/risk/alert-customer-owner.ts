import { sql } from 'kysely';
import { RISK_TYPE_CUSTOMER_DEMAND } from '#libs/contracts';
import type { Tx } from '#libs/database';

/**
 * Moves these customers' demand alerts to their current owner (RiskAlert.customerOwnerId, what the
 * managers' risk digest reads them by), where it differs: one statement, in the transaction that
 * changed the owner, so an alert is never left in the former owner's line.
 */
export async function syncAlertCustomerOwners(tx: Tx, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await sql`
    UPDATE "RiskAlert" a SET "customerOwnerId" = c."ownerId"
    FROM "Customer" c
    WHERE a.type = ${RISK_TYPE_CUSTOMER_DEMAND} AND a."subjectId" = c.id AND c.id = ANY(${[...customerIds]}::uuid[])
      AND a."customerOwnerId" IS DISTINCT FROM c."ownerId"`.execute(tx);
}

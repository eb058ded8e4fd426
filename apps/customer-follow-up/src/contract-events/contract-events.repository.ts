import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';
import type { ContractRow, CustomerRow } from '../rows.js';

export const CONTRACT_APPLIED_ACTION = 'customer.contract-approved';

/** What the contract events read and write, in the caller's transaction. */
@Injectable()
export class ContractEventsRepository {
  async findContract(tx: Tx, contractId: string): Promise<ContractRow | null> {
    if (!isUuid(contractId)) return null;
    return (await tx.selectFrom('Contract').selectAll().where('id', '=', contractId).executeTakeFirst()) ?? null;
  }

  /** Sum of amountBase of the customer's APPROVED contracts decided since `since`. */
  async approvedAmountSince(tx: Tx, customerId: string, since: Date): Promise<number> {
    // numeric comes back from pg as a string (null when no row matched).
    const { sum } = await tx
      .selectFrom('Contract')
      .select((eb) => eb.fn.sum<string | null>('amountBase').as('sum'))
      .where('customerId', '=', customerId)
      .where('status', '=', 'APPROVED')
      .where('decidedAt', '>=', since)
      .executeTakeFirstOrThrow();
    return sum === null ? 0 : Number(sum);
  }

  updateCustomer(tx: Tx, customerId: string, data: Pick<CustomerRow, 'tier' | 'status'>): Promise<CustomerRow> {
    // updatedAt: what Prisma's @updatedAt wrote (the wall clock, not the injected one).
    return tx
      .updateTable('Customer')
      .set((eb) => ({ ...data, version: eb('version', '+', 1), updatedAt: new Date() }))
      .where('id', '=', customerId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}

import { Injectable } from '@nestjs/common';
import type { Contract, Customer } from '#generated/prisma';
import type { Tx } from '#libs/database';
import { isUuid } from '../revisits/visits.repository.js';

export const CONTRACT_APPLIED_ACTION = 'customer.contract-approved';

/** Only Prisma: what the contract events read and write. */
@Injectable()
export class ContractEventsRepository {
  findContract(tx: Tx, contractId: string): Promise<Contract | null> {
    return isUuid(contractId) ? tx.contract.findUnique({ where: { id: contractId } }) : Promise.resolve(null);
  }

  /** Sum of amountBase of the customer's APPROVED contracts decided since `since`. */
  async approvedAmountSince(tx: Tx, customerId: string, since: Date): Promise<number> {
    const sum = await tx.contract.aggregate({ where: { customerId, status: 'APPROVED', decidedAt: { gte: since } }, _sum: { amountBase: true } });
    return sum._sum.amountBase?.toNumber() ?? 0;
  }

  updateCustomer(tx: Tx, customerId: string, data: Pick<Customer, 'tier' | 'status'>): Promise<Customer> {
    return tx.customer.update({ where: { id: customerId }, data: { ...data, version: { increment: 1 } } });
  }
}

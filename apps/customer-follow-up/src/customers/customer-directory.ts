import { Injectable } from '@nestjs/common';
import { Prisma, type Customer } from '#generated/prisma';
import { sqlOf, type Tx } from '#libs/database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How other follow-up features read a customer inside their own transaction. `ownerId` is the
 * current owner: an owner change is one UPDATE of that column, nothing else is emitted.
 */
@Injectable()
export class CustomerDirectory {
  /** Null when there is no such customer (or the id is not a UUID). */
  findById(tx: Tx, id: string): Promise<Customer | null> {
    if (!UUID.test(id)) return Promise.resolve(null);
    return tx.customer.findUnique({ where: { id } });
  }

  /** The customer under a row lock (SELECT ... FOR UPDATE) until the transaction ends; null when missing. */
  async lockById(tx: Tx, id: string): Promise<Customer | null> {
    if (!UUID.test(id)) return null;
    const locked = await sqlOf(tx).query<{ id: string }>(Prisma.sql`SELECT id FROM "Customer" WHERE id = ${id}::uuid FOR UPDATE`);
    return locked.length === 0 ? null : tx.customer.findUnique({ where: { id } });
  }
}

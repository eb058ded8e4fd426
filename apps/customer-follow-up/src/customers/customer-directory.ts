import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { CustomerRow } from '../rows.js';
import { isUuid } from '#libs/rpc';


/**
 * How other follow-up features read a customer inside their own transaction. `ownerId` is the
 * current owner: an owner change is one UPDATE of that column, nothing else is emitted.
 */
@Injectable()
export class CustomerDirectory {
  /** Null when there is no such customer (or the id is not a UUID). */
  async findById(tx: Tx, id: string): Promise<CustomerRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('Customer').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** The customer under a row lock (SELECT ... FOR UPDATE) until the transaction ends; null when missing. */
  async lockById(tx: Tx, id: string): Promise<CustomerRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('Customer').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }
}

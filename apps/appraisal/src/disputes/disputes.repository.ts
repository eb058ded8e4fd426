import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { CommissionDispute } from '#generated/kysely';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';

export type DisputeRow = Selectable<CommissionDispute>;

@Injectable()
export class DisputesRepository {
  create(tx: Tx, data: Omit<Insertable<CommissionDispute>, 'id'>): Promise<DisputeRow> {
    return tx.insertInto('CommissionDispute').values({ id: randomUUID(), ...data }).returningAll().executeTakeFirstOrThrow();
  }

  async lock(tx: Tx, id: string): Promise<DisputeRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('CommissionDispute').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  async openFor(tx: Tx, statementId: string): Promise<DisputeRow | null> {
    return (await tx.selectFrom('CommissionDispute').selectAll().where('statementId', '=', statementId).where('status', '=', 'OPEN').executeTakeFirst()) ?? null;
  }

  update(tx: Tx, id: string, data: Updateable<CommissionDispute>): Promise<DisputeRow> {
    return tx.updateTable('CommissionDispute').set(data).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }
}

import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Competitor } from '#generated/kysely';
import type { Selectable } from 'kysely';
import type { Tx } from '#libs/database';
import { BadRequestError } from '#libs/rpc';

export type CompetitorRow = Selectable<Competitor>;

/** The Competitor catalogue rows. */
@Injectable()
export class CompetitorsRepository {
  async all(tx: Tx): Promise<CompetitorRow[]> {
    return tx.selectFrom('Competitor').selectAll().orderBy('name').execute();
  }

  async insert(tx: Tx, name: string, active: boolean, at: Date): Promise<CompetitorRow | undefined> {
    return tx.insertInto('Competitor').values({ id: randomUUID(), name, active, createdAt: at, updatedAt: at })
      .onConflict((oc) => oc.column('name').doNothing()).returningAll().executeTakeFirst();
  }

  async lock(tx: Tx, id: string): Promise<CompetitorRow | undefined> {
    return tx.selectFrom('Competitor').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async byName(tx: Tx, name: string): Promise<CompetitorRow | undefined> {
    return tx.selectFrom('Competitor').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async update(tx: Tx, id: string, changes: { name: string; active: boolean }, at: Date): Promise<CompetitorRow> {
    return tx.updateTable('Competitor').set({ ...changes, updatedAt: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** 400 naming competitorId unless it is an active competitor of the catalogue (nothing to check without one). */
  async requireKnown(tx: Tx, id: string | null): Promise<void> {
    if (id === null) return;
    const found = await tx.selectFrom('Competitor').select('id').where('id', '=', id).where('active', '=', true).executeTakeFirst();
    if (!found) throw new BadRequestError('The competitor is not in the catalogue.', [{ field: 'competitorId', message: `no active competitor ${id} (GET /competitors)` }]);
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { PromotionNomination } from '#generated/kysely';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';
import type { TemplateDocument } from '../templates/templates.rules.js';
import type { SignedOffAppraisal } from './promotions.rules.js';

export type NominationRow = Selectable<PromotionNomination>;

/** Promotion nominations and the signed-off appraisals they are decided from. */
@Injectable()
export class PromotionsRepository {
  /** Serializes one person's nominations, so two sign-offs at once read each other's appraisals. */
  async lockEmployee(tx: Tx, employeeId: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('promotion-nomination'), hashtext(${employeeId}))`.execute(tx);
  }

  async templateOfCycle(tx: Tx, cycleId: string): Promise<TemplateDocument | null> {
    const row = await tx.selectFrom('AppraisalCycle as c').innerJoin('AppraisalTemplate as t', 't.id', 'c.templateId').select('t.document').where('c.id', '=', cycleId).executeTakeFirst();
    return (row?.document as TemplateDocument | undefined) ?? null;
  }

  async signedOff(tx: Tx, employeeId: string): Promise<SignedOffAppraisal[]> {
    const rows = await tx
      .selectFrom('Appraisal as a')
      .innerJoin('AppraisalCycle as c', 'c.id', 'a.cycleId')
      .select(['a.id', 'a.cycleId', 'c.period', 'a.score', 'a.band'])
      .where('a.employeeId', '=', employeeId)
      .where('a.status', '=', 'SIGNED_OFF')
      .execute();
    return rows.map((row) => ({ appraisalId: row.id, cycleId: row.cycleId, period: row.period, score: Number(row.score ?? 0), band: row.band ?? '' }));
  }

  /** Null when this appraisal already nominated the person (a redelivery). */
  async create(tx: Tx, row: Omit<Insertable<PromotionNomination>, 'id'>): Promise<NominationRow | null> {
    const created = await tx.insertInto('PromotionNomination').values({ id: randomUUID(), ...row }).onConflict((oc) => oc.columns(['employeeId', 'appraisalId']).doNothing()).returningAll().executeTakeFirst();
    return created ?? null;
  }

  async find(tx: Tx, id: string, forUpdate = false): Promise<NominationRow | null> {
    if (!isUuid(id)) return null;
    const query = tx.selectFrom('PromotionNomination').selectAll().where('id', '=', id);
    return (await (forUpdate ? query.forUpdate() : query).executeTakeFirst()) ?? null;
  }

  update(tx: Tx, id: string, data: Updateable<PromotionNomination>): Promise<NominationRow> {
    return tx.updateTable('PromotionNomination').set(data).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Newest first; `employeeIds` null for everyone; rows after the cursor's row, limit + 1 of them. */
  async page(tx: Tx, filter: { status?: NominationRow['status']; employeeIds: string[] | null; cursor?: string; limit: number }): Promise<NominationRow[]> {
    let query = tx.selectFrom('PromotionNomination').selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.employeeIds) query = query.where((eb) => eb('employeeId', '=', eb.fn.any(eb.val(filter.employeeIds!))));
    if (filter.cursor) {
      const after = await this.find(tx, filter.cursor);
      if (!after) return [];
      query = query.where((eb) => eb.or([eb('createdAt', '<', after.createdAt), eb.and([eb('createdAt', '=', after.createdAt), eb('id', '<', after.id)])]));
    }
    return query.execute();
  }
}

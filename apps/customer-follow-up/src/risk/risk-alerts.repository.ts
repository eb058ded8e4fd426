import { Injectable } from '@nestjs/common';
import { sql, type Updateable } from 'kysely';
import type { RiskAlert } from '#generated/kysely';
import type { Tx } from '#libs/database';
import { RISK_TYPE_ATTRITION, RISK_TYPE_COMPETITION } from '#libs/contracts';
import { isUuid } from '#libs/rpc';
import type { CustomerRow, RiskAlertRow } from '../rows.js';

/** Who may read which alerts; null: every alert (ADMIN). */
export interface RiskAlertVisibility {
  /** Alerts about customers owned by these employees. */
  customerOwners: string[];
  /** Attrition alerts about these employees; null: every attrition alert (HR). */
  attritionSubjects: string[] | null;
  /** Competition alerts of segments in these regions or product lines (a director's own). */
  competition: { regions: string[]; productLines: string[] };
}

export interface RiskAlertFilter {
  type?: string;
  status?: RiskAlertRow['status'];
  visibleTo: RiskAlertVisibility | null;
}

/** Risk alerts as the API reads and changes them. */
@Injectable()
export class RiskAlertsRepository {
  async findById(tx: Tx, id: string): Promise<RiskAlertRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('RiskAlert').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** The alert under a row lock until the transaction ends (a scan slice holding it finishes first). */
  async lock(tx: Tx, id: string): Promise<RiskAlertRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('RiskAlert').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  /** Callers set updatedAt (Prisma's @updatedAt is not there to do it). */
  update(tx: Tx, id: string, data: Updateable<RiskAlert> & { updatedAt: Date }): Promise<RiskAlertRow> {
    return tx.updateTable('RiskAlert').set(data).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  customersByIds(tx: Tx, ids: string[]): Promise<CustomerRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.selectFrom('Customer').selectAll().where('id', 'in', ids).execute();
  }

  /** Newest first; take = limit + 1 (see toPage). Demand alerts hang on customers by id only, so their visibility is a join here; attrition alerts hang on the person. */
  async list(db: Tx, filter: RiskAlertFilter, page: { cursor?: string; limit: number }): Promise<RiskAlertRow[]> {
    const after = page.cursor ? await this.findById(db, page.cursor) : null;
    let query = db.selectFrom('RiskAlert as a').selectAll('a');
    if (filter.type) query = query.where('a.type', '=', filter.type);
    if (filter.status) query = query.where('a.status', '=', filter.status);
    const visibleTo = filter.visibleTo;
    if (visibleTo) {
      const { customerOwners, attritionSubjects, competition } = visibleTo;
      query = query.where((eb) =>
        eb.or([
          eb.and([
            eb('a.type', '=', RISK_TYPE_COMPETITION),
            eb.or([
              eb(sql<string>`a.evidence->'facts'->'segment'->>'region'`, '=', eb.fn.any(eb.val(competition.regions))),
              eb(sql<string>`a.evidence->'facts'->'segment'->>'productLine'`, '=', eb.fn.any(eb.val(competition.productLines))),
            ]),
          ]),
          eb.and([
            eb('a.type', '<>', RISK_TYPE_ATTRITION),
            eb.exists(eb.selectFrom('Customer as c').select('c.id').whereRef('c.id', '=', 'a.subjectId').where((inner) => inner('c.ownerId', '=', inner.fn.any(inner.val(customerOwners))))),
          ]),
          eb.and([eb('a.type', '=', RISK_TYPE_ATTRITION), attritionSubjects ? eb('a.subjectId', '=', eb.fn.any(eb.val(attritionSubjects))) : eb.lit(true)]),
        ]),
      );
    }
    if (after) query = query.where((eb) => eb(eb.refTuple('a.createdAt', 'a.id'), '<', eb.tuple(after.createdAt, after.id)));
    return query.orderBy('a.createdAt', 'desc').orderBy('a.id', 'desc').limit(page.limit + 1).execute();
  }
}

import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { sql, type Updateable } from 'kysely';
import type { Visit as VisitTable } from '#generated/kysely';
import type { Tx } from '#libs/database';
import type { ArmTimer } from '#libs/workflow';
import type { CustomerRow as Customer, VisitRow as Visit } from '../rows.js';
import type { PlannedVisitFacts } from './revisits.rules.js';
import { isUuid } from '#libs/rpc';

export type VisitWithCustomer = Visit & { customer: Customer };

/** What a digest line shows of a visit and its customer. */
export interface DigestVisit {
  id: string;
  ownerId: string;
  kind: string;
  dueAt: Date;
  customer: Pick<Customer, 'id' | 'code' | 'name' | 'tier'>;
}

/** A customer as its plan sees it. */
export interface PlanSubject {
  id: string;
  ownerId: string;
  tier: Customer['tier'];
  status: Customer['status'];
  createdAt: Date;
  lastCompletedAt: Date | null;
}

export interface PlanAudit {
  customerId: string;
  action: string;
  before?: object;
  after: object;
}



/**
 * Visits and the customer rows they hang on, in the caller's transaction (Kysely). Every change to a customer's plan
 * happens under the customer's row lock (taken first, then the visit's), so a completion, a
 * contract event, a tier change and a timer never interleave or deadlock.
 */
@Injectable()
export class RevisitsRepository {
  async lockCustomer(tx: Tx, customerId: string): Promise<Customer | null> {
    if (!isUuid(customerId)) return null;
    return (await tx.selectFrom('Customer').selectAll().where('id', '=', customerId).forUpdate().executeTakeFirst()) ?? null;
  }

  /** lockCustomer for many, in one order (by id) so two batches cannot deadlock; ids that name no customer are left out. */
  async lockCustomers(tx: Tx, customerIds: string[]): Promise<Customer[]> {
    const ids = [...new Set(customerIds.filter(isUuid))];
    if (ids.length === 0) return [];
    return tx.selectFrom('Customer').selectAll().where('id', '=', (eb) => eb.fn.any(eb.val(ids))).orderBy('id').forUpdate().execute();
  }

  async lockVisit(tx: Tx, visitId: string): Promise<Visit | null> {
    return (await tx.selectFrom('Visit').selectAll().where('id', '=', visitId).forUpdate().executeTakeFirst()) ?? null;
  }

  async findVisit(tx: Tx, visitId: string): Promise<Visit | null> {
    if (!isUuid(visitId)) return null;
    return (await tx.selectFrom('Visit').selectAll().where('id', '=', visitId).executeTakeFirst()) ?? null;
  }

  plannedOfKind(tx: Tx, customerId: string, kind: string): Promise<Visit[]> {
    return tx
      .selectFrom('Visit')
      .selectAll()
      .where('customerId', '=', customerId)
      .where('kind', '=', kind)
      .where('status', '=', 'planned')
      .orderBy('dueAt')
      .orderBy('createdAt')
      .execute();
  }

  planned(tx: Tx, customerId: string): Promise<Visit[]> {
    return tx.selectFrom('Visit').selectAll().where('customerId', '=', customerId).where('status', '=', 'planned').execute();
  }

  async lastCompletedAt(tx: Tx, customerId: string): Promise<Date | null> {
    const last = await tx
      .selectFrom('Visit')
      .select('completedAt')
      .where('customerId', '=', customerId)
      .where('status', '=', 'done')
      .where('completedAt', 'is not', null)
      .orderBy('completedAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    return last?.completedAt ?? null;
  }

  create(tx: Tx, data: { customerId: string; ownerId: string; kind: string; dueAt: Date; createdAt: Date }): Promise<Visit> {
    return tx.insertInto('Visit').values({ id: randomUUID(), ...data }).returningAll().executeTakeFirstOrThrow();
  }

  /**
   * The visits sources (contracts, survey answers, risk tasks) ask for, once per source and kind:
   * a row whose (kind, sourceId) exists already is not inserted; only the inserted ones come back.
   */
  async createSourced(tx: Tx, visits: { customerId: string; ownerId: string; kind: string; dueAt: Date; sourceId: string }[], createdAt: Date): Promise<Visit[]> {
    if (visits.length === 0) return [];
    const { rows } = await sql<Visit>`
      INSERT INTO "Visit" (id, "customerId", "ownerId", kind, "dueAt", "createdAt", "sourceId")
      SELECT gen_random_uuid(), r."customerId", r."ownerId", r.kind, r."dueAt", ${createdAt}, r."sourceId"
      FROM jsonb_to_recordset(${JSON.stringify(visits)}::jsonb) AS r("customerId" uuid, "ownerId" uuid, kind text, "dueAt" timestamp, "sourceId" uuid)
      ON CONFLICT (kind, "sourceId") DO NOTHING
      RETURNING *`.execute(tx);
    return rows;
  }

  /** Whether a lost visit may name this competitor (contract-approval's catalogue, read only). */
  async isActiveCompetitor(tx: Tx, id: string): Promise<boolean> {
    return (await tx.selectFrom('Competitor').select('id').where('id', '=', id).where('active', '=', true).executeTakeFirst()) !== undefined;
  }

  update(tx: Tx, visitId: string, data: Updateable<VisitTable>): Promise<Visit> {
    return tx.updateTable('Visit').set(data).where('id', '=', visitId).returningAll().executeTakeFirstOrThrow();
  }

  setCustomerStatus(tx: Tx, customerId: string, status: Customer['status']): Promise<Customer> {
    // updatedAt: what Prisma's @updatedAt wrote (the wall clock, not the injected one).
    return tx
      .updateTable('Customer')
      .set((eb) => ({ status, version: eb('version', '+', 1), updatedAt: new Date() }))
      .where('id', '=', customerId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async reassign(tx: Tx, visitIds: string[], ownerId: string): Promise<void> {
    if (visitIds.length === 0) return;
    await tx.updateTable('Visit').set({ ownerId }).where('id', 'in', visitIds).execute();
  }

  /** The customers (their rows locked by the caller), with their last completed visit. */
  async planSubjects(tx: Tx, customerIds: string[]): Promise<PlanSubject[]> {
    const { rows } = await sql<PlanSubject>`
      SELECT c.id, c."ownerId", c.tier::text AS tier, c.status::text AS status, c."createdAt",
             (SELECT max(v."completedAt") FROM "Visit" v WHERE v."customerId" = c.id AND v.status = 'done') AS "lastCompletedAt"
      FROM "Customer" c WHERE c.id = ANY(${customerIds}::uuid[])`.execute(tx);
    return rows;
  }

  /** Planned visits of every kind of these customers, earliest first. */
  async plannedOfCustomers(tx: Tx, customerIds: string[]): Promise<(PlannedVisitFacts & { customerId: string })[]> {
    // One array parameter: binding a thousand ids one by one costs more than the query.
    const { rows } = await sql<PlannedVisitFacts & { customerId: string }>`
      SELECT id, "customerId", kind, "ownerId", "dueAt" FROM "Visit"
      WHERE "customerId" = ANY(${customerIds}::uuid[]) AND status = 'planned'
      ORDER BY "dueAt", "createdAt"`.execute(tx);
    return rows;
  }

  async cancelPlanned(tx: Tx, visitIds: string[]): Promise<void> {
    if (visitIds.length === 0) return;
    await sql`UPDATE "Visit" SET status = 'cancelled' WHERE id = ANY(${visitIds}::uuid[]) AND status = 'planned'`.execute(tx);
  }

  /** Each visit to its customer's current owner. */
  async reassignToCustomerOwner(tx: Tx, visitIds: string[]): Promise<void> {
    if (visitIds.length === 0) return;
    await sql`
      UPDATE "Visit" v SET "ownerId" = c."ownerId" FROM "Customer" c
      WHERE v.id = ANY(${visitIds}::uuid[]) AND c.id = v."customerId"`.execute(tx);
  }

  /**
   * Regular visits in one statement. The partial unique index (one planned regular visit per
   * customer) skips a customer that has one already: it is missing from the answer.
   */
  async createRegular(tx: Tx, visits: { customerId: string; ownerId: string; dueAt: Date }[], createdAt: Date): Promise<{ id: string; customerId: string }[]> {
    if (visits.length === 0) return [];
    const { rows } = await sql<{ id: string; customerId: string }>`
      INSERT INTO "Visit" (id, "customerId", "ownerId", kind, "dueAt", "createdAt")
      SELECT gen_random_uuid(), r."customerId", r."ownerId", 'regular', r."dueAt", ${createdAt}
      FROM jsonb_to_recordset(${JSON.stringify(visits)}::jsonb) AS r("customerId" uuid, "ownerId" uuid, "dueAt" timestamp)
      ON CONFLICT ("customerId") WHERE kind = 'regular' AND status = 'planned' DO NOTHING
      RETURNING id, "customerId"`.execute(tx);
    return rows;
  }

  async movePlanned(tx: Tx, moves: { visitId: string; ownerId: string; dueAt: Date }[]): Promise<void> {
    if (moves.length === 0) return;
    await sql`
      UPDATE "Visit" v SET "dueAt" = m."dueAt", "ownerId" = m."ownerId", "escalatedAt" = NULL
      FROM jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) AS m("visitId" uuid, "ownerId" uuid, "dueAt" timestamp)
      WHERE v.id = m."visitId"`.execute(tx);
  }

  /**
   * Arms timers, or re-arms those whose key exists (fired or not: see rearmTimer), in one
   * statement. TimerWriter.armAll binds eight parameters a row, which costs Prisma about 0.4 s a
   * thousand rows; one JSON parameter costs milliseconds.
   */
  async armOrRearmTimers(tx: Tx, timers: ArmTimer[], createdAt: Date): Promise<void> {
    if (timers.length === 0) return;
    await sql`
      INSERT INTO "Timer" (id, kind, "subjectId", "dueAt", "uniqueKey", queue, "correlationId", "createdAt")
      SELECT gen_random_uuid(), t.kind, t."subjectId", t."dueAt", t."uniqueKey", t.queue, t."correlationId", ${createdAt}
      FROM jsonb_to_recordset(${JSON.stringify(timers)}::jsonb)
        AS t(kind text, "subjectId" uuid, "dueAt" timestamp, "uniqueKey" text, queue text, "correlationId" text)
      ON CONFLICT ("uniqueKey") DO UPDATE SET "dueAt" = EXCLUDED."dueAt", "firedAt" = NULL, "cancelledAt" = NULL`.execute(tx);
  }

  /** Sets a timer (fired or not) to fire again at `dueAt`; false when no timer has that key. */
  async rearmTimer(tx: Tx, uniqueKey: string, dueAt: Date): Promise<boolean> {
    const moved = await tx.updateTable('Timer').set({ dueAt, firedAt: null, cancelledAt: null }).where('uniqueKey', '=', uniqueKey).executeTakeFirst();
    return moved.numUpdatedRows > 0n;
  }

  /**
   * The planned visits of many owners due before `before`, earliest first, in one statement
   * through the Visit (ownerId, status, dueAt) index: the plan keeper moves a customer's planned
   * visits to its new owner in the same transaction as the change, so Visit.ownerId is the owner.
   */
  async dueForOwners(tx: Tx, ownerIds: string[], before: Date): Promise<DigestVisit[]> {
    if (ownerIds.length === 0) return [];
    const { rows } = await sql<Omit<DigestVisit, 'customer'> & { customerId: string; code: string; name: string; tier: Customer['tier'] }>`
      SELECT v.id, v."ownerId", v.kind, v."dueAt", c.id AS "customerId", c.code, c.name, c.tier::text AS tier
      FROM "Visit" v JOIN "Customer" c ON c.id = v."customerId"
      WHERE v."ownerId" = ANY(${ownerIds}::uuid[]) AND v.status = 'planned' AND v."dueAt" < ${before}
      ORDER BY v."dueAt", v.id`.execute(tx);
    return rows.map(({ customerId, code, name, tier, ...visit }) => ({ ...visit, customer: { id: customerId, code, name, tier } }));
  }

  /** One page of an owner's planned visits in [from, before), ordered by due time then id. */
  async pageForOwner(
    tx: Tx,
    ownerId: string,
    window: { from?: Date; before?: Date },
    page: { cursor?: string; limit: number },
  ): Promise<VisitWithCustomer[]> {
    const cursor = page.cursor ? await this.findVisit(tx, page.cursor) : null;
    const ids = await this.plannedIdsForOwner(tx, ownerId, { ...window, after: cursor ?? undefined, limit: page.limit + 1 });
    return this.withCustomers(tx, ids);
  }

  /** Visits hang on customers by id only (no relation in the schema), so the owner's are found with a join here. */
  private async plannedIdsForOwner(
    tx: Tx,
    ownerId: string,
    filter: { from?: Date; before?: Date; after?: { dueAt: Date; id: string }; limit?: number },
  ): Promise<string[]> {
    let query = tx
      .selectFrom('Visit as v')
      .innerJoin('Customer as c', 'c.id', 'v.customerId')
      .select('v.id')
      .where('c.ownerId', '=', ownerId)
      .where('v.status', '=', 'planned');
    if (filter.from) query = query.where('v.dueAt', '>=', filter.from);
    if (filter.before) query = query.where('v.dueAt', '<', filter.before);
    const after = filter.after;
    if (after) query = query.where((eb) => eb(eb.refTuple('v.dueAt', 'v.id'), '>', eb.tuple(after.dueAt, after.id)));
    query = query.orderBy('v.dueAt').orderBy('v.id');
    if (filter.limit) query = query.limit(filter.limit);
    return (await query.execute()).map((r) => r.id);
  }

  private async withCustomers(tx: Tx, ids: string[]): Promise<VisitWithCustomer[]> {
    if (ids.length === 0) return [];
    const visits = await tx.selectFrom('Visit').selectAll().where('id', 'in', ids).execute();
    const customerIds = [...new Set(visits.map((v) => v.customerId))];
    if (customerIds.length === 0) return [];
    const customers = new Map((await tx.selectFrom('Customer').selectAll().where('id', 'in', customerIds).execute()).map((c) => [c.id, c]));
    const byId = new Map(visits.map((v) => [v.id, v]));
    return ids.flatMap((id) => {
      const visit = byId.get(id);
      const customer = visit && customers.get(visit.customerId);
      return visit && customer ? [{ ...visit, customer }] : [];
    });
  }

  /** Everyone who owns a customer with a planned visit: they need a digest chain. */
  async ownersWithPlannedVisits(tx: Tx): Promise<string[]> {
    const { rows } = await sql<{ ownerId: string }>`
      SELECT DISTINCT c."ownerId" FROM "Customer" c
      WHERE EXISTS (SELECT 1 FROM "Visit" v WHERE v."customerId" = c.id AND v.status = 'planned')`.execute(tx);
    return rows.map((r) => r.ownerId);
  }
}

import { Injectable } from '@nestjs/common';
import { Prisma, type Customer, type Visit } from '#generated/prisma';
import { sqlOf, type Tx } from '#libs/database';
import type { ArmTimer } from '#libs/workflow';
import type { PlannedVisitFacts } from './revisit-plan.js';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Only Prisma: visits and the customer rows they hang on. Every change to a customer's plan
 * happens under the customer's row lock (taken first, then the visit's), so a completion, a
 * contract event, a tier change and a timer never interleave or deadlock.
 */
@Injectable()
export class VisitsRepository {
  async lockCustomer(tx: Tx, customerId: string): Promise<Customer | null> {
    if (!isUuid(customerId)) return null;
    const locked = await sqlOf(tx).query<{ id: string }>(Prisma.sql`SELECT id FROM "Customer" WHERE id = ${customerId}::uuid FOR UPDATE`);
    return locked.length === 0 ? null : tx.customer.findUnique({ where: { id: customerId } });
  }

  async lockVisit(tx: Tx, visitId: string): Promise<Visit | null> {
    await sqlOf(tx).query(Prisma.sql`SELECT id FROM "Visit" WHERE id = ${visitId}::uuid FOR UPDATE`);
    return tx.visit.findUnique({ where: { id: visitId } });
  }

  findVisit(tx: Tx, visitId: string): Promise<Visit | null> {
    return isUuid(visitId) ? tx.visit.findUnique({ where: { id: visitId } }) : Promise.resolve(null);
  }

  plannedOfKind(tx: Tx, customerId: string, kind: string): Promise<Visit[]> {
    return tx.visit.findMany({ where: { customerId, kind, status: 'planned' }, orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }] });
  }

  planned(tx: Tx, customerId: string): Promise<Visit[]> {
    return tx.visit.findMany({ where: { customerId, status: 'planned' } });
  }

  async lastCompletedAt(tx: Tx, customerId: string): Promise<Date | null> {
    const last = await tx.visit.findFirst({ where: { customerId, status: 'done', completedAt: { not: null } }, orderBy: { completedAt: 'desc' }, select: { completedAt: true } });
    return last?.completedAt ?? null;
  }

  create(tx: Tx, data: { customerId: string; ownerId: string; kind: string; dueAt: Date; createdAt: Date }): Promise<Visit> {
    return tx.visit.create({ data });
  }

  /** The visit a source (a contract, a survey answer) asks for, once per source and kind: null when it exists already. */
  async createOnce(tx: Tx, data: { customerId: string; ownerId: string; kind: string; dueAt: Date; createdAt: Date; sourceId: string }): Promise<Visit | null> {
    const [created] = await sqlOf(tx).query<{ id: string }>(Prisma.sql`
      INSERT INTO "Visit" (id, "customerId", "ownerId", kind, "dueAt", "createdAt", "sourceId")
      VALUES (gen_random_uuid(), ${data.customerId}::uuid, ${data.ownerId}::uuid, ${data.kind}, ${data.dueAt}, ${data.createdAt}, ${data.sourceId}::uuid)
      ON CONFLICT (kind, "sourceId") DO NOTHING
      RETURNING id`);
    return created ? tx.visit.findUnique({ where: { id: created.id } }) : null;
  }

  update(tx: Tx, visitId: string, data: Prisma.VisitUpdateInput): Promise<Visit> {
    return tx.visit.update({ where: { id: visitId }, data });
  }

  setCustomerStatus(tx: Tx, customerId: string, status: Customer['status']): Promise<Customer> {
    return tx.customer.update({ where: { id: customerId }, data: { status, version: { increment: 1 } } });
  }

  async reassign(tx: Tx, visitIds: string[], ownerId: string): Promise<void> {
    await tx.visit.updateMany({ where: { id: { in: visitIds } }, data: { ownerId } });
  }

  /** The customers (their rows locked by the caller), with their last completed visit. */
  planSubjects(tx: Tx, customerIds: string[]): Promise<PlanSubject[]> {
    return sqlOf(tx).query<PlanSubject>(Prisma.sql`
      SELECT c.id, c."ownerId", c.tier::text AS tier, c.status::text AS status, c."createdAt",
             (SELECT max(v."completedAt") FROM "Visit" v WHERE v."customerId" = c.id AND v.status = 'done') AS "lastCompletedAt"
      FROM "Customer" c WHERE c.id = ANY(${customerIds}::uuid[])`);
  }

  /** Planned visits of every kind of these customers, earliest first. */
  plannedOfCustomers(tx: Tx, customerIds: string[]): Promise<(PlannedVisitFacts & { customerId: string })[]> {
    // One array parameter: Prisma binding a thousand ids one by one costs more than the query.
    return sqlOf(tx).query<(PlannedVisitFacts & { customerId: string })>(Prisma.sql`
      SELECT id, "customerId", kind, "ownerId", "dueAt" FROM "Visit"
      WHERE "customerId" = ANY(${customerIds}::uuid[]) AND status = 'planned'
      ORDER BY "dueAt", "createdAt"`);
  }

  async cancelPlanned(tx: Tx, visitIds: string[]): Promise<void> {
    if (visitIds.length === 0) return;
    await sqlOf(tx).execute(Prisma.sql`UPDATE "Visit" SET status = 'cancelled' WHERE id = ANY(${visitIds}::uuid[]) AND status = 'planned'`);
  }

  /** Each visit to its customer's current owner. */
  async reassignToCustomerOwner(tx: Tx, visitIds: string[]): Promise<void> {
    if (visitIds.length === 0) return;
    await sqlOf(tx).execute(Prisma.sql`
      UPDATE "Visit" v SET "ownerId" = c."ownerId" FROM "Customer" c
      WHERE v.id = ANY(${visitIds}::uuid[]) AND c.id = v."customerId"`);
  }

  /**
   * Regular visits in one statement. The partial unique index (one planned regular visit per
   * customer) skips a customer that has one already: it is missing from the answer.
   */
  async createRegular(tx: Tx, visits: { customerId: string; ownerId: string; dueAt: Date }[], createdAt: Date): Promise<{ id: string; customerId: string }[]> {
    if (visits.length === 0) return [];
    return sqlOf(tx).query<{ id: string; customerId: string }>(Prisma.sql`
      INSERT INTO "Visit" (id, "customerId", "ownerId", kind, "dueAt", "createdAt")
      SELECT gen_random_uuid(), r."customerId", r."ownerId", 'regular', r."dueAt", ${createdAt}
      FROM jsonb_to_recordset(${JSON.stringify(visits)}::jsonb) AS r("customerId" uuid, "ownerId" uuid, "dueAt" timestamp)
      ON CONFLICT ("customerId") WHERE kind = 'regular' AND status = 'planned' DO NOTHING
      RETURNING id, "customerId"`);
  }

  async movePlanned(tx: Tx, moves: { visitId: string; ownerId: string; dueAt: Date }[]): Promise<void> {
    if (moves.length === 0) return;
    await sqlOf(tx).execute(Prisma.sql`
      UPDATE "Visit" v SET "dueAt" = m."dueAt", "ownerId" = m."ownerId", "escalatedAt" = NULL
      FROM jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) AS m("visitId" uuid, "ownerId" uuid, "dueAt" timestamp)
      WHERE v.id = m."visitId"`);
  }

  /**
   * Arms timers, or re-arms those whose key exists (fired or not: see rearmTimer), in one
   * statement. TimerWriter.armAll binds eight parameters a row, which costs Prisma about 0.4 s a
   * thousand rows; one JSON parameter costs milliseconds.
   */
  async armOrRearmTimers(tx: Tx, timers: ArmTimer[], createdAt: Date): Promise<void> {
    if (timers.length === 0) return;
    await sqlOf(tx).execute(Prisma.sql`
      INSERT INTO "Timer" (id, kind, "subjectId", "dueAt", "uniqueKey", queue, "correlationId", "createdAt")
      SELECT gen_random_uuid(), t.kind, t."subjectId", t."dueAt", t."uniqueKey", t.queue, t."correlationId", ${createdAt}
      FROM jsonb_to_recordset(${JSON.stringify(timers)}::jsonb)
        AS t(kind text, "subjectId" uuid, "dueAt" timestamp, "uniqueKey" text, queue text, "correlationId" text)
      ON CONFLICT ("uniqueKey") DO UPDATE SET "dueAt" = EXCLUDED."dueAt", "firedAt" = NULL, "cancelledAt" = NULL`);
  }

  /** Sets a timer (fired or not) to fire again at `dueAt`; false when no timer has that key. */
  async rearmTimer(tx: Tx, uniqueKey: string, dueAt: Date): Promise<boolean> {
    const moved = await tx.timer.updateMany({ where: { uniqueKey }, data: { dueAt, firedAt: null, cancelledAt: null } });
    return moved.count > 0;
  }

  /**
   * The planned visits of many owners due before `before`, earliest first, in one statement
   * through the Visit (ownerId, status, dueAt) index: the plan keeper moves a customer's planned
   * visits to its new owner in the same transaction as the change, so Visit.ownerId is the owner.
   */
  async dueForOwners(tx: Tx, ownerIds: string[], before: Date): Promise<DigestVisit[]> {
    if (ownerIds.length === 0) return [];
    const rows = await sqlOf(tx).query<(Omit<DigestVisit, 'customer'> & { customerId: string; code: string; name: string; tier: Customer['tier'] })>(Prisma.sql`
      SELECT v.id, v."ownerId", v.kind, v."dueAt", c.id AS "customerId", c.code, c.name, c.tier::text AS tier
      FROM "Visit" v JOIN "Customer" c ON c.id = v."customerId"
      WHERE v."ownerId" = ANY(${ownerIds}::uuid[]) AND v.status = 'planned' AND v."dueAt" < ${before}
      ORDER BY v."dueAt", v.id`);
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
    const conditions = [Prisma.sql`c."ownerId" = ${ownerId}::uuid`, Prisma.sql`v.status = 'planned'`];
    if (filter.from) conditions.push(Prisma.sql`v."dueAt" >= ${filter.from}`);
    if (filter.before) conditions.push(Prisma.sql`v."dueAt" < ${filter.before}`);
    if (filter.after) conditions.push(Prisma.sql`(v."dueAt", v.id) > (${filter.after.dueAt}, ${filter.after.id}::uuid)`);
    const rows = await sqlOf(tx).query<{ id: string }>(Prisma.sql`
      SELECT v.id FROM "Visit" v JOIN "Customer" c ON c.id = v."customerId"
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY v."dueAt", v.id
      ${filter.limit ? Prisma.sql`LIMIT ${filter.limit}` : Prisma.empty}`);
    return rows.map((r) => r.id);
  }

  private async withCustomers(tx: Tx, ids: string[]): Promise<VisitWithCustomer[]> {
    if (ids.length === 0) return [];
    const visits = await tx.visit.findMany({ where: { id: { in: ids } } });
    const customers = new Map((await tx.customer.findMany({ where: { id: { in: [...new Set(visits.map((v) => v.customerId))] } } })).map((c) => [c.id, c]));
    const byId = new Map(visits.map((v) => [v.id, v]));
    return ids.flatMap((id) => {
      const visit = byId.get(id);
      const customer = visit && customers.get(visit.customerId);
      return visit && customer ? [{ ...visit, customer }] : [];
    });
  }

  /** Everyone who owns a customer with a planned visit: they need a digest chain. */
  async ownersWithPlannedVisits(tx: Tx): Promise<string[]> {
    const rows = await sqlOf(tx).query<{ ownerId: string }>(Prisma.sql`
      SELECT DISTINCT c."ownerId" FROM "Customer" c
      WHERE EXISTS (SELECT 1 FROM "Visit" v WHERE v."customerId" = c.id AND v.status = 'planned')`);
    return rows.map((r) => r.ownerId);
  }
}

import { Injectable } from '@nestjs/common';
import { Prisma, type Customer, type Visit } from '../../../../generated/prisma/client.js';
import type { Tx } from '../../../../libs/database/src/index.js';

export type VisitWithCustomer = Visit & { customer: Customer };

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
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Customer" WHERE id = ${customerId}::uuid FOR UPDATE`;
    return locked.length === 0 ? null : tx.customer.findUnique({ where: { id: customerId } });
  }

  async lockVisit(tx: Tx, visitId: string): Promise<Visit | null> {
    await tx.$queryRaw`SELECT id FROM "Visit" WHERE id = ${visitId}::uuid FOR UPDATE`;
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

  update(tx: Tx, visitId: string, data: Prisma.VisitUpdateInput): Promise<Visit> {
    return tx.visit.update({ where: { id: visitId }, data });
  }

  setCustomerStatus(tx: Tx, customerId: string, status: Customer['status']): Promise<Customer> {
    return tx.customer.update({ where: { id: customerId }, data: { status, version: { increment: 1 } } });
  }

  async reassign(tx: Tx, visitIds: string[], ownerId: string): Promise<void> {
    await tx.visit.updateMany({ where: { id: { in: visitIds } }, data: { ownerId } });
  }

  /** Sets a timer (fired or not) to fire again at `dueAt`; false when no timer has that key. */
  async rearmTimer(tx: Tx, uniqueKey: string, dueAt: Date): Promise<boolean> {
    const moved = await tx.timer.updateMany({ where: { uniqueKey }, data: { dueAt, firedAt: null, cancelledAt: null } });
    return moved.count > 0;
  }

  /** Planned visits of the customers `ownerId` owns now, due before `before`, earliest first. */
  async dueForOwner(tx: Tx, ownerId: string, before: Date): Promise<VisitWithCustomer[]> {
    return this.withCustomers(tx, await this.plannedIdsForOwner(tx, ownerId, { before }));
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
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT v.id FROM "Visit" v JOIN "Customer" c ON c.id = v."customerId"
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY v."dueAt", v.id
      ${filter.limit ? Prisma.sql`LIMIT ${filter.limit}` : Prisma.empty}`;
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
    const rows = await tx.$queryRaw<{ ownerId: string }[]>`
      SELECT DISTINCT c."ownerId" FROM "Customer" c
      WHERE EXISTS (SELECT 1 FROM "Visit" v WHERE v."customerId" = c.id AND v.status = 'planned')`;
    return rows.map((r) => r.ownerId);
  }
}

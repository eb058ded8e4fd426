import { Injectable } from '@nestjs/common';
import { Prisma, type Customer, type RiskAlert } from '#generated/prisma';
import { sqlOf, type Tx } from '#libs/database';
import { isUuid } from '../revisits/visits.repository.js';

export interface RiskAlertFilter {
  type?: string;
  status?: RiskAlert['status'];
  /** Null: every alert. Otherwise alerts about customers owned by these employees. */
  visibleTo: string[] | null;
}

/** Only Prisma: risk alerts as the API reads and changes them. */
@Injectable()
export class RiskAlertsRepository {
  findById(tx: Tx, id: string): Promise<RiskAlert | null> {
    return isUuid(id) ? tx.riskAlert.findUnique({ where: { id } }) : Promise.resolve(null);
  }

  /** The alert under a row lock until the transaction ends (a scan slice holding it finishes first). */
  async lock(tx: Tx, id: string): Promise<RiskAlert | null> {
    if (!isUuid(id)) return null;
    const locked = await sqlOf(tx).query<{ id: string }>(Prisma.sql`SELECT id FROM "RiskAlert" WHERE id = ${id}::uuid FOR UPDATE`);
    return locked.length === 0 ? null : tx.riskAlert.findUnique({ where: { id } });
  }

  update(tx: Tx, id: string, data: Prisma.RiskAlertUncheckedUpdateInput): Promise<RiskAlert> {
    return tx.riskAlert.update({ where: { id }, data });
  }

  customersByIds(tx: Tx, ids: string[]): Promise<Customer[]> {
    return tx.customer.findMany({ where: { id: { in: ids } } });
  }

  /** Newest first; take = limit + 1 (see toPage). Alerts hang on customers by id only, so visibility is a join here. */
  async list(tx: Tx, filter: RiskAlertFilter, page: { cursor?: string; limit: number }): Promise<RiskAlert[]> {
    const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
    if (filter.type) conditions.push(Prisma.sql`a.type = ${filter.type}`);
    if (filter.status) conditions.push(Prisma.sql`a.status = ${filter.status}::"RiskAlertStatus"`);
    if (filter.visibleTo) conditions.push(Prisma.sql`c."ownerId" = ANY(${filter.visibleTo}::uuid[])`);
    const after = page.cursor ? await this.findById(tx, page.cursor) : null;
    if (after) conditions.push(Prisma.sql`(a."createdAt", a.id) < (${after.createdAt}, ${after.id}::uuid)`);
    const rows = await sqlOf(tx).query<{ id: string }>(Prisma.sql`
      SELECT a.id FROM "RiskAlert" a ${filter.visibleTo ? Prisma.sql`JOIN "Customer" c ON c.id = a."subjectId"` : Prisma.empty}
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY a."createdAt" DESC, a.id DESC
      LIMIT ${page.limit + 1}`);
    const alerts = new Map((await tx.riskAlert.findMany({ where: { id: { in: rows.map((r) => r.id) } } })).map((a) => [a.id, a]));
    return rows.flatMap((r) => alerts.get(r.id) ?? []);
  }
}

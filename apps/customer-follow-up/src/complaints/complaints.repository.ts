import { Injectable } from '@nestjs/common';
import { Prisma, type Complaint, type ComplaintStatus, type Customer, type Employee } from '#generated/prisma';
import { sqlOf, type Tx } from '#libs/database';
import { isUuid } from '../revisits/visits.repository.js';

/** Which CUSTOMER_SERVICE employees a complaint may go to. */
export type AssigneePool = { region: string } | { team: string } | 'anyone';

export interface ComplaintFilter {
  status?: ComplaintStatus;
  assigneeId?: string;
  customerId?: string;
  /** Null: every complaint. Otherwise those assigned to, or about customers owned by, these employees. */
  visibleTo: string[] | null;
}

/** Only Prisma: complaints, and the customer-service employees they are assigned to. */
@Injectable()
export class ComplaintsRepository {
  /**
   * Serializes assignments for the rest of the transaction, so two concurrent complaints count
   * each other and go to different people. One key for all: the pools overlap (a region's
   * employee may also sit in a fallback team), and complaints are few.
   */
  async lockAssignments(tx: Tx): Promise<void> {
    await sqlOf(tx).execute(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('complaint-assignment'))`);
  }

  customerServiceIn(tx: Tx, pool: AssigneePool): Promise<Employee[]> {
    const where: Prisma.EmployeeWhereInput = pool === 'anyone' ? {} : 'region' in pool ? { region: pool.region } : { team: pool.team };
    return tx.employee.findMany({ where: { ...where, role: 'CUSTOMER_SERVICE' }, orderBy: { email: 'asc' } });
  }

  /** Open (not resolved) complaints per assignee. */
  async openCounts(tx: Tx, assigneeIds: string[]): Promise<Map<string, number>> {
    const groups = await tx.complaint.groupBy({ by: ['assigneeId'], where: { assigneeId: { in: assigneeIds }, status: { not: 'resolved' } }, _count: { _all: true } });
    return new Map(groups.map((g) => [g.assigneeId, g._count._all]));
  }

  create(tx: Tx, data: Prisma.ComplaintUncheckedCreateInput): Promise<Complaint> {
    return tx.complaint.create({ data });
  }

  findById(tx: Tx, id: string): Promise<Complaint | null> {
    return isUuid(id) ? tx.complaint.findUnique({ where: { id } }) : Promise.resolve(null);
  }

  /** The complaint under a row lock until the transaction ends. */
  async lock(tx: Tx, id: string): Promise<Complaint | null> {
    if (!isUuid(id)) return null;
    const locked = await sqlOf(tx).query<{ id: string }>(Prisma.sql`SELECT id FROM "Complaint" WHERE id = ${id}::uuid FOR UPDATE`);
    return locked.length === 0 ? null : tx.complaint.findUnique({ where: { id } });
  }

  update(tx: Tx, id: string, data: Prisma.ComplaintUncheckedUpdateInput): Promise<Complaint> {
    return tx.complaint.update({ where: { id }, data });
  }

  /** Unfired timers with these keys are cancelled (their deadline was met). */
  async cancelTimers(tx: Tx, uniqueKeys: string[], now: Date): Promise<void> {
    await tx.timer.updateMany({ where: { uniqueKey: { in: uniqueKeys }, firedAt: null, cancelledAt: null }, data: { cancelledAt: now } });
  }

  customersByIds(tx: Tx, ids: string[]): Promise<Customer[]> {
    return tx.customer.findMany({ where: { id: { in: ids } } });
  }

  /** Newest first; take = limit + 1 (see toPage). Customers hang on complaints by id only, so visibility is a join here. */
  async list(tx: Tx, filter: ComplaintFilter, page: { cursor?: string; limit: number }): Promise<Complaint[]> {
    const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
    if (filter.status) conditions.push(Prisma.sql`k.status = ${filter.status}::"ComplaintStatus"`);
    if (filter.assigneeId) conditions.push(Prisma.sql`k."assigneeId" = ${filter.assigneeId}::uuid`);
    if (filter.customerId) conditions.push(Prisma.sql`k."customerId" = ${filter.customerId}::uuid`);
    if (filter.visibleTo) {
      const people = filter.visibleTo;
      conditions.push(Prisma.sql`(k."assigneeId" = ANY(${people}::uuid[]) OR c."ownerId" = ANY(${people}::uuid[]))`);
    }
    const after = page.cursor ? await this.findById(tx, page.cursor) : null;
    if (after) conditions.push(Prisma.sql`(k."createdAt", k.id) < (${after.createdAt}, ${after.id}::uuid)`);
    const rows = await sqlOf(tx).query<{ id: string }>(Prisma.sql`
      SELECT k.id FROM "Complaint" k LEFT JOIN "Customer" c ON c.id = k."customerId"
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY k."createdAt" DESC, k.id DESC
      LIMIT ${page.limit + 1}`);
    const complaints = new Map((await tx.complaint.findMany({ where: { id: { in: rows.map((r) => r.id) } } })).map((k) => [k.id, k]));
    return rows.flatMap((r) => complaints.get(r.id) ?? []);
  }
}

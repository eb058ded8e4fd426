import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Complaint } from '#generated/kysely';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';
import type { ComplaintRow, CustomerRow, EmployeeRow } from '../rows.js';

/** Which CUSTOMER_SERVICE employees a complaint may go to. */
export type AssigneePool = { region: string } | { team: string } | 'anyone';

export interface ComplaintFilter {
  status?: ComplaintRow['status'];
  assigneeId?: string;
  customerId?: string;
  /** Null: every complaint. Otherwise those assigned to, or about customers owned by, these employees. */
  visibleTo: string[] | null;
}

/** Complaints, and the customer-service employees they are assigned to. */
@Injectable()
export class ComplaintsRepository {
  /**
   * Serializes assignments for the rest of the transaction, so two concurrent complaints count
   * each other and go to different people. One key for all: the pools overlap (a region's
   * employee may also sit in a fallback team), and complaints are few.
   */
  async lockAssignments(tx: Tx): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('complaint-assignment'))`.execute(tx);
  }

  customerServiceIn(tx: Tx, pool: AssigneePool): Promise<EmployeeRow[]> {
    let query = tx.selectFrom('Employee').selectAll().where('role', '=', 'CUSTOMER_SERVICE');
    if (pool !== 'anyone') query = 'region' in pool ? query.where('region', '=', pool.region) : query.where('team', '=', pool.team);
    return query.orderBy('email').execute();
  }

  /** Open (not resolved) complaints per assignee. */
  async openCounts(tx: Tx, assigneeIds: string[]): Promise<Map<string, number>> {
    if (assigneeIds.length === 0) return new Map();
    const groups = await tx
      .selectFrom('Complaint')
      .select((eb) => ['assigneeId', eb.fn.countAll<string>().as('count')])
      .where('assigneeId', 'in', assigneeIds)
      .where('status', '<>', 'resolved')
      .groupBy('assigneeId')
      .execute();
    return new Map(groups.map((g) => [g.assigneeId, Number(g.count)]));
  }

  create(tx: Tx, data: Omit<Insertable<Complaint>, 'id'> & { createdAt: Date }): Promise<ComplaintRow> {
    return tx.insertInto('Complaint').values({ id: randomUUID(), ...data }).returningAll().executeTakeFirstOrThrow();
  }

  async findById(tx: Tx, id: string): Promise<ComplaintRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('Complaint').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** The complaint under a row lock until the transaction ends. */
  async lock(tx: Tx, id: string): Promise<ComplaintRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('Complaint').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  update(tx: Tx, id: string, data: Updateable<Complaint>): Promise<ComplaintRow> {
    return tx.updateTable('Complaint').set(data).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  customersByIds(tx: Tx, ids: string[]): Promise<CustomerRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.selectFrom('Customer').selectAll().where('id', 'in', ids).execute();
  }

  /** Newest first; take = limit + 1 (see toPage). Customers hang on complaints by id only, so visibility is a join here. */
  async list(db: Tx, filter: ComplaintFilter, page: { cursor?: string; limit: number }): Promise<ComplaintRow[]> {
    const after = page.cursor ? await this.findById(db, page.cursor) : null;
    let query = db.selectFrom('Complaint as k').leftJoin('Customer as c', 'c.id', 'k.customerId').selectAll('k');
    if (filter.status) query = query.where('k.status', '=', filter.status);
    if (filter.assigneeId) query = query.where('k.assigneeId', '=', filter.assigneeId);
    if (filter.customerId) query = query.where('k.customerId', '=', filter.customerId);
    const people = filter.visibleTo;
    if (people) query = query.where((eb) => eb.or([eb('k.assigneeId', '=', eb.fn.any(eb.val(people))), eb('c.ownerId', '=', eb.fn.any(eb.val(people)))]));
    if (after) query = query.where((eb) => eb(eb.refTuple('k.createdAt', 'k.id'), '<', eb.tuple(after.createdAt, after.id)));
    return query.orderBy('k.createdAt', 'desc').orderBy('k.id', 'desc').limit(page.limit + 1).execute();
  }
}

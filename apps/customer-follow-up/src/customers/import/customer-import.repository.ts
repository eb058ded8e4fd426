import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { Database, PrismaService, type Tx } from '#libs/database';
import type { CustomerImportRow } from '../../rows.js';
import { contactsOf } from '../customer-fields.js';
import type { CustomerState, ExistingCustomer, PlannedUpsert } from './customer-import.rules.js';
import { syncAlertCustomerOwners } from '../../risk/alert-customer-owner.js';

export interface StagedRow {
  rowNumber: number;
  raw: string;
}

export interface Rejection {
  rowNumber: number;
  reason: string;
}

/** Imports, their staged rows and rejections, and the batched customer upsert: Kysely in transactions, Prisma for the plain reads outside. */
@Injectable()
export class CustomerImportRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly database: Database,
  ) {}

  create(data: { uploadedById: string; format: string; createdAt: Date }): Promise<CustomerImportRow> {
    return this.prisma.customerImport.create({ data });
  }

  /** Outside any transaction. */
  find(id: string): Promise<CustomerImportRow | null> {
    return this.prisma.customerImport.findUnique({ where: { id } });
  }

  async lock(tx: Tx, id: string): Promise<CustomerImportRow | null> {
    return (await tx.selectFrom('CustomerImport').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  async stage(importId: string, rows: StagedRow[], rejections: Rejection[]): Promise<void> {
    // Both inserts ignore rows already there, so a resent chunk is harmless.
    await this.database.transaction(async (tx) => {
      await sql`
        INSERT INTO "CustomerImportRow" ("importId", "rowNumber", raw)
        SELECT ${importId}::uuid, r."rowNumber", r.raw FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("rowNumber" int, raw text)
        ON CONFLICT DO NOTHING`.execute(tx);
      await this.recordRejections(tx, importId, rejections);
    });
  }

  async countRejections(tx: Tx, importId: string): Promise<number> {
    const { count } = await tx.selectFrom('CustomerImportRejection').select((eb) => eb.fn.countAll<string>().as('count')).where('importId', '=', importId).executeTakeFirstOrThrow();
    return Number(count);
  }

  async recordRejections(tx: Tx, importId: string, rejections: Rejection[]): Promise<void> {
    if (rejections.length === 0) return;
    await tx
      .insertInto('CustomerImportRejection')
      .values(rejections.map((r) => ({ importId, rowNumber: r.rowNumber, reason: r.reason })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  firstRejections(importId: string, limit: number): Promise<Rejection[]> {
    return this.prisma.customerImportRejection.findMany({ where: { importId }, orderBy: { rowNumber: 'asc' }, take: limit, select: { rowNumber: true, reason: true } });
  }

  nextStagedRows(tx: Tx, importId: string, limit: number): Promise<StagedRow[]> {
    return tx.selectFrom('CustomerImportRow').select(['rowNumber', 'raw']).where('importId', '=', importId).orderBy('rowNumber').limit(limit).execute();
  }

  async deleteStagedThrough(tx: Tx, importId: string, lastRow: number): Promise<void> {
    await tx.deleteFrom('CustomerImportRow').where('importId', '=', importId).where('rowNumber', '<=', lastRow).execute();
  }

  async deleteStaged(tx: Tx, importId: string): Promise<void> {
    await tx.deleteFrom('CustomerImportRow').where('importId', '=', importId).execute();
  }

  /**
   * Uploads still receiving rows that began before `cutoff` are failed with `reason`: the gateway
   * that streamed them is gone. Returns them; the caller holds them locked until it commits.
   */
  failReceivingBefore(tx: Tx, cutoff: Date, reason: string, now: Date): Promise<{ id: string; uploadedById: string }[]> {
    return tx
      .updateTable('CustomerImport')
      .set({ status: 'failed', error: reason, finishedAt: now })
      .where('status', '=', 'receiving')
      .where('createdAt', '<', cutoff)
      .returning(['id', 'uploadedById'])
      .execute();
  }

  /** Staged rows nobody will read again: those of failed imports (abandoned, aborted, dead, or a chunk that arrived late). */
  async deleteStagedOfFailed(tx: Tx): Promise<number> {
    const result = await tx
      .deleteFrom('CustomerImportRow as r')
      .using('CustomerImport as i')
      .whereRef('r.importId', '=', 'i.id')
      .where('i.status', '=', 'failed')
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async update(tx: Tx, id: string, data: Partial<Pick<CustomerImportRow, 'status' | 'rowsTotal' | 'rowsDone' | 'rejected' | 'error' | 'finishedAt'>>): Promise<void> {
    await tx.updateTable('CustomerImport').set(data).where('id', '=', id).execute();
  }

  async addProgress(tx: Tx, id: string, done: { rows: number; upserted: number; rejected: number }): Promise<void> {
    await tx
      .updateTable('CustomerImport')
      .set((eb) => ({
        status: 'running',
        rowsDone: eb('rowsDone', '+', done.rows),
        upserted: eb('upserted', '+', done.upserted),
        rejected: eb('rejected', '+', done.rejected),
      }))
      .where('id', '=', id)
      .execute();
  }

  employeesByEmail(tx: Tx, emails: string[]): Promise<{ id: string; email: string }[]> {
    if (emails.length === 0) return Promise.resolve([]);
    return tx.selectFrom('Employee').select(['id', 'email']).where('email', 'in', emails).execute();
  }

  /** Locks the customers an import batch touches, in one order, so concurrent writers queue instead of deadlocking. */
  async lockByCodes(tx: Tx, codes: string[]): Promise<ExistingCustomer[]> {
    if (codes.length === 0) return [];
    const { rows } = await sql<Omit<ExistingCustomer, 'contacts'> & { contacts: unknown }>`
      SELECT id, code, name, "ownerId", tier::text AS tier, status::text AS status, industry, region, contacts, version
      FROM "Customer" WHERE code = ANY(${codes}::text[]) ORDER BY code FOR UPDATE`.execute(tx);
    return rows.map((row) => ({ ...row, contacts: contactsOf(row.contacts) }));
  }

  /**
   * One INSERT ... ON CONFLICT (code) DO UPDATE for the whole batch. The update only applies to
   * the version the plan was made from, so a row created or changed meanwhile is not overwritten:
   * it is missing from the answer and the caller retries the batch.
   */
  async upsert(tx: Tx, planned: PlannedUpsert[], now: Date): Promise<{ id: string; code: string }[]> {
    if (planned.length === 0) return [];
    const values = planned.map(({ after, expectedVersion }) => ({ ...after, expectedVersion } satisfies CustomerState & { expectedVersion: number }));
    const { rows } = await sql<{ id: string; code: string }>`
      INSERT INTO "Customer" (id, code, name, "ownerId", tier, status, industry, region, contacts, version, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), v.code, v.name, v."ownerId", v.tier::"CustomerTier", v.status::"CustomerStatus", v.industry, v.region,
             v.contacts, v."expectedVersion" + 1, ${now}, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
        AS v(code text, name text, "ownerId" uuid, tier text, status text, industry text, region text, contacts jsonb, "expectedVersion" int)
      ON CONFLICT (code) DO UPDATE SET
        name = EXCLUDED.name, "ownerId" = EXCLUDED."ownerId", tier = EXCLUDED.tier, status = EXCLUDED.status,
        industry = EXCLUDED.industry, region = EXCLUDED.region, contacts = EXCLUDED.contacts,
        version = EXCLUDED.version, "updatedAt" = EXCLUDED."updatedAt"
      WHERE "Customer".version = EXCLUDED.version - 1
      RETURNING id, code`.execute(tx);
    // An owner changed by the import takes the customer's risk alerts along.
    await syncAlertCustomerOwners(tx, rows.map((row) => row.id));
    return rows;
  }
}

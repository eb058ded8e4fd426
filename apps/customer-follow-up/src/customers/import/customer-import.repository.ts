import { Injectable } from '@nestjs/common';
import { Prisma, type CustomerImport } from '#generated/prisma';
import { PrismaService, sqlOf, type Tx } from '#libs/database';
import { contactsOf } from '../customer-fields.js';
import type { CustomerState, ExistingCustomer, PlannedUpsert } from './import-upsert-plan.js';

export interface StagedRow {
  rowNumber: number;
  raw: string;
}

export interface Rejection {
  rowNumber: number;
  reason: string;
}

/** Only Prisma: imports, their staged rows and rejections, and the batched customer upsert. */
@Injectable()
export class CustomerImportRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { uploadedById: string; format: string; createdAt: Date }): Promise<CustomerImport> {
    return this.prisma.customerImport.create({ data });
  }

  find(id: string, tx: Tx = this.prisma): Promise<CustomerImport | null> {
    return tx.customerImport.findUnique({ where: { id } });
  }

  async lock(tx: Tx, id: string): Promise<CustomerImport | null> {
    const locked = await sqlOf(tx).query<{ id: string }>(Prisma.sql`SELECT id FROM "CustomerImport" WHERE id = ${id}::uuid FOR UPDATE`);
    return locked.length === 0 ? null : tx.customerImport.findUnique({ where: { id } });
  }

  async stage(importId: string, rows: StagedRow[], rejections: Rejection[]): Promise<void> {
    // Both inserts ignore rows already there, so a resent chunk is harmless.
    await this.prisma.$transaction([
      this.prisma.$executeRaw`
        INSERT INTO "CustomerImportRow" ("importId", "rowNumber", raw)
        SELECT ${importId}::uuid, r."rowNumber", r.raw FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("rowNumber" int, raw text)
        ON CONFLICT DO NOTHING`,
      this.prisma.customerImportRejection.createMany({ data: rejections.map((r) => ({ importId, ...r })), skipDuplicates: true }),
    ]);
  }

  countRejections(tx: Tx, importId: string): Promise<number> {
    return tx.customerImportRejection.count({ where: { importId } });
  }

  async recordRejections(tx: Tx, importId: string, rejections: Rejection[]): Promise<void> {
    if (rejections.length === 0) return;
    await tx.customerImportRejection.createMany({ data: rejections.map((r) => ({ importId, ...r })), skipDuplicates: true });
  }

  firstRejections(importId: string, limit: number): Promise<Rejection[]> {
    return this.prisma.customerImportRejection.findMany({ where: { importId }, orderBy: { rowNumber: 'asc' }, take: limit, select: { rowNumber: true, reason: true } });
  }

  nextStagedRows(tx: Tx, importId: string, limit: number): Promise<StagedRow[]> {
    return tx.customerImportRow.findMany({ where: { importId }, orderBy: { rowNumber: 'asc' }, take: limit, select: { rowNumber: true, raw: true } });
  }

  async deleteStagedThrough(tx: Tx, importId: string, lastRow: number): Promise<void> {
    await tx.customerImportRow.deleteMany({ where: { importId, rowNumber: { lte: lastRow } } });
  }

  async deleteStaged(tx: Tx, importId: string): Promise<void> {
    await tx.customerImportRow.deleteMany({ where: { importId } });
  }

  /**
   * Uploads still receiving rows that began before `cutoff` are failed with `reason`: the gateway
   * that streamed them is gone. Returns them; the caller holds them locked until it commits.
   */
  failReceivingBefore(tx: Tx, cutoff: Date, reason: string, now: Date): Promise<{ id: string; uploadedById: string }[]> {
    return sqlOf(tx).query<{ id: string; uploadedById: string }>(Prisma.sql`
      UPDATE "CustomerImport" SET status = 'failed', error = ${reason}, "finishedAt" = ${now}
      WHERE status = 'receiving' AND "createdAt" < ${cutoff}
      RETURNING id, "uploadedById"`);
  }

  /** Staged rows nobody will read again: those of failed imports (abandoned, aborted, dead, or a chunk that arrived late). */
  deleteStagedOfFailed(tx: Tx): Promise<number> {
    return sqlOf(tx).execute(Prisma.sql`
      DELETE FROM "CustomerImportRow" r USING "CustomerImport" i
      WHERE r."importId" = i.id AND i.status = 'failed'`);
  }

  async update(tx: Tx, id: string, data: Partial<Pick<CustomerImport, 'status' | 'rowsTotal' | 'rowsDone' | 'rejected' | 'error' | 'finishedAt'>>): Promise<void> {
    await tx.customerImport.update({ where: { id }, data });
  }

  async addProgress(tx: Tx, id: string, done: { rows: number; upserted: number; rejected: number }): Promise<void> {
    await tx.customerImport.update({
      where: { id },
      data: { status: 'running', rowsDone: { increment: done.rows }, upserted: { increment: done.upserted }, rejected: { increment: done.rejected } },
    });
  }

  employeesByEmail(tx: Tx, emails: string[]): Promise<{ id: string; email: string }[]> {
    return tx.employee.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  }

  /** Locks the customers an import batch touches, in one order, so concurrent writers queue instead of deadlocking. */
  async lockByCodes(tx: Tx, codes: string[]): Promise<ExistingCustomer[]> {
    if (codes.length === 0) return [];
    const rows = await sqlOf(tx).query<(Omit<ExistingCustomer, 'contacts'> & { contacts: unknown })>(Prisma.sql`
      SELECT id, code, name, "ownerId", tier::text AS tier, status::text AS status, industry, region, contacts, version
      FROM "Customer" WHERE code = ANY(${codes}::text[]) ORDER BY code FOR UPDATE`);
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
    return sqlOf(tx).query<{ id: string; code: string }>(Prisma.sql`
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
      RETURNING id, code`);
  }
}

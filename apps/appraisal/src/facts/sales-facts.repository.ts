import { Injectable } from '@nestjs/common';
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '#libs/database';
import type { Period } from '../periods/period.js';

/** One approved contract as evidence: what it counted for, and on which local date. */
export interface SaleEvidence {
  contractId: string;
  ownerId: string;
  title: string;
  customerName: string;
  amount: string;
  currency: string;
  /** In BASE_CURRENCY, converted when it was submitted. */
  amountBase: string;
  discountPct: string;
  approvedAt: Date;
  /** The approval date in the owner's zone, YYYY-MM-DD. */
  approvedOn: string;
}

export interface SalesTotal {
  ownerId: string;
  /** Sum of amountBase, as a decimal string. */
  amount: string;
  contracts: number;
}

/**
 * Approved contracts, read where contract-approval keeps them (read-only: appraisal never writes
 * another service's tables, and this file is the one place that names them for sales). A contract
 * counts for its owner on its approval date in the owner's zone (their work calendar's zone when
 * it has one, else their own), in BASE_CURRENCY.
 */
@Injectable()
export class SalesFacts {
  /** Each owner's total for the period, in one statement; owners without a sale are absent. */
  async totals(tx: Tx, ownerIds: string[], period: Period): Promise<Map<string, SalesTotal>> {
    if (ownerIds.length === 0) return new Map();
    const rows = await sql<SalesTotal>`
      SELECT c."ownerId" AS "ownerId", sum(c."amountBase")::text AS "amount", count(*)::int AS "contracts"
      FROM "Contract" c ${inPeriod(ownerIds, period)}
      GROUP BY c."ownerId"`.execute(tx);
    return new Map(rows.rows.map((row) => [row.ownerId, row]));
  }

  /** The contracts behind the totals, oldest approval first. */
  async contracts(tx: Tx, ownerIds: string[], period: Period): Promise<SaleEvidence[]> {
    if (ownerIds.length === 0) return [];
    const rows = await sql<SaleEvidence>`
      SELECT c."id" AS "contractId", c."ownerId" AS "ownerId", c."title" AS "title", c."customerName" AS "customerName",
        c."amount"::text AS "amount", c."currency" AS "currency", c."amountBase"::text AS "amountBase", c."discountPct"::text AS "discountPct",
        c."decidedAt" AS "approvedAt", to_char(${localDecidedAt}, 'YYYY-MM-DD') AS "approvedOn"
      FROM "Contract" c ${inPeriod(ownerIds, period)}
      ORDER BY c."decidedAt", c."id"`.execute(tx);
    return rows.rows;
  }
}

/** decidedAt (UTC, without zone) as a local timestamp in the owner's zone (aliases: c the contract, e its owner, wc their calendar). */
export const localDecidedAt = sql`((c."decidedAt" AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(wc."timezone", e."timezone"))`;

function inPeriod(ownerIds: string[], period: Period): RawBuilder<unknown> {
  // The UTC window a day wider on each side lets an index on decidedAt narrow the rows before the
  // per-owner zone decides (no zone is more than 14 hours from UTC).
  return sql`JOIN "Employee" e ON e."id" = c."ownerId"
      LEFT JOIN "WorkCalendar" wc ON wc."name" = e."calendar"
      WHERE c."status" = 'APPROVED' AND c."ownerId" = ANY(${ownerIds}::uuid[])
        AND c."decidedAt" >= ${period.firstDay}::date - 1 AND c."decidedAt" < ${period.endDay}::date + 1
        AND ${localDecidedAt}::date >= ${period.firstDay}::date AND ${localDecidedAt}::date < ${period.endDay}::date`;
}

import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { ClawbackInput } from '../commissions/commissions.rules.js';

/** A reversed contract whose commission an approved statement paid: what a clawback takes back. */
export type PaidThenReversed = ClawbackInput;

export interface ContractRef {
  id: string;
  title: string;
  customerName: string;
}

/**
 * What commissions read of contract-approval's records, read-only: reversed contracts that earned
 * commission, and contract titles for statement lines.
 */
@Injectable()
export class CommissionFacts {
  /**
   * The person's contracts now REVERSED whose commission an APPROVED statement of a period ended
   * by `firstDay` paid, reversed before `reversedBefore` (the end of the statement's period in the
   * person's zone), and not clawed back yet by an approved statement (an open one is
   * recomputed, so only approved ones count).
   */
  async paidThenReversed(tx: Tx, employeeId: string, firstDay: string, reversedBefore: Date): Promise<PaidThenReversed[]> {
    return (await this.paidThenReversedOf(tx, [employeeId], firstDay, reversedBefore)).map(({ contractId, amountBase, discountPct, tier, ratePct, paid, statementId, period }) => ({
      contractId, amountBase, discountPct, tier, ratePct, paid, statementId, period,
    }));
  }

  /** The same for many people in one statement, with whose it is and when it was reversed (each person's period ends in their own zone). */
  async paidThenReversedOf(tx: Tx, employeeIds: string[], firstDay: string, reversedBefore: Date): Promise<(PaidThenReversed & { employeeId: string; reversedAt: Date })[]> {
    if (employeeIds.length === 0) return [];
    const rows = await sql<PaidThenReversed & { employeeId: string; reversedAt: Date }>`
      SELECT s."employeeId" AS "employeeId", c."reversedAt" AS "reversedAt", l."contractId" AS "contractId", l."amountBase"::text AS "amountBase", l."discountPct"::text AS "discountPct", l."tier" AS "tier",
        l."ratePct"::text AS "ratePct", l."commission"::text AS "paid", s."id" AS "statementId", s."period" AS "period"
      FROM "CommissionLine" l
      JOIN "CommissionStatement" s ON s."id" = l."statementId" AND s."status" = 'APPROVED'
      JOIN "Contract" c ON c."id" = l."contractId" AND c."status" = 'REVERSED'
      WHERE s."employeeId" = ANY(${employeeIds}::uuid[]) AND l."kind" = 'SALE' AND l."commission" > 0
        AND s."periodEndDay" <= ${firstDay}::date AND c."reversedAt" < ${reversedBefore}
        AND NOT EXISTS (
          SELECT 1 FROM "CommissionLine" b JOIN "CommissionStatement" bs ON bs."id" = b."statementId"
          WHERE b."kind" = 'CLAWBACK' AND b."contractId" = l."contractId" AND bs."status" = 'APPROVED')
      ORDER BY c."reversedAt", l."contractId"`.execute(tx);
    return rows.rows;
  }

  async contractRefs(tx: Tx, ids: string[]): Promise<Map<string, ContractRef>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.selectFrom('Contract').select(['id', 'title', 'customerName']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row]));
  }
}

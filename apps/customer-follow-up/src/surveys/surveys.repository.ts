import { Injectable } from '@nestjs/common';
import { sql, type Insertable } from 'kysely';
import type { Survey } from '#generated/kysely';
import type { Tx } from '#libs/database';
import type { ReportWindow } from '#libs/time';
import { isUuid } from '#libs/rpc';
import type { SurveyRow } from '../rows.js';

export interface SatisfactionMonth {
  month: string;
  answers: number;
  averageScore: number;
  lowScores: number;
}

/** Survey rows, in the caller's transaction. */
@Injectable()
export class SurveysRepository {
  /** The contract a survey timer is about (contract-approval's row, only read). */
  async contract(tx: Tx, contractId: string): Promise<{ id: string; customerId: string | null } | null> {
    if (!isUuid(contractId)) return null;
    return (await tx.selectFrom('Contract').select(['id', 'customerId']).where('id', '=', contractId).executeTakeFirst()) ?? null;
  }

  /**
   * Serializes survey creation per contact for the rest of the transaction, so the cap holds under
   * concurrency. Taken in one order (sorted) so two batches sharing contacts cannot deadlock.
   */
  async lockContacts(tx: Tx, contactEmails: string[]): Promise<void> {
    if (contactEmails.length === 0) return;
    const keys = [...new Set(contactEmails)].sort().map((email) => `survey-contact:${email}`);
    await sql`SELECT pg_advisory_xact_lock(hashtext(k)) FROM (SELECT k FROM unnest(${keys}::text[]) AS k ORDER BY k) AS sorted`.execute(tx);
  }

  /** The latest survey to each contact created after `since`, by contact. */
  async lastToEach(tx: Tx, contactEmails: string[], since: Date): Promise<Map<string, { id: string; createdAt: Date }>> {
    if (contactEmails.length === 0) return new Map();
    const rows = await tx
      .selectFrom('Survey')
      .distinctOn('contactEmail')
      .select(['id', 'contactEmail', 'createdAt'])
      .where('contactEmail', '=', (eb) => eb.fn.any(eb.val([...new Set(contactEmails)])))
      .where('createdAt', '>', since)
      .orderBy('contactEmail')
      .orderBy('createdAt', 'desc')
      .execute();
    return new Map(rows.map((r) => [r.contactEmail, { id: r.id, createdAt: r.createdAt }]));
  }

  /** The sources among `sourceIds` that have a survey for `reason` already. */
  async surveyedSources(tx: Tx, sourceIds: string[], reason: string): Promise<Set<string>> {
    if (sourceIds.length === 0) return new Set();
    const rows = await tx.selectFrom('Survey').select('sourceId').where('sourceId', '=', (eb) => eb.fn.any(eb.val(sourceIds))).where('reason', '=', reason).execute();
    return new Set(rows.map((r) => r.sourceId));
  }

  /** Many surveys, in statements of 1,000 rows (each row binds ten parameters). */
  async createAll(tx: Tx, rows: (Insertable<Survey> & { createdAt: Date })[]): Promise<SurveyRow[]> {
    const created: SurveyRow[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      created.push(...(await tx.insertInto('Survey').values(rows.slice(i, i + 1000)).returningAll().execute()));
    }
    return created;
  }

  async findByTokenHash(tx: Tx, tokenHash: string): Promise<SurveyRow | null> {
    return (await tx.selectFrom('Survey').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst()) ?? null;
  }

  /** The survey under a row lock until the transaction ends. */
  async lock(tx: Tx, id: string): Promise<SurveyRow | null> {
    return (await tx.selectFrom('Survey').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  answer(tx: Tx, id: string, answer: { score: number; comment: string | null; answeredAt: Date }): Promise<SurveyRow> {
    return tx.updateTable('Survey').set(answer).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /**
   * Answered surveys by local month of the answer (the window's zone), for customers the owners
   * hold (null: every customer): answers, the average score and the answers scoring 1 or 2.
   */
  async satisfactionByMonth(db: Tx, owners: string[] | null, window: ReportWindow): Promise<SatisfactionMonth[]> {
    const { rows } = await sql<SatisfactionMonth>`
      SELECT to_char((s."answeredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${window.zone}, 'YYYY-MM') AS month, count(*)::int AS answers,
        round(avg(s.score)::numeric, 2)::float8 AS "averageScore", count(*) FILTER (WHERE s.score <= 2)::int AS "lowScores"
      FROM "Survey" s JOIN "Customer" c ON c.id = s."customerId"
      WHERE s."answeredAt" >= ${window.start} AND s."answeredAt" < ${window.end} AND ${owners === null ? sql`TRUE` : sql`c."ownerId" = ANY(${owners}::uuid[])`}
      GROUP BY 1 ORDER BY 1`.execute(db);
    return rows;
  }
}

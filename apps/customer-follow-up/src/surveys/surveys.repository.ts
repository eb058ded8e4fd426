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

  /** Serializes survey creation per contact for the rest of the transaction, so the cap holds under concurrency. */
  async lockContact(tx: Tx, contactEmail: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`survey-contact:${contactEmail}`}))`.execute(tx);
  }

  async lastTo(tx: Tx, contactEmail: string, since: Date): Promise<SurveyRow | null> {
    const last = await tx.selectFrom('Survey').selectAll().where('contactEmail', '=', contactEmail).where('createdAt', '>', since).orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
    return last ?? null;
  }

  async forSource(tx: Tx, sourceId: string, reason: string): Promise<SurveyRow | null> {
    return (await tx.selectFrom('Survey').selectAll().where('sourceId', '=', sourceId).where('reason', '=', reason).limit(1).executeTakeFirst()) ?? null;
  }

  create(tx: Tx, data: Insertable<Survey> & { createdAt: Date }): Promise<SurveyRow> {
    return tx.insertInto('Survey').values(data).returningAll().executeTakeFirstOrThrow();
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

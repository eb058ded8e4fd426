import { Injectable } from '@nestjs/common';
import { sql, type Updateable } from 'kysely';
import type { Appraisal as AppraisalTable } from '#generated/kysely';
import type { Tx } from '#libs/database';
import type { AppraisalRow } from '../cycles/cycles.repository.js';

/** An appraisal with its review steps, as the review flow reads and locks it. */
export interface ReviewedAppraisal extends AppraisalRow {
  selfComment: string | null;
  selfReviewedAt: Date | null;
  managerComment: string | null;
  managerReviewedAt: Date | null;
  managerReviewedById: string | null;
  reviewedBand: string | null;
  calibrationReason: string | null;
  calibratedAt: Date | null;
  calibratedById: string | null;
  signedOffAt: Date | null;
  signedOffById: string | null;
}

export interface PeerReviewRow {
  id: string;
  appraisalId: string;
  peerId: string;
  requestedById: string;
  requestedAt: Date;
  rating: number | null;
  comment: string | null;
  answeredAt: Date | null;
}

const PEER_COLUMNS = ['id', 'appraisalId', 'peerId', 'requestedById', 'requestedAt', 'rating', 'comment', 'answeredAt'] as const;

function reviewed(row: Record<string, unknown>): ReviewedAppraisal {
  return { ...(row as unknown as ReviewedAppraisal), score: row.score === null ? null : String(row.score) };
}

@Injectable()
export class ReviewsRepository {
  /** Locks the appraisal: two steps on one appraisal run one after the other. */
  async lock(tx: Tx, id: string): Promise<ReviewedAppraisal | null> {
    const row = await tx.selectFrom('Appraisal').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? reviewed(row) : null;
  }

  async find(tx: Tx, id: string): Promise<ReviewedAppraisal | null> {
    const row = await tx.selectFrom('Appraisal').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? reviewed(row) : null;
  }

  async update(tx: Tx, id: string, data: Updateable<AppraisalTable>): Promise<ReviewedAppraisal> {
    const row = await tx.updateTable('Appraisal').set({ ...data, version: sql`"version" + 1` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return reviewed(row);
  }

  async insertPeerReviews(tx: Tx, rows: (Omit<PeerReviewRow, 'rating' | 'comment' | 'answeredAt'> & { tokenHash: string })[]): Promise<void> {
    if (rows.length > 0) await tx.insertInto('AppraisalPeerReview').values(rows).execute();
  }

  async peerReviews(tx: Tx, appraisalId: string): Promise<PeerReviewRow[]> {
    return tx.selectFrom('AppraisalPeerReview').select(PEER_COLUMNS).where('appraisalId', '=', appraisalId).orderBy('requestedAt').orderBy('id').execute();
  }

  async lockPeerReview(tx: Tx, id: string): Promise<PeerReviewRow | null> {
    return (await tx.selectFrom('AppraisalPeerReview').select(PEER_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  async peerReviewByTokenHash(tx: Tx, tokenHash: string): Promise<PeerReviewRow | null> {
    return (await tx.selectFrom('AppraisalPeerReview').select(PEER_COLUMNS).where('tokenHash', '=', tokenHash).executeTakeFirst()) ?? null;
  }

  /** Records an answer once: false when it was already answered (a second use of the link). */
  async answerPeerReview(tx: Tx, id: string, answer: { rating: number; comment: string | null }, at: Date): Promise<boolean> {
    const result = await tx.updateTable('AppraisalPeerReview').set({ rating: answer.rating, comment: answer.comment, answeredAt: at })
      .where('id', '=', id).where('answeredAt', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * The teamwork KPI from the peers' answers: its value the average rating, one evidence row per
   * answer (sourceKind peer-review, the review's id, never the peer's). A template without the
   * teamwork KPI has no row to update, and keeps no evidence for it.
   */
  async teamworkFromPeers(tx: Tx, appraisalId: string): Promise<void> {
    await sql`DELETE FROM "AppraisalEvidence" WHERE "appraisalId" = ${appraisalId}::uuid AND "kpi" = 'teamwork'`.execute(tx);
    await sql`
      INSERT INTO "AppraisalEvidence" ("appraisalId", "kpi", "sourceKind", "sourceId", "value")
      SELECT p."appraisalId", 'teamwork', 'peer-review', p."id", p."rating"
      FROM "AppraisalPeerReview" p JOIN "AppraisalKpi" k ON k."appraisalId" = p."appraisalId" AND k."kpi" = 'teamwork'
      WHERE p."appraisalId" = ${appraisalId}::uuid AND p."answeredAt" IS NOT NULL`.execute(tx);
    await sql`
      UPDATE "AppraisalKpi" k SET "value" = v.value, "samples" = v.samples
      FROM (SELECT avg("rating") AS value, count(*)::int AS samples FROM "AppraisalPeerReview"
            WHERE "appraisalId" = ${appraisalId}::uuid AND "answeredAt" IS NOT NULL) v
      WHERE k."appraisalId" = ${appraisalId}::uuid AND k."kpi" = 'teamwork' AND v.samples > 0`.execute(tx);
  }

  /** The manager's rating as the managerRating KPI, with the appraisal itself as its evidence. */
  async managerRating(tx: Tx, appraisalId: string, rating: number): Promise<void> {
    const updated = await tx.updateTable('AppraisalKpi').set({ value: String(rating), samples: 1 })
      .where('appraisalId', '=', appraisalId).where('kpi', '=', 'managerRating').executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await tx.insertInto('AppraisalEvidence').values({ appraisalId, kpi: 'managerRating', sourceKind: 'manager-review', sourceId: appraisalId, value: String(rating) }).execute();
  }

  /** KPI values are frozen at sign-off: later records change nothing in a signed-off sheet. */
  async freezeKpis(tx: Tx, appraisalId: string, at: Date): Promise<void> {
    await tx.updateTable('AppraisalKpi').set({ frozenAt: at }).where('appraisalId', '=', appraisalId).execute();
  }
}

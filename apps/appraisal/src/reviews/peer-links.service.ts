import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { PeerReviewPageView } from '#libs/contracts';
import { Database } from '#libs/database';
import { hashPeerReviewToken } from '#libs/notifications';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, GoneError, NotFoundError } from '#libs/rpc';
import { Clock } from '#libs/time';
import { AppraisalScorer } from '../cycles/appraisal-scorer.service.js';
import { CyclesRepository, type CycleRow } from '../cycles/cycles.repository.js';
import { TemplatesRepository } from '../templates/templates.repository.js';
import { ReviewDeadlines } from './review-deadlines.service.js';
import { ReviewsRepository, type PeerReviewRow, type ReviewedAppraisal } from './reviews.repository.js';
import { afterPeerAnswer, PEERS_OPEN, validatePeerAnswer } from './reviews.rules.js';

const NOT_FOUND = 'This peer review link is not valid.';

/**
 * The page behind a peer's email link: the token is the authority (no sign-in). It works once,
 * and only while the manager has not yet reviewed; the answer becomes teamwork evidence under the
 * review's id, never the peer's.
 */
@Injectable()
export class PeerLinksService {
  constructor(
    private readonly database: Database,
    private readonly repository: ReviewsRepository,
    private readonly cycles: CyclesRepository,
    private readonly templates: TemplatesRepository,
    private readonly scorer: AppraisalScorer,
    private readonly deadlines: ReviewDeadlines,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async view(token: string): Promise<PeerReviewPageView> {
    const db = this.database.db;
    const review = await this.repository.peerReviewByTokenHash(db, hashPeerReviewToken(token));
    if (!review) throw new NotFoundError(NOT_FOUND, 'link.not_found');
    const appraisal = (await this.repository.find(db, review.appraisalId))!;
    const cycle = (await this.cycles.cycle(db, appraisal.cycleId))!;
    this.usable(review, appraisal);
    const [person, peer] = await Promise.all([this.directory.findById(appraisal.employeeId), this.directory.findById(review.peerId)]);
    const timezone = (await this.directory.workingContext(peer!)).zone;
    return { person: { name: person!.name }, period: cycle.period, dueAt: cycle.peerDueAt.toISOString(), locale: peer!.locale, timezone };
  }

  async answer(token: string, input: unknown, correlationId: string): Promise<{ rating: number }> {
    const validation = validatePeerAnswer(input);
    if (!validation.ok) throw new BadRequestError('The rating is invalid; nothing was written.', validation.errors);
    const answer = validation.value;
    return this.database.transaction(async (tx) => {
      const found = await this.repository.peerReviewByTokenHash(tx, hashPeerReviewToken(token));
      if (!found) throw new NotFoundError(NOT_FOUND, 'link.not_found');
      // The appraisal first, as every step locks it: answers and the manager's review queue on one lock.
      const appraisal = (await this.repository.lock(tx, found.appraisalId))!;
      const review = (await this.repository.lockPeerReview(tx, found.id))!;
      this.usable(review, appraisal);
      const now = this.clock.now();
      await this.repository.answerPeerReview(tx, review.id, answer, now);
      await this.repository.teamworkFromPeers(tx, appraisal.id);
      const cycle = (await this.cycles.cycle(tx, appraisal.cycleId))!;
      await this.rescore(tx, cycle, appraisal.id, now);
      const reviews = await this.repository.peerReviews(tx, appraisal.id);
      const status = afterPeerAnswer(appraisal.status, reviews.length, reviews.filter((r) => r.answeredAt).length);
      if (status !== appraisal.status) await this.repository.update(tx, appraisal.id, { status });
      await this.deadlines.cancel(tx, [review.id], 'peer', now);
      // The audit row names the review, not the peer: the trail must not undo the anonymity.
      await this.audit.record(tx, {
        entityType: 'appraisal', entityId: appraisal.id, action: 'appraisal.peer-rated', actorId: null,
        after: { peerReviewId: review.id, rating: answer.rating }, correlationId, at: now,
      });
      return { rating: answer.rating };
    });
  }

  private async rescore(tx: Parameters<AppraisalScorer['rescore']>[0], cycle: CycleRow, appraisalId: string, now: Date): Promise<void> {
    const template = (await this.templates.byId(tx, cycle.templateId))!;
    await this.scorer.rescore(tx, template.document, { appraisalIds: [appraisalId] }, now);
  }

  private usable(review: PeerReviewRow, appraisal: ReviewedAppraisal): void {
    if (review.answeredAt) throw new GoneError('This link was already used: your rating is recorded.');
    if (!PEERS_OPEN.includes(appraisal.status) || appraisal.managerReviewedAt) throw new GoneError('This appraisal has moved on: ratings are closed.');
  }
}

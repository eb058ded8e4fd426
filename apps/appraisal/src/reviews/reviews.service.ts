import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import { hashPeerReviewToken, peerReviewTokenFor } from '#libs/notifications';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, isUuid, type Caller, type FieldError } from '#libs/rpc';
import { Clock } from '#libs/time';
import { AppraisalScorer } from '../cycles/appraisal-scorer.service.js';
import { CyclesRepository, type CycleRow } from '../cycles/cycles.repository.js';
import { TemplatesRepository } from '../templates/templates.repository.js';
import { ReviewDeadlines } from './review-deadlines.service.js';
import { ReviewsRepository, type ReviewedAppraisal } from './reviews.repository.js';
import {
  afterSelfReview, mayCalibrate, mayPickPeers, mayReviewAsManager, PEERS_OPEN, STEP_NEEDS,
  validateCalibration, validateManagerReview, validatePeerPick, validateSelfReview, waitingFor, type Validated,
} from './reviews.rules.js';
import { ReviewsMailer } from './reviews.mailer.js';
import { SignOff } from './sign-off.service.js';

const INVALID = 'The review is invalid; nothing was written.';

/** What a step did, for the answer: the appraisal as it now stands is read back by the caller. */
export interface StepDone {
  appraisalId: string;
}

/**
 * The review steps (issue 11 item 4). Each locks the appraisal, checks who may act and that the
 * appraisal is at that step (409 saying what it waits for), writes the step, cancels its
 * deadline timers and records an audit row, in one transaction.
 */
@Injectable()
export class ReviewsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly repository: ReviewsRepository,
    private readonly cycles: CyclesRepository,
    private readonly templates: TemplatesRepository,
    private readonly scorer: AppraisalScorer,
    private readonly deadlines: ReviewDeadlines,
    private readonly signOffs: SignOff,
    private readonly mailer: ReviewsMailer,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  async selfReview(caller: Caller, id: string, input: unknown, correlationId: string): Promise<StepDone> {
    const { comment } = valid(validateSelfReview(input));
    return this.step(caller, id, correlationId, 'self', async (tx, appraisal, now) => {
      if (caller.id !== appraisal.employeeId) throw new ForbiddenError('Only the person appraised writes their self review.');
      const peers = await this.repository.peerReviews(tx, appraisal.id);
      const status = afterSelfReview(peers.length, peers.filter((p) => p.answeredAt).length);
      await this.repository.update(tx, appraisal.id, { selfComment: comment, selfReviewedAt: now, status });
      await this.deadlines.cancel(tx, [appraisal.id], 'self', now);
      return { action: 'appraisal.self-reviewed', after: { status, comment } };
    });
  }

  /** The manager picks peers once; each gets an email with a single-use link, and its own deadline timers. */
  async pickPeers(caller: Caller, id: string, input: unknown, correlationId: string): Promise<StepDone> {
    return this.step(caller, id, correlationId, 'peers', async (tx, appraisal, now, cycle) => {
      const person = (await this.directory.findById(appraisal.employeeId, tx))!;
      if (!mayPickPeers(caller, appraisal, await this.directory.isAbove(caller.id, person, tx))) {
        throw new ForbiddenError('Peers are picked by the person\u2019s manager or someone above them.');
      }
      if (!PEERS_OPEN.includes(appraisal.status) || appraisal.managerReviewedAt) {
        throw new ConflictError(`Peers can no longer be picked: the appraisal waits for ${waitingFor(appraisal.status)}.`, 'appraisal.step_closed');
      }
      if ((await this.repository.peerReviews(tx, appraisal.id)).length > 0) throw new ConflictError('Peers were already picked for this appraisal.', 'appraisal.peers_picked');
      const { peers: names } = valid(validatePeerPick(input, cycle.peersPerPerson));
      const peers = await this.resolvePeers(tx, names, appraisal);
      const rows = peers.map((peer) => ({ id: randomUUID(), appraisalId: appraisal.id, peerId: peer.id, requestedById: caller.id, requestedAt: now }));
      await this.repository.insertPeerReviews(tx, rows.map((row) => ({ ...row, tokenHash: hashPeerReviewToken(peerReviewTokenFor(this.config.LINK_SECRET, row.id)) })));
      for (const [i, peer] of peers.entries()) await this.mailer.peerRequest(tx, peer, rows[i].id, person, cycle.period, cycle.peerDueAt, correlationId);
      await this.deadlines.armPeers(tx, cycle, rows, now, correlationId);
      return { action: 'appraisal.peers-picked', after: { peers: rows.length } };
    });
  }

  async managerReview(caller: Caller, id: string, input: unknown, correlationId: string): Promise<StepDone> {
    const review = valid(validateManagerReview(input));
    return this.step(caller, id, correlationId, 'manager', async (tx, appraisal, now, cycle) => {
      if (!mayReviewAsManager(caller, appraisal)) throw new ForbiddenError('The manager of record reviews (HR for a person without a manager).');
      const template = (await this.templates.byId(tx, cycle.templateId))!;
      await this.repository.managerRating(tx, appraisal.id, review.rating);
      const sheet = (await this.scorer.rescore(tx, template.document, { appraisalIds: [appraisal.id] }, now, true)).get(appraisal.id)!;
      await this.repository.update(tx, appraisal.id, {
        managerComment: review.comment, managerReviewedAt: now, managerReviewedById: caller.id, reviewedBand: sheet.band, status: 'CALIBRATION',
      });
      // Links not answered by now are closed: the manager went ahead without them.
      const unanswered = (await this.repository.peerReviews(tx, appraisal.id)).filter((p) => !p.answeredAt).map((p) => p.id);
      await this.deadlines.cancel(tx, unanswered, 'peer', now);
      await this.deadlines.cancel(tx, [appraisal.id], 'manager', now);
      return { action: 'appraisal.manager-reviewed', after: { rating: review.rating, comment: review.comment, score: sheet.score, band: sheet.band } };
    });
  }

  async calibrate(caller: Caller, id: string, input: unknown, correlationId: string): Promise<StepDone> {
    return this.step(caller, id, correlationId, 'calibration', async (tx, appraisal, now, cycle) => {
      await this.mustCalibrate(tx, caller, appraisal);
      const template = (await this.templates.byId(tx, cycle.templateId))!;
      const { band, reason } = valid(validateCalibration(input, template.document.bands, appraisal.reviewedBand));
      await this.repository.update(tx, appraisal.id, { band, calibrationReason: reason, calibratedAt: now, calibratedById: caller.id, status: 'SIGN_OFF' });
      await this.deadlines.cancel(tx, [appraisal.id], 'calibration', now);
      return { action: 'appraisal.calibrated', after: { from: appraisal.reviewedBand, band, reason } };
    });
  }

  /** Signs off once (a second is 409): KPIs frozen, the result emailed, the outcome published. */
  async signOff(caller: Caller, id: string, correlationId: string): Promise<StepDone> {
    return this.step(caller, id, correlationId, 'signOff', async (tx, appraisal, now, cycle) => {
      await this.mustCalibrate(tx, caller, appraisal);
      const signed = await this.repository.update(tx, appraisal.id, { status: 'SIGNED_OFF', signedOffAt: now, signedOffById: caller.id });
      await this.signOffs.complete(tx, signed, cycle, now, correlationId);
      return { action: 'appraisal.signed-off', after: { band: signed.band, score: signed.score } };
    });
  }

  private async mustCalibrate(tx: Tx, caller: Caller, appraisal: ReviewedAppraisal): Promise<void> {
    const manager = appraisal.managerId ? await this.directory.findById(appraisal.managerId, tx) : null;
    const aboveManager = manager ? await this.directory.isAbove(caller.id, manager, tx) : false;
    if (!mayCalibrate(caller, appraisal, aboveManager)) {
      throw new ForbiddenError('Calibration and sign-off are for a director above the manager, HR or ADMIN.');
    }
  }

  private async step(
    caller: Caller, id: string, correlationId: string, step: 'self' | 'peers' | 'manager' | 'calibration' | 'signOff',
    act: (tx: Tx, appraisal: ReviewedAppraisal, now: Date, cycle: CycleRow) => Promise<{ action: string; after: object }>,
  ): Promise<StepDone> {
    if (!isUuid(id)) throw new NotFoundError(`Appraisal ${id} does not exist.`, 'appraisal.not_found');
    const result = await this.database.transaction(async (tx) => {
      const appraisal = await this.repository.lock(tx, id);
      if (!appraisal) throw new NotFoundError(`Appraisal ${id} does not exist.`, 'appraisal.not_found');
      const person = await this.directory.findById(appraisal.employeeId, tx);
      // Someone unrelated learns nothing of the appraisal, not even where it stands.
      if (caller.id !== appraisal.employeeId && caller.role !== 'HR' && caller.role !== 'ADMIN' && !(person && (await this.directory.isAbove(caller.id, person, tx)))) {
        throw new ForbiddenError('You may act on your own appraisal and those of your reporting line.');
      }
      if (step !== 'peers' && !STEP_NEEDS[step].includes(appraisal.status)) {
        throw new ConflictError(`The appraisal waits for ${waitingFor(appraisal.status)}.`, appraisal.status === 'SIGNED_OFF' ? 'appraisal.signed_off' : 'appraisal.wrong_step');
      }
      const cycle = (await this.cycles.cycle(tx, appraisal.cycleId))!;
      const now = this.clock.now();
      const { action, after } = await act(tx, appraisal, now, cycle);
      await this.audit.record(tx, { entityType: 'appraisal', entityId: appraisal.id, action, actorId: caller.id, before: { status: appraisal.status }, after, correlationId, at: now });
      return { appraisalId: appraisal.id };
    });
    this.signal.notify();
    return result;
  }

  /** Every name must be a colleague other than the person and their manager, or 400 names it. */
  private async resolvePeers(tx: Tx, names: string[], appraisal: ReviewedAppraisal): Promise<Employee[]> {
    const errors: FieldError[] = [];
    const peers: Employee[] = [];
    for (const [i, name] of names.entries()) {
      const peer = await this.directory.findByIdOrEmail(name, tx);
      if (!peer) errors.push({ field: `peers[${i}]`, message: `no employee is ${name}` });
      else if (peer.id === appraisal.employeeId) errors.push({ field: `peers[${i}]`, message: 'a person does not rate themselves' });
      else if (peer.id === appraisal.managerId) errors.push({ field: `peers[${i}]`, message: 'the manager reviews separately and is not a peer' });
      else if (peers.some((p) => p.id === peer.id)) errors.push({ field: `peers[${i}]`, message: 'names a colleague twice' });
      else peers.push(peer);
    }
    if (errors.length > 0) throw new BadRequestError(INVALID, errors);
    return peers;
  }
}

function valid<T>(validation: Validated<T>): T {
  if (!validation.ok) throw new BadRequestError(INVALID, validation.errors);
  return validation.value;
}


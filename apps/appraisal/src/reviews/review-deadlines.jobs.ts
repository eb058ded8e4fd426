import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { JobPayload } from '#libs/queue';
import { OnJob, TimerJobs, type JobContext } from '#libs/workflow';
import { CyclesRepository } from '../cycles/cycles.repository.js';
import { parseDeadlineKey, stillOwes, type DeadlineAction } from './review-deadlines.rules.js';
import { deadlineOf } from './review-deadlines.service.js';
import { ReviewsMailer } from './reviews.mailer.js';
import { ReviewsRepository, type PeerReviewRow, type ReviewedAppraisal } from './reviews.repository.js';
import { PEERS_OPEN, type ReviewStep } from './reviews.rules.js';

interface Due {
  step: ReviewStep;
  action: DeadlineAction;
  appraisal: ReviewedAppraisal;
  peerReview: PeerReviewRow | null;
}

/**
 * A review step's reminder (to whoever owes it) or escalation (to the one above them), once each:
 * the timer's unique key and the ledger's idempotency key make it so with any number of replicas.
 * It only tells people; nothing is submitted or approved because a deadline passed.
 */
@Injectable()
export class ReviewDeadlinesJobs {
  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly repository: ReviewsRepository,
    private readonly cycles: CyclesRepository,
    private readonly directory: OrgDirectory,
    private readonly mailer: ReviewsMailer,
  ) {}

  @OnJob('appraisal-review.deadline')
  deadline(payload: JobPayload<'appraisal-review.deadline'>, context: JobContext) {
    return this.timerJobs.run<Due>(payload, context, {
      lock: async (tx, timer) => {
        const key = parseDeadlineKey(timer.uniqueKey);
        if (!key) return null;
        if (key.step !== 'peer') {
          const appraisal = await this.repository.lock(tx, timer.subjectId);
          return appraisal ? { ...key, appraisal, peerReview: null } : null;
        }
        const peerReview = await this.repository.lockPeerReview(tx, timer.subjectId);
        const appraisal = peerReview ? await this.repository.find(tx, peerReview.appraisalId) : null;
        return appraisal ? { ...key, appraisal, peerReview } : null;
      },
      stillDue: ({ step, appraisal, peerReview }) =>
        step === 'peer' ? !peerReview!.answeredAt && PEERS_OPEN.includes(appraisal.status) && !appraisal.managerReviewedAt : stillOwes(appraisal, step),
      act: async (tx, { step, action, appraisal, peerReview }, timer) => {
        const cycle = (await this.cycles.cycle(tx, appraisal.cycleId))!;
        const people = await this.people(tx, appraisal, peerReview);
        const owner = ownerOf(step, people);
        const to = action === 'remind' ? (owner ? [owner] : await this.hr(tx)) : await this.above(tx, step, people);
        if (to.length === 0) return 'skipped';
        await this.mailer.deadline(tx, to, action, step, timer.subjectId, {
          appraisalId: appraisal.id, appraised: people.person, owner: action === 'escalate' ? owner : null, period: cycle.period, dueAt: deadlineOf(cycle, step),
        }, context.correlationId);
      },
    });
  }

  private async people(tx: Tx, appraisal: ReviewedAppraisal, peerReview: PeerReviewRow | null): Promise<People> {
    const person = (await this.directory.findById(appraisal.employeeId, tx))!;
    const manager = appraisal.managerId ? await this.directory.findById(appraisal.managerId, tx) : null;
    const director = manager ? await this.directory.managerOf(manager, tx) : null;
    const peer = peerReview ? await this.directory.findById(peerReview.peerId, tx) : null;
    const asker = peerReview ? await this.directory.findById(peerReview.requestedById, tx) : null;
    return { person, manager, director, peer, asker };
  }

  /** Who hears of a missed step: the person's manager, the one who picked the peer, the director, then HR. */
  private async above(tx: Tx, step: ReviewStep, people: People): Promise<Employee[]> {
    const one = { self: people.manager, peer: people.asker, manager: people.director, calibration: null }[step];
    if (one) return [one];
    const hr = await this.hr(tx);
    return hr.length > 0 ? hr : this.directory.withRole('ADMIN', tx);
  }

  private async hr(tx: Tx): Promise<Employee[]> {
    return this.directory.withRole('HR', tx);
  }
}

interface People {
  person: Employee;
  manager: Employee | null;
  director: Employee | null;
  peer: Employee | null;
  asker: Employee | null;
}

/** Who owes the step; null when HR does (a person without a manager, or a manager without a director). */
function ownerOf(step: ReviewStep, people: People): Employee | null {
  return { self: people.person, peer: people.peer, manager: people.manager, calibration: people.director }[step];
}

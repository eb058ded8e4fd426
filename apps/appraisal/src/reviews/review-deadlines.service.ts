import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import type { Tx } from '#libs/database';
import { OrgDirectory, type WorkingContext } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { TimerWriter, type ArmTimer } from '#libs/workflow';
import type { CycleRow } from '../cycles/cycles.repository.js';
import { deadlineKey, deadlineMoments, type DeadlineAction } from './review-deadlines.rules.js';
import type { ReviewStep } from './reviews.rules.js';

const ACTIONS: DeadlineAction[] = ['remind', 'escalate'];

export interface OpenedAppraisal {
  id: string;
  employeeId: string;
  managerId: string | null;
}

/**
 * Arms each review step's reminder and escalation in the working time of whoever owes it: the
 * person (self review), the manager of record, the director above them (calibration), each peer
 * once picked. A cycle of any size takes three statements: people, their calendars, the timers.
 */
@Injectable()
export class ReviewDeadlines {
  constructor(
    private readonly directory: OrgDirectory,
    private readonly timers: TimerWriter,
  ) {}

  async armOpening(tx: Tx, cycle: CycleRow, appraisals: OpenedAppraisal[], now: Date, correlationId: string | null): Promise<void> {
    const managerIds = [...new Set(appraisals.flatMap((a) => a.managerId ?? []))];
    const managers = new Map((await this.directory.findManyById(managerIds, tx)).map((m) => [m.id, m]));
    const ownerIds = new Set<string>();
    const owners = appraisals.map((a) => {
      const manager = a.managerId ? managers.get(a.managerId) : undefined;
      // Without a manager (or a director) HR owns the step; the person's own calendar times it.
      const owner = { self: a.employeeId, manager: manager?.id ?? a.employeeId, calibration: manager?.managerId ?? manager?.id ?? a.employeeId };
      Object.values(owner).forEach((id) => ownerIds.add(id));
      return owner;
    });
    const contexts = await this.contexts(tx, [...ownerIds]);
    const moments = momentsPerCalendar(cycle, now);
    const timers: ArmTimer[] = [];
    appraisals.forEach((appraisal, i) => {
      for (const step of ['self', 'manager', 'calibration'] as const) {
        timers.push(...stepTimers(appraisal.id, step, moments(step, contexts.get(owners[i][step])!), correlationId));
      }
    });
    await this.timers.armAll(tx, timers);
  }

  async armPeers(tx: Tx, cycle: CycleRow, peerReviews: { id: string; peerId: string }[], now: Date, correlationId: string | null): Promise<void> {
    const contexts = await this.contexts(tx, peerReviews.map((p) => p.peerId));
    const moments = momentsPerCalendar(cycle, now);
    await this.timers.armAll(tx, peerReviews.flatMap((p) => stepTimers(p.id, 'peer', moments('peer', contexts.get(p.peerId)!), correlationId)));
  }

  /** A step done: its reminder and escalation will not fire. */
  async cancel(tx: Tx, subjectIds: string[], step: ReviewStep, now: Date): Promise<void> {
    await this.timers.cancelByKeys(tx, subjectIds.flatMap((id) => ACTIONS.map((action) => deadlineKey(id, step, action))), now);
  }

  private async contexts(tx: Tx, employeeIds: string[]): Promise<Map<string, WorkingContext>> {
    const people: Employee[] = await this.directory.findManyById([...new Set(employeeIds)], tx);
    return this.directory.workingContexts(people, tx);
  }
}

function stepTimers(subjectId: string, step: ReviewStep, moments: Record<DeadlineAction, Date>, correlationId: string | null): ArmTimer[] {
  return ACTIONS.map((action) => ({
    kind: JOBS.appraisalReviewDeadline, queue: QUEUES.appraisalUrgent, subjectId, dueAt: moments[action], uniqueKey: deadlineKey(subjectId, step, action), correlationId,
  }));
}

/** People share a handful of calendars: each step's moments are computed once per calendar and zone, not per person. */
function momentsPerCalendar(cycle: CycleRow, start: Date): (step: ReviewStep, context: WorkingContext) => Record<DeadlineAction, Date> {
  const memo = new Map<string, Record<DeadlineAction, Date>>();
  return (step, context) => {
    const key = `${step}|${context.calendar.name}|${context.zone}`;
    if (!memo.has(key)) memo.set(key, deadlineMoments(start, deadlineOf(cycle, step), cycle.reminderAt, context.calendar, context.zone));
    return memo.get(key)!;
  };
}

export function deadlineOf(cycle: CycleRow, step: ReviewStep): Date {
  return { self: cycle.selfDueAt, peer: cycle.peerDueAt, manager: cycle.managerDueAt, calibration: cycle.calibrationDueAt }[step];
}

import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { TimerWriter, type ArmTimer } from '#libs/workflow';
import { TrainingPolicyStore } from '../policy/training-policy.store.js';
import type { EmployeeRow } from '../rows.js';
import { DigestRepository } from './digest.repository.js';
import { nextTrainingDigest, trainingDigestKey, type DigestOccurrence } from './digest.rules.js';

/**
 * The weekly digest is a chain of timers, one per manager and local date. A link is always "the
 * first digest time after this instant" in the manager's zone, so the chain, the daily check and
 * a directory change agree on it, and its unique key makes arming it twice harmless.
 */
@Injectable()
export class DigestTimers {
  constructor(
    private readonly repository: DigestRepository,
    private readonly directory: OrgDirectory,
    private readonly policies: TrainingPolicyStore,
    private readonly timers: TimerWriter,
  ) {}

  /** The next link of each of these managers, in one statement (each zone's next time worked out once). */
  async armNext(tx: Tx, managers: EmployeeRow[], policy: { digestWeekday: number; digestLocalTime: string }, after: Date, correlationId: string | null): Promise<void> {
    const contexts = await this.directory.workingContexts(managers, tx);
    const next = nextIn(policy, after);
    await this.timers.armAll(tx, managers.map((manager) => digestTimer(manager.id, next(contexts.get(manager.id)!.zone), correlationId)));
  }

  /**
   * Makes each of these people who manages someone have exactly the link the policy asks for now:
   * armed when missing, moved when the policy's weekday or time changed (the old link cancelled).
   * A link already due is left to fire (it arms the next one itself). Set-based: one read of the
   * links, one of the calendars, one statement to cancel and one to arm.
   */
  async reconcile(tx: Tx, candidateIds: string[], now: Date, correlationId: string | null): Promise<number> {
    const managerIds = await this.repository.managersAmong(tx, candidateIds);
    if (managerIds.length === 0) return 0;
    const { policy } = await this.policies.active(tx);
    const managers = await this.directory.findManyById(managerIds, tx);
    const contexts = await this.directory.workingContexts(managers, tx);
    const pending = await this.repository.pendingLinks(tx, managerIds);
    const dueNow = new Set(pending.filter((link) => link.dueAt.getTime() <= now.getTime()).map((link) => link.managerId));
    const next = nextIn(policy, now);
    const wanted = managers.filter((manager) => !dueNow.has(manager.id)).map((manager) => digestTimer(manager.id, next(contexts.get(manager.id)!.zone), correlationId));
    const wantedKeys = new Set(wanted.map((timer) => timer.uniqueKey));
    const stale = pending.filter((link) => !dueNow.has(link.managerId) && !wantedKeys.has(link.uniqueKey)).map((link) => link.uniqueKey);
    await this.timers.cancelByKeys(tx, stale, now);
    await this.timers.armAll(tx, wanted);
    return managerIds.length;
  }
}

function nextIn(policy: { digestWeekday: number; digestLocalTime: string }, after: Date): (zone: string) => DigestOccurrence {
  const byZone = new Map<string, DigestOccurrence>();
  return (zone) => byZone.get(zone) ?? byZone.set(zone, nextTrainingDigest(after, policy, zone)).get(zone)!;
}

function digestTimer(managerId: string, next: DigestOccurrence, correlationId: string | null): ArmTimer {
  return { kind: JOBS.trainingDigest, queue: QUEUES.trainingBulk, subjectId: managerId, dueAt: next.at, uniqueKey: trainingDigestKey(managerId, next.localDate), correlationId };
}

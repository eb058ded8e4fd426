import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { TimerWriter, WeeklyTimerChain } from '#libs/workflow';
import { TrainingPolicyStore } from '../policy/training-policy.store.js';
import type { EmployeeRow } from '../rows.js';
import { DigestRepository } from './digest.repository.js';
import { digestSchedule, TRAINING_DIGEST_CHAIN } from './digest.rules.js';

/**
 * The weekly digest is a chain of timers, one per manager and local date (libs/workflow
 * WeeklyTimerChain), at the training policy's weekday and time in the manager's zone.
 */
@Injectable()
export class DigestTimers {
  readonly chain: WeeklyTimerChain;

  constructor(
    private readonly repository: DigestRepository,
    private readonly directory: OrgDirectory,
    private readonly policies: TrainingPolicyStore,
    timers: TimerWriter,
  ) {
    this.chain = new WeeklyTimerChain(timers, TRAINING_DIGEST_CHAIN);
  }

  /** The next link of each of these managers, in one statement. */
  async armNext(tx: Tx, managers: EmployeeRow[], policy: { digestWeekday: number; digestLocalTime: string }, after: Date, correlationId: string | null): Promise<void> {
    const contexts = await this.directory.workingContexts(managers, tx);
    await this.chain.armNext(tx, managers.map((manager) => ({ id: manager.id, zone: contexts.get(manager.id)!.zone })), digestSchedule(policy), after, correlationId);
  }

  /**
   * Makes each of these people who manages someone have exactly the link the policy asks for now
   * (armed when missing, moved when the policy's weekday or time changed). Set-based.
   */
  async reconcile(tx: Tx, candidateIds: string[], now: Date, correlationId: string | null): Promise<number> {
    const managerIds = await this.repository.managersAmong(tx, candidateIds);
    if (managerIds.length === 0) return 0;
    const { policy } = await this.policies.active(tx);
    const managers = await this.directory.findManyById(managerIds, tx);
    const contexts = await this.directory.workingContexts(managers, tx);
    const subjects = managers.map((manager) => ({ id: manager.id, zone: contexts.get(manager.id)!.zone }));
    await this.chain.reconcile(tx, managerIds, subjects, digestSchedule(policy), now, correlationId);
    return managerIds.length;
  }
}

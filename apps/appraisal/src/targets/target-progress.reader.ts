import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { SalesFacts } from '../facts/sales-facts.repository.js';
import type { Period } from '../periods/period.js';
import { TargetsRepository, type TargetRow } from './targets.repository.js';
import { progressIn, toCents, type Progress } from './targets.rules.js';

export interface PersonProgress {
  target: TargetRow;
  contracts: number;
  progress: Progress;
}

/**
 * Targets with their actual so far and the pace, for GET /targets and the Monday email: three
 * set-based reads whatever the number of people (the targets, the approved contracts' totals,
 * the people's calendars for their zones).
 */
@Injectable()
export class TargetProgressReader {
  constructor(
    private readonly repository: TargetsRepository,
    private readonly facts: SalesFacts,
    private readonly directory: OrgDirectory,
  ) {}

  /** `employeeIds` null: everyone with a target in the period. Sorted by name. */
  async read(tx: Tx, period: Period, employeeIds: string[] | null, team: string | null, now: Date): Promise<PersonProgress[]> {
    const targets = await this.repository.ofPeriod(tx, [period.text], employeeIds, team);
    if (targets.length === 0) return [];
    const ids = targets.map((target) => target.employeeId);
    const totals = await this.facts.totals(tx, ids, period);
    const contexts = await this.directory.workingContexts(await this.directory.findManyById(ids, tx), tx);
    return targets.map((target) => {
      const sold = totals.get(target.employeeId);
      const zone = contexts.get(target.employeeId)!.zone;
      return { target, contracts: sold?.contracts ?? 0, progress: progressIn(period, zone, now, toCents(target.amount), toCents(sold?.amount ?? '0')) };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { Database } from '#libs/database';
import type { JobPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { OnJob, type JobContext } from '#libs/workflow';
import { DigestTimers } from '../digest/digest-timers.service.js';
import { PlansService } from './plans.service.js';

/**
 * Consumes `employee.changed` (PUT /org/employees): people who joined or moved are enrolled in, or
 * released from, the active plans without anyone republishing. A redelivery changes nothing: the
 * requirements are unique per (year, employee, course) and re-applying writes only a difference.
 * Whoever the change made a manager (the people named and their managers) gets the next link of
 * the weekly digest (DigestTimers.reconcile: harmless when it is armed already).
 */
@Injectable()
export class PlansJobs {
  constructor(
    private readonly plans: PlansService,
    private readonly digestTimers: DigestTimers,
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  @OnJob('training-plan.employee-changed')
  async onEmployeeChanged({ employeeIds }: JobPayload<'training-plan.employee-changed'>, { correlationId }: JobContext): Promise<'done' | 'skipped'> {
    const applied = await this.plans.applyToEmployees(employeeIds, correlationId);
    const managers = await this.database.transaction(async (tx) => {
      const above = await tx.selectFrom('Employee').select('managerId').where((eb) => eb('id', '=', eb.fn.any(eb.val(employeeIds)))).where('managerId', 'is not', null).execute();
      return this.digestTimers.reconcile(tx, [...new Set([...employeeIds, ...above.map((row) => row.managerId!)])], this.clock.now(), correlationId);
    });
    return applied || managers > 0 ? 'done' : 'skipped';
  }
}

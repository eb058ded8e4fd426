import { Injectable } from '@nestjs/common';
import type { JobPayload } from '#libs/queue';
import { OnJob, type JobContext } from '#libs/workflow';
import { PlansService } from './plans.service.js';

/**
 * Consumes `employee.changed` (PUT /org/employees): people who joined or moved are enrolled in, or
 * released from, the active plans without anyone republishing. A redelivery changes nothing: the
 * requirements are unique per (year, employee, course) and re-applying writes only a difference.
 */
@Injectable()
export class PlansJobs {
  constructor(private readonly plans: PlansService) {}

  @OnJob('training-plan.employee-changed')
  async onEmployeeChanged({ employeeIds }: JobPayload<'training-plan.employee-changed'>, { correlationId }: JobContext): Promise<'done' | 'skipped'> {
    return (await this.plans.applyToEmployees(employeeIds, correlationId)) ? 'done' : 'skipped';
  }
}

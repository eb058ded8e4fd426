import { Injectable } from '@nestjs/common';
import { Database } from '#libs/database';
import type { JobPayload } from '#libs/queue';
import { OnJob } from '#libs/workflow';
import { TrainingOutcomesRepository, type RecordedOutcome } from './training-outcomes.repository.js';

/**
 * Consumes the training service's events into appraisal's own rows (an event, not a shared
 * table): the "mandatory training completed on time" KPI and the attrition risk read them.
 * Keyed on the event id, so a redelivered event records nothing twice.
 */
@Injectable()
export class TrainingOutcomesJobs {
  constructor(
    private readonly database: Database,
    private readonly repository: TrainingOutcomesRepository,
  ) {}

  @OnJob('appraisal.training-completed')
  completed({ completedAt, ...facts }: JobPayload<'appraisal.training-completed'>) {
    return this.record({ ...facts, kind: 'COMPLETED', occurredAt: new Date(completedAt) });
  }

  @OnJob('appraisal.training-failed')
  failed({ failedAt, ...facts }: JobPayload<'appraisal.training-failed'>) {
    return this.record({ ...facts, kind: 'FAILED', occurredAt: new Date(failedAt) });
  }

  @OnJob('appraisal.training-overdue')
  overdue(payload: JobPayload<'appraisal.training-overdue'>) {
    return this.record({ ...payload, kind: 'OVERDUE', enrollmentId: null, occurredAt: new Date(`${payload.dueOn}T00:00:00Z`) });
  }

  private async record(outcome: RecordedOutcome): Promise<'done' | 'skipped'> {
    const recorded = await this.database.transaction((tx) => this.repository.record(tx, outcome));
    return recorded ? 'done' : 'skipped';
  }
}

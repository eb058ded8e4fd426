import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { TrainingOutcomeFacts } from '#libs/queue';

export interface RecordedOutcome extends Omit<TrainingOutcomeFacts, 'enrollmentId'> {
  eventId: string;
  kind: 'COMPLETED' | 'FAILED' | 'OVERDUE';
  enrollmentId: string | null;
  occurredAt: Date;
  attempt?: number;
  final?: boolean;
}

/** Appraisal's own record of training outcomes, one row per event. */
@Injectable()
export class TrainingOutcomesRepository {
  /** False when the event was recorded already (a redelivery). */
  async record(tx: Tx, outcome: RecordedOutcome): Promise<boolean> {
    const inserted = await tx
      .insertInto('AppraisalTrainingOutcome')
      .values({
        id: randomUUID(),
        eventId: outcome.eventId,
        kind: outcome.kind,
        employeeId: outcome.employeeId,
        courseId: outcome.courseId,
        category: outcome.category,
        mandatory: outcome.mandatory,
        enrollmentId: outcome.enrollmentId,
        requirementId: outcome.requirementId,
        dueOn: outcome.dueOn === null ? null : new Date(`${outcome.dueOn}T00:00:00Z`),
        occurredAt: outcome.occurredAt,
        attempt: outcome.attempt ?? null,
        final: outcome.final ?? null,
      })
      .onConflict((oc) => oc.column('eventId').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }
}

import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { BadRequestError, type Caller } from '#libs/rpc';
import { INSTALLATION_SUBJECT, JOBS, QUEUES } from '#libs/queue';
import { Clock } from '#libs/time';
import { TimerWriter } from '#libs/workflow';
import { DEFAULT_TRAINING_POLICY, validateTrainingPolicy, withDefaults, type TrainingPolicy } from './training-policy.js';

/** The active training policy: the defaults until HR or an admin replaces it (each replacement a new version). */
@Injectable()
export class TrainingPolicyStore {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly timers: TimerWriter,
  ) {}

  async active(tx: Tx = this.database.db): Promise<{ version: number; policy: TrainingPolicy }> {
    const latest = await tx.selectFrom('TrainingPolicy').select(['version', 'document']).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (!latest) return { version: 0, policy: DEFAULT_TRAINING_POLICY };
    return { version: latest.version, policy: withDefaults(latest.document as unknown as Partial<TrainingPolicy>) };
  }

  async replace(caller: Caller, input: unknown, correlationId: string): Promise<{ version: number; policy: TrainingPolicy }> {
    const validation = validateTrainingPolicy(input);
    if (!validation.ok) throw new BadRequestError('The training policy is invalid; the active policy was kept.', validation.errors);
    return this.database.transaction(async (tx) => {
      // One writer at a time, so versions follow each other.
      await tx.selectFrom('TrainingPolicy').select('version').orderBy('version', 'desc').limit(1).forUpdate().execute();
      const previous = await this.active(tx);
      const now = this.clock.now();
      const row = await tx
        .insertInto('TrainingPolicy')
        .values({ document: JSON.stringify(validation.policy), createdById: caller.id, createdAt: now })
        .returning('version')
        .executeTakeFirstOrThrow();
      await this.audit.record(tx, {
        entityType: 'training-policy', entityId: caller.id, action: 'policy.replaced', actorId: caller.id,
        before: { version: previous.version, document: previous.policy }, after: { version: row.version, document: validation.policy }, correlationId, at: now,
      });
      // The digest check moves every manager's next digest to the new weekday and time (DigestCheckService).
      await this.timers.arm(tx, {
        kind: JOBS.trainingDigestCheck, queue: QUEUES.trainingBulk, subjectId: INSTALLATION_SUBJECT,
        dueAt: now, uniqueKey: `training-digest-check:policy-v${row.version}`, correlationId,
      });
      return { version: row.version, policy: validation.policy };
    });
  }
}

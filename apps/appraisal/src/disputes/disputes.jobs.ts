import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { JobPayload } from '#libs/queue';
import { OnJob, TimerJobs, type JobContext } from '#libs/workflow';
import { CommissionsRepository } from '../commissions/commissions.repository.js';
import { DisputesRepository, type DisputeRow } from './disputes.repository.js';
import { nextStage, stageOfKey, stillAtStage, type DisputeStage } from './disputes.rules.js';
import { DisputesService } from './disputes.service.js';

interface Due {
  dispute: DisputeRow;
  stage: DisputeStage;
}

/**
 * A dispute's SLA ran out at its stage: it moves on (the manager's to FINANCE, FINANCE's to ADMIN),
 * whoever holds it next is told, and the next SLA is counted from the one that ran out. Nothing
 * happens once it is resolved or has moved on; TimerJobs refuses to act before the due time.
 */
@Injectable()
export class DisputesJobs {
  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly repository: DisputesRepository,
    private readonly statements: CommissionsRepository,
    private readonly disputes: DisputesService,
    private readonly audit: AuditWriter,
  ) {}

  @OnJob('commission-dispute.escalate')
  escalate(payload: JobPayload<'commission-dispute.escalate'>, context: JobContext) {
    return this.timerJobs.run<Due>(payload, context, {
      lock: async (tx, timer) => {
        const stage = stageOfKey(timer.uniqueKey);
        const dispute = stage ? await this.repository.lock(tx, timer.subjectId) : null;
        return stage && dispute ? { dispute, stage } : null;
      },
      stillDue: ({ dispute, stage }) => stillAtStage(dispute, stage),
      act: async (tx, { dispute, stage }, timer, now) => {
        const next = nextStage(stage)!;
        const statement = await this.statements.findById(tx, dispute.statementId);
        if (!statement) return 'skipped';
        const person = await this.disputes.existing(tx, dispute.employeeId);
        const dueAt = await this.disputes.dueAt(tx, statement, next, timer.dueAt, person);
        const moved = await this.repository.update(tx, dispute.id, { stage: next, ...(next === 'FINANCE' ? { financeDueAt: dueAt } : {}) });
        await this.disputes.enterStage(tx, moved, statement, person, next, dueAt, null, context.correlationId);
        await this.audit.record(tx, {
          entityType: 'commission-dispute', entityId: dispute.id, action: 'commission-dispute.escalated', actorId: null,
          before: { stage }, after: { stage: next, dueAt: dueAt?.toISOString() ?? null, missed: timer.dueAt.toISOString() }, correlationId: context.correlationId, at: now,
        });
      },
    });
  }
}

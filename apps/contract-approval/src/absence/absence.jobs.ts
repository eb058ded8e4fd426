import { Injectable } from '@nestjs/common';
import type { Absence } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { JobPayload } from '#libs/queue';
import { OnJob, TimerJobs, type JobContext } from '#libs/workflow';
import { ApprovalRepository } from '../approval/approval.repository.js';
import { ApproverResolver } from '../approval/approver-resolver.js';
import { lockContract } from '../approval/contract-lock.js';
import { StepRequests } from '../approval/step-requests.js';
import { AbsenceRepository, type StepAssignment } from './absence.repository.js';
import { assignmentToHandOver, delegatesToRelieve } from './absence.rules.js';

/**
 * An approver's absence: when it starts, their pending steps move to their delegate (or their
 * manager); when it ends, the steps still pending with a delegate on their behalf come back to
 * them, asked again with a link of their own. Both run through TimerJobs under the absence's lock.
 */
@Injectable()
export class AbsenceJobs {
  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly absences: AbsenceRepository,
    private readonly routes: ApprovalRepository,
    private readonly directory: OrgDirectory,
    private readonly resolver: ApproverResolver,
    private readonly stepRequests: StepRequests,
    private readonly audit: AuditWriter,
  ) {}

  @OnJob('absence.start')
  start(payload: JobPayload<'absence.start'>, context: JobContext) {
    return this.timerJobs.run(payload, context, {
      lock: (tx, timer) => this.absences.lock(tx, timer.subjectId),
      act: async (tx, absence, _timer, now) => {
        const held = await this.absences.heldBy(tx, absence.employeeId);
        for (const assignment of held) await this.handOver(tx, assignment, absence.employeeId, now, context.correlationId);
        return held.length > 0 ? 'done' : 'skipped';
      },
    });
  }

  @OnJob('absence.end')
  end(payload: JobPayload<'absence.end'>, context: JobContext) {
    return this.timerJobs.run(payload, context, {
      lock: (tx, timer) => this.absences.lock(tx, timer.subjectId),
      act: async (tx, absence, _timer, now) => {
        // Another absence still covering now keeps the steps where they are; its own end brings them back.
        if (await this.directory.absenceAt(absence.employeeId, now, tx)) return 'skipped';
        let returned = 0;
        for (const assignment of await this.absences.delegatedFor(tx, absence.employeeId)) {
          if (await this.giveBack(tx, assignment, absence, now, context.correlationId)) returned += 1;
        }
        return returned > 0 ? 'done' : 'skipped';
      },
    });
  }

  private async handOver(tx: Tx, { contractId, stepId }: StepAssignment, absentId: string, now: Date, correlationId: string | null): Promise<void> {
    const contract = await lockContract(tx, contractId);
    const step = await this.routes.stepWithStage(tx, stepId);
    const held = assignmentToHandOver(contract, step, absentId);
    if (!held) return;
    const [absent, submitter] = await Promise.all([this.directory.findById(absentId, tx), this.directory.findById(contract.ownerId, tx)]);
    if (!absent || !submitter) return;
    const substitute = await this.resolver.presentFor(absent, submitter, now, tx);
    if (!substitute || substitute.employee.id === absent.id) return;
    await this.absences.deactivate(tx, [held.id]);
    await this.absences.assignDelegate(tx, stepId, substitute.employee.id, absent.id);
    await this.stepRequests.ask(tx, { contract, submitter, step, recipient: substitute.employee, onBehalfOf: absent, now, correlationId });
    await this.audit.record(tx, {
      entityType: 'contract', entityId: contractId, action: 'step.delegated', actorId: null, onBehalfOfId: absent.id,
      before: { stage: step.stage.name, approver: absent.email }, after: { stage: step.stage.name, approver: substitute.employee.email }, correlationId, at: now,
    });
  }

  private async giveBack(tx: Tx, { contractId, stepId }: StepAssignment, absence: Absence, now: Date, correlationId: string | null): Promise<boolean> {
    const approverId = absence.employeeId;
    const contract = await lockContract(tx, contractId);
    const step = await this.routes.stepWithStage(tx, stepId);
    const delegates = delegatesToRelieve(contract, step, approverId);
    if (delegates.length === 0) return false;
    const [approver, submitter] = await Promise.all([this.directory.findById(approverId, tx), this.directory.findById(contract.ownerId, tx)]);
    if (!approver || !submitter) return false;
    await this.absences.deactivate(tx, delegates.map((d) => d.id));
    await this.absences.assignApprover(tx, stepId, approverId);
    await this.stepRequests.ask(tx, { contract, submitter, step, recipient: approver, onBehalfOf: null, now, correlationId, occasion: `returned:${absence.id}` });
    const delegateEmails = (await this.directory.findManyById(delegates.map((d) => d.employeeId), tx)).map((e) => e.email);
    await this.audit.record(tx, {
      entityType: 'contract', entityId: contractId, action: 'step.returned', actorId: null,
      before: { stage: step.stage.name, approvers: delegateEmails }, after: { stage: step.stage.name, approver: approver.email }, correlationId, at: now,
    });
    return true;
  }
}

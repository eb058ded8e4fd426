import { Injectable } from '@nestjs/common';
import type { Absence } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import { randomUUID } from 'node:crypto';
import { Database, PrismaService, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { TimerFiredPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { lockContract } from '../approval/contract-lock.js';
import { RouteRepository } from '../approval/approval.repository.js';
import { StepRequests } from '../approval/step-requests.js';

type Outcome = 'done' | 'skipped';

/**
 * When an absence ends, the steps still pending with a delegate on the approver's behalf come
 * back to the approver, who is asked again with a link of their own; the delegate's right ends.
 * Rights gained by escalation stay (an escalated manager keeps the right to decide).
 */
@Injectable()
export class AbsenceReturns {
  constructor(
    private readonly prisma: PrismaService,
    private readonly database: Database,
    private readonly routes: RouteRepository,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly stepRequests: StepRequests,
    private readonly audit: AuditWriter,
  ) {}

  async absenceEnded(payload: TimerFiredPayload, correlationId: string | null): Promise<Outcome> {
    const absence = await this.prisma.absence.findUnique({ where: { id: payload.subjectId } });
    if (!absence) return 'skipped';
    // Another absence still covering now keeps the steps where they are; its own end brings them back.
    if (await this.directory.absenceAt(absence.employeeId, this.clock.now())) return 'skipped';
    const delegated = await this.prisma.stepAssignee.findMany({
      where: { onBehalfOfId: absence.employeeId, kind: 'DELEGATE', active: true, step: { status: 'PENDING' } },
      select: { stepId: true, step: { select: { contractId: true } } },
    });
    let returned = 0;
    for (const { stepId, step } of delegated) {
      if (await this.database.transaction((tx) => this.giveBack(tx, step.contractId, stepId, absence, correlationId))) returned += 1;
    }
    return returned > 0 ? 'done' : 'skipped';
  }

  private async giveBack(tx: Tx, contractId: string, stepId: string, absence: Absence, correlationId: string | null): Promise<boolean> {
    const approverId = absence.employeeId;
    const contract = await lockContract(tx, contractId);
    const step = await this.routes.stepWithStage(tx, stepId);
    const delegates = step.assignees.filter((a) => a.kind === 'DELEGATE' && a.active && a.onBehalfOfId === approverId);
    if (contract.status !== 'PENDING_APPROVAL' || step.status !== 'PENDING' || step.stage.round !== contract.round || delegates.length === 0) return false;
    const [approver, submitter] = await Promise.all([this.directory.findById(approverId, tx), this.directory.findById(contract.ownerId, tx)]);
    if (!approver || !submitter) return false;
    const now = this.clock.now();
    await tx.updateTable('StepAssignee').set({ active: false }).where('id', 'in', delegates.map((d) => d.id)).execute();
    // The approver's own assignment (absent at submission, they never had one: it is made now).
    await tx
      .insertInto('StepAssignee')
      .values({ id: randomUUID(), stepId, employeeId: approverId, kind: 'APPROVER', active: true, createdAt: new Date() })
      .onConflict((oc) => oc.columns(['stepId', 'employeeId']).doUpdateSet({ active: true }))
      .execute();
    await this.stepRequests.ask(tx, { contract, submitter, step, recipient: approver, onBehalfOf: null, now, correlationId, occasion: `returned:${absence.id}` });
    const delegateEmails = (await this.directory.findManyById(delegates.map((d) => d.employeeId), tx)).map((e) => e.email);
    await this.audit.record(tx, {
      entityType: 'contract', entityId: contractId, action: 'step.returned', actorId: null,
      before: { stage: step.stage.name, approvers: delegateEmails }, after: { stage: step.stage.name, approver: approver.email }, correlationId, at: now,
    });
    return true;
  }
}

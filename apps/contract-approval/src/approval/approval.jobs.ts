import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Employee } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import { Database, PrismaService, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES, type TimerFiredPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { TimerWriter } from '#libs/workflow';
import { ActionTokens } from './action-tokens.service.js';
import { ApprovalMailer } from './approval.mailer.js';
import { ApproverResolver } from './approver-resolver.js';
import { lockContract } from './contract-lock.js';
import { RouteRepository } from './approval.repository.js';
import { nextEscalation } from './approval.rules.js';
import { StepRequests } from './step-requests.js';

/** A timer job that arrives before its due time (clock jump): retried later, never acted on early. */
export class NotYetDueError extends Error {}

type Outcome = 'done' | 'skipped';

/**
 * What happens when approval timers fire: reminders, the escalation ladder, and handing pending
 * steps to a delegate when an absence starts. Each handler locks the contract and re-checks
 * that the work is still relevant, so a duplicate or late job does nothing.
 */
@Injectable()
export class SlaHandlers {
  private readonly logger = new Logger(SlaHandlers.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly resolver: ApproverResolver,
    private readonly tokens: ActionTokens,
    private readonly mailer: ApprovalMailer,
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
    private readonly stepRequests: StepRequests,
    private readonly routes: RouteRepository,
  ) {}

  async remind(payload: TimerFiredPayload, correlationId: string | null): Promise<Outcome> {
    return this.database.transaction(async (tx) => {
      const subject = await this.pendingStep(tx, payload);
      if (!subject) return 'skipped';
      const { step, contract, submitter, now } = subject;
      // The reminder is the approver's (or their delegate's); escalation managers got their own email.
      for (const assignee of step.assignees.filter((a) => a.active && a.kind !== 'ESCALATION')) {
        const employee = await this.directory.findById(assignee.employeeId, tx);
        if (!employee) continue;
        const actionTokenId = await this.tokens.issue(tx, step.id, employee.id, contract.round, now);
        await this.mailer.reminder(tx, step.id, contract.round, employee, {
          contract: this.mailer.contractView(contract, submitter),
          stage: { name: step.stage.name },
          dueAt: (step.stage.dueAt ?? now).toISOString(),
          actionTokenId,
        }, correlationId);
      }
      await this.audit.record(tx, { entityType: 'contract', entityId: contract.id, action: 'step.reminded', actorId: null, after: { stage: step.stage.name, approver: step.ref }, correlationId, at: now });
      return 'done';
    });
  }

  /** One more level up the reporting line; at the top, ADMIN is told once and the ladder stops. */
  async escalate(payload: TimerFiredPayload, correlationId: string | null): Promise<Outcome> {
    return this.database.transaction(async (tx) => {
      const subject = await this.pendingStep(tx, payload);
      if (!subject) return 'skipped';
      const { step, contract, submitter, now, timerDueAt } = subject;
      const level = step.escalationLevel + 1;
      const approvers = await this.directory.findManyById(
        [...new Set(step.assignees.filter((a) => a.kind !== 'ESCALATION').map((a) => a.onBehalfOfId ?? a.employeeId))],
        tx,
      );
      const targets: { manager: Employee; approver: Employee }[] = [];
      for (const approver of approvers) {
        const manager = (await this.directory.reportingChain(approver, tx))[level - 1];
        if (manager && manager.id !== submitter.id && !targets.some((t) => t.manager.id === manager.id)) targets.push({ manager, approver });
      }
      const contractView = this.mailer.contractView(contract, submitter);
      if (targets.length === 0) {
        if (step.topReachedAt) return 'skipped';
        await this.routes.markTopReached(tx, step.id, now);
        for (const admin of await this.directory.withRole('ADMIN', tx)) {
          await this.mailer.ladderTop(tx, step.id, admin, {
            contract: contractView, stage: { name: step.stage.name }, approver: { name: approvers[0]?.name ?? step.ref, email: approvers[0]?.email ?? '' }, level,
          }, correlationId);
        }
        await this.audit.record(tx, { entityType: 'contract', entityId: contract.id, action: 'step.escalation-top-reached', actorId: null, after: { stage: step.stage.name, level }, correlationId, at: now });
        return 'done';
      }
      for (const { manager, approver } of targets) {
        await this.routes.addEscalation(tx, step.id, manager.id, approver.id);
        const actionTokenId = await this.tokens.issue(tx, step.id, manager.id, contract.round, now);
        await this.mailer.escalation(tx, step.id, level, manager, {
          contract: contractView, stage: { name: step.stage.name }, approver: { name: approver.name, email: approver.email }, level, actionTokenId,
        }, correlationId);
      }
      await this.routes.setEscalationLevel(tx, step.id, level);
      const context = await this.directory.workingContext(approvers[0], tx);
      await this.timers.arm(tx, {
        kind: JOBS.approvalEscalate, queue: QUEUES.approvalUrgent, subjectId: step.id,
        dueAt: nextEscalation(timerDueAt, step.stage.sla, context),
        uniqueKey: `approval-escalate:${step.id}:${level + 1}`, correlationId,
      });
      await this.audit.record(tx, {
        entityType: 'contract', entityId: contract.id, action: 'step.escalated', actorId: null,
        after: { stage: step.stage.name, level, to: targets.map((t) => t.manager.email) }, correlationId, at: now,
      });
      return 'done';
    });
  }

  /** Pending steps of the absent approver move to their delegate (or their manager). */
  async absenceStarted(payload: TimerFiredPayload, correlationId: string | null): Promise<Outcome> {
    const absence = await this.prisma.absence.findUnique({ where: { id: payload.subjectId } });
    if (!absence) return 'skipped';
    const held = await this.prisma.stepAssignee.findMany({
      where: { employeeId: absence.employeeId, active: true, kind: { not: 'ESCALATION' }, step: { status: 'PENDING' } },
      include: { step: true },
    });
    for (const assignment of held) {
      await this.database.transaction((tx) => this.handOver(tx, assignment.step.contractId, assignment.stepId, absence.employeeId, correlationId));
    }
    return held.length > 0 ? 'done' : 'skipped';
  }

  private async handOver(tx: Tx, contractId: string, stepId: string, absentId: string, correlationId: string | null): Promise<void> {
    const contract = await lockContract(tx, contractId);
    const step = await this.routes.stepWithStage(tx, stepId);
    const held = step.assignees.find((a) => a.employeeId === absentId && a.active);
    if (contract.status !== 'PENDING_APPROVAL' || step.status !== 'PENDING' || !held) return;
    const now = this.clock.now();
    const [absent, submitter] = await Promise.all([this.directory.findById(absentId, tx), this.directory.findById(contract.ownerId, tx)]);
    if (!absent || !submitter) return;
    const substitute = await this.resolver.presentFor(absent, submitter, now, tx);
    if (!substitute || substitute.employee.id === absent.id) return;
    await tx.updateTable('StepAssignee').set({ active: false }).where('id', '=', held.id).execute();
    await tx
      .insertInto('StepAssignee')
      .values({ id: randomUUID(), stepId, employeeId: substitute.employee.id, kind: 'DELEGATE', onBehalfOfId: absent.id, active: true, createdAt: new Date() })
      .onConflict((oc) => oc.columns(['stepId', 'employeeId']).doUpdateSet({ active: true, kind: 'DELEGATE', onBehalfOfId: absent.id }))
      .execute();
    await this.stepRequests.ask(tx, { contract, submitter, step, recipient: substitute.employee, onBehalfOf: absent, now, correlationId });
    await this.audit.record(tx, {
      entityType: 'contract', entityId: contractId, action: 'step.delegated', actorId: null, onBehalfOfId: absent.id,
      before: { stage: step.stage.name, approver: absent.email }, after: { stage: step.stage.name, approver: substitute.employee.email }, correlationId, at: now,
    });
  }

  /** The timer's step, if it is still pending in the contract's current round (read under the contract's lock). */
  private async pendingStep(tx: Tx, payload: TimerFiredPayload) {
    const found = await tx
      .selectFrom('Timer as t')
      .innerJoin('ApprovalStep as s', (join) => join.on('s.id', '=', payload.subjectId))
      .select(['t.dueAt', 's.contractId'])
      .where('t.id', '=', payload.timerId)
      .executeTakeFirst();
    if (!found) return null;
    const contract = await lockContract(tx, found.contractId);
    if (contract.status !== 'PENDING_APPROVAL') return null;
    // A step of an earlier round is not in the current round's route: nothing to do for it.
    const step = (await this.routes.stagesOfRound(tx, contract.id, contract.round))
      .flatMap(({ steps, ...stage }) => steps.map((routeStep) => ({ ...routeStep, stage })))
      .find((s) => s.id === payload.subjectId);
    if (!step || step.status !== 'PENDING') return null;
    const now = this.clock.now();
    if (found.dueAt.getTime() > now.getTime()) throw new NotYetDueError(`Timer ${payload.timerId} is due at ${found.dueAt.toISOString()}, not yet.`);
    const submitter = await this.directory.findById(contract.ownerId, tx);
    if (!submitter) return null;
    return { step, contract, submitter, now, timerDueAt: found.dueAt };
  }
}

import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES, type JobPayload } from '#libs/queue';
import { OnJob, TimerJobs, TimerWriter, type FiredTimer, type JobContext, type TimerWork } from '#libs/workflow';
import type { Contract } from '../contracts/contract-views.js';
import { ActionTokens } from './action-tokens.service.js';
import { ApprovalMailer } from './approval.mailer.js';
import { ApprovalRepository } from './approval.repository.js';
import { askedApproverIds, awaitsDecision, escalationTargets, nextEscalation, reminderRecipients, stepOfRoute, type RouteStep } from './approval.rules.js';
import { lockContract } from './contract-lock.js';

/** The step an SLA timer fired for, in its contract's current round, under the contract's lock. */
interface TimedStep {
  contract: Contract;
  step: RouteStep;
}

/**
 * The approval SLA timers: the reminder, and the escalation ladder up the reporting line. Each
 * runs through TimerJobs, so a decided step, a late duplicate or an early job does nothing.
 */
@Injectable()
export class ApprovalJobs {
  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly directory: OrgDirectory,
    private readonly tokens: ActionTokens,
    private readonly mailer: ApprovalMailer,
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
    private readonly routes: ApprovalRepository,
  ) {}

  @OnJob('approval.remind')
  remind(payload: JobPayload<'approval.remind'>, context: JobContext) {
    return this.timerJobs.run(payload, context, this.onPendingStep(async (tx, { contract, step }, submitter, now) => {
      for (const assignee of reminderRecipients(step)) {
        const employee = await this.directory.findById(assignee.employeeId, tx);
        if (!employee) continue;
        const actionTokenId = await this.tokens.issue(tx, step.id, employee.id, contract.round, now);
        await this.mailer.reminder(tx, step.id, contract.round, employee, {
          contract: this.mailer.contractView(contract, submitter),
          stage: { name: step.stage.name },
          dueAt: (step.stage.dueAt ?? now).toISOString(),
          actionTokenId,
        }, context.correlationId);
      }
      await this.audit.record(tx, {
        entityType: 'contract', entityId: contract.id, action: 'step.reminded', actorId: null,
        after: { stage: step.stage.name, approver: step.ref }, correlationId: context.correlationId, at: now,
      });
    }));
  }

  /** One more level up the reporting line; at the top, ADMIN is told once and the ladder stops. */
  @OnJob('approval.escalate')
  escalate(payload: JobPayload<'approval.escalate'>, context: JobContext) {
    return this.timerJobs.run(payload, context, this.onPendingStep(async (tx, { contract, step }, submitter, now, timer) => {
      const level = step.escalationLevel + 1;
      const approvers = await this.directory.findManyById(askedApproverIds(step), tx);
      const chains = new Map<string, Employee[]>();
      for (const approver of approvers) chains.set(approver.id, await this.directory.reportingChain(approver, tx));
      const targets = escalationTargets(approvers, chains, level, submitter.id);
      const contractView = this.mailer.contractView(contract, submitter);
      const correlationId = context.correlationId;
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
      const workingContext = await this.directory.workingContext(approvers[0], tx);
      await this.timers.arm(tx, {
        kind: JOBS.approvalEscalate, queue: QUEUES.approvalUrgent, subjectId: step.id,
        dueAt: nextEscalation(timer.dueAt, step.stage.sla, workingContext),
        uniqueKey: `approval-escalate:${step.id}:${level + 1}`, correlationId,
      });
      await this.audit.record(tx, {
        entityType: 'contract', entityId: contract.id, action: 'step.escalated', actorId: null,
        after: { stage: step.stage.name, level, to: targets.map((t) => t.manager.email) }, correlationId, at: now,
      });
      return 'done';
    }));
  }

  /** What both SLA timers share: the step, locked through its contract, still awaiting a decision, and its submitter. */
  private onPendingStep(
    act: (tx: Tx, subject: TimedStep, submitter: Employee, now: Date, timer: FiredTimer) => Promise<'done' | 'skipped' | void>,
  ): TimerWork<TimedStep> {
    return {
      lock: async (tx, timer) => {
        const contractId = await this.routes.contractIdOfStep(tx, timer.subjectId);
        if (!contractId) return null;
        const contract = await lockContract(tx, contractId);
        const step = stepOfRoute(await this.routes.stagesOfRound(tx, contract.id, contract.round), timer.subjectId);
        return step ? { contract, step } : null;
      },
      stillDue: awaitsDecision,
      act: async (tx, subject, timer, now) => {
        const submitter = await this.directory.findById(subject.contract.ownerId, tx);
        if (!submitter) return 'skipped';
        return act(tx, subject, submitter, now, timer);
      },
    };
  }
}

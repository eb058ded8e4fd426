import { Injectable } from '@nestjs/common';
import type { ApprovalStep, Employee, StepAssignee } from '#generated/prisma';
import type { Contract } from '../contracts/contract-views.js';
import { AuditWriter } from '#libs/audit';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { ConflictError, ForbiddenError, UnprocessableError } from '#libs/rpc';
import { EventPublisher, TimerWriter, type ArmTimer } from '#libs/workflow';
import { ContractsRepository } from '../contracts/contracts.repository.js';
import type { StageWithSteps } from '../contracts/contract-views.js';
import type { ApprovalPolicyDocument, SelectedStage } from '../policy/policy.types.js';
import { ActionTokens } from './action-tokens.service.js';
import { ApprovalMailer, type ApprovalRequest } from './approval.mailer.js';
import { ApproverResolver, type ResolvedAssignee } from './approver-resolver.js';
import { assigneeRow, assignmentOf, stageRow, stepRow } from './route-rows.js';
import { ApprovalRepository } from './approval.repository.js';
import { slaDeadlines, stageComplete } from './approval.rules.js';

export interface FlowContext {
  tx: Tx;
  contract: Contract;
  submitter: Employee;
  policy: ApprovalPolicyDocument;
  now: Date;
  correlationId: string | null;
}

export type Decision = 'approve' | 'reject' | 'request_changes';

/** A stage carried over unchanged from the previous round (see resubmission rules). */
export interface KeptStage {
  steps: (ApprovalStep & { assignees: StepAssignee[] })[];
}

/** How a stage starts: its due date, its steps' SLA timers, and who is asked for which step. */
interface StagePlan {
  dueAt: Date;
  timers: ArmTimer[];
  asked: { stepId: string; assignee: ResolvedAssignee; dueAt: Date }[];
}

/**
 * The route of the current round as this transaction knows it, and the approvers it resolved
 * while writing it, by step id: a stage started at that same moment starts with them.
 */
export interface KnownRoute {
  stages: StageWithSteps[];
  resolved: Map<string, ResolvedAssignee[]>;
}

const STEP_STATUS_OF: Record<Decision, 'APPROVED' | 'REJECTED' | 'CHANGES_REQUESTED'> = {
  approve: 'APPROVED',
  reject: 'REJECTED',
  request_changes: 'CHANGES_REQUESTED',
};

/** The approval chain's rules: writing the route, starting stages, applying decisions. */
@Injectable()
export class ApprovalFlow {
  constructor(
    private readonly resolver: ApproverResolver,
    private readonly tokens: ActionTokens,
    private readonly mailer: ApprovalMailer,
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
    private readonly directory: OrgDirectory,
    private readonly routes: ApprovalRepository,
    private readonly contracts: ContractsRepository,
    private readonly events: EventPublisher,
  ) {}

  /** Writes the stages of the contract's current round (one statement); refuses (422) a stage with nobody eligible. */
  async writeRoute(ctx: FlowContext, stages: SelectedStage[], kept: Map<string, KeptStage>): Promise<KnownRoute> {
    const route: KnownRoute = { stages: [], resolved: new Map() };
    for (const stage of stages) {
      const carried = kept.get(stage.name);
      const row = stageRow(ctx.contract, stage, carried !== undefined, ctx.now);
      for (const entry of stage.entries) {
        const previous = carried?.steps.find((s) => s.entryIndex === entry.index);
        const step = stepRow(row, entry, previous);
        if (previous) {
          step.assignees = previous.assignees.map((a) => assigneeRow(step.id, a, a.active));
        } else {
          const resolved = await this.resolveOrRefuse(ctx, stage.name, entry.ref);
          route.resolved.set(step.id, resolved);
          step.assignees = resolved.map((a) => assigneeRow(step.id, assignmentOf(a), true));
        }
        row.steps.push(step);
      }
      route.stages.push(row);
    }
    if (route.stages.length > 0) await this.routes.insertRoute(ctx.tx, route.stages);
    return route;
  }

  private async resolveOrRefuse(ctx: FlowContext, stageName: string, ref: string) {
    const resolved = await this.resolver.resolve(ref, ctx.submitter, ctx.now, ctx.tx);
    if (resolved.length === 0) {
      throw new UnprocessableError(`Stage "${stageName}" has nobody eligible to approve for "${ref}"; nothing was submitted.`);
    }
    return resolved;
  }

  /**
   * Stages approved in the previous round that carry over: still applying, with the same
   * approver entries resolving to the same people (the caller has checked no figure went up).
   */
  async stagesToKeep(ctx: FlowContext, previousRound: number, route: SelectedStage[]): Promise<Map<string, KeptStage>> {
    const previous = (await this.routes.stagesOfRound(ctx.tx, ctx.contract.id, previousRound)).filter((s) => s.status === 'APPROVED');
    const kept = new Map<string, KeptStage>();
    for (const stage of previous) {
      const again = route.find((s) => s.name === stage.name);
      if (!again || again.entries.length !== stage.steps.length) continue;
      let same = true;
      for (const entry of again.entries) {
        const step = stage.steps.find((s) => s.entryIndex === entry.index && s.ref === entry.ref);
        if (!step) {
          same = false;
          break;
        }
        const before = new Set(step.assignees.filter((a) => a.kind !== 'ESCALATION').map((a) => a.onBehalfOfId ?? a.employeeId));
        const resolved = await this.resolver.resolve(entry.ref, ctx.submitter, ctx.now, ctx.tx);
        const now = new Set(resolved.map((r) => (r.onBehalfOf ?? r.employee).id));
        if (before.size !== now.size || [...now].some((id) => !before.has(id))) {
          same = false;
          break;
        }
      }
      if (same) kept.set(stage.name, { steps: stage.steps });
    }
    return kept;
  }

  /**
   * Starts the first waiting stage, or approves the contract when none is left. Its approvers are
   * resolved now (an absence may have begun since the route was written) unless `known` resolved
   * them in this transaction.
   */
  async activateNext(ctx: FlowContext, known?: KnownRoute): Promise<'PENDING' | 'APPROVED'> {
    const { tx, contract, now } = ctx;
    const stages = known?.stages ?? (await this.routes.stagesOfRound(tx, contract.id, contract.round));
    const next = stages.find((s) => s.status === 'WAITING');
    if (!next) {
      await this.finish(ctx, 'APPROVED', null, null);
      return 'APPROVED';
    }
    const plan = await this.planStart(ctx, next, known);
    await this.routes.startStage(tx, next.id, now, plan.dueAt);
    await this.timers.armAll(tx, plan.timers);
    await this.askApprovers(ctx, next, stages.length, plan.asked);
    await this.audit.record(tx, {
      entityType: 'contract', entityId: contract.id, action: 'stage.started', actorId: null,
      after: { stage: next.name, round: contract.round, dueAt: plan.dueAt.toISOString() }, correlationId: ctx.correlationId, at: now,
    });
    return 'PENDING';
  }

  /** Who is asked for each step, the steps' SLA timers, and the stage's due date (its latest escalation). */
  private async planStart(ctx: FlowContext, stage: StageWithSteps, known?: KnownRoute): Promise<StagePlan> {
    const { now } = ctx;
    const plan: StagePlan = { dueAt: now, timers: [], asked: [] };
    for (const step of [...stage.steps].sort((a, b) => a.entryIndex - b.entryIndex)) {
      const assignees = known?.resolved.get(step.id) ?? (await this.reassign(ctx, stage.name, step.id, step.ref));
      const approver = assignees[0].onBehalfOf ?? assignees[0].employee;
      const deadlines = slaDeadlines(now, stage.sla, ctx.policy.reminderAt, await this.directory.workingContext(approver, ctx.tx));
      if (deadlines.escalateAt > plan.dueAt) plan.dueAt = deadlines.escalateAt;
      const timer = { queue: QUEUES.approvalUrgent, subjectId: step.id, correlationId: ctx.correlationId };
      plan.timers.push(
        { ...timer, kind: JOBS.approvalRemind, dueAt: deadlines.remindAt, uniqueKey: `approval-reminder:${step.id}` },
        { ...timer, kind: JOBS.approvalEscalate, dueAt: deadlines.escalateAt, uniqueKey: `approval-escalate:${step.id}:1` },
      );
      for (const assignee of assignees) plan.asked.push({ stepId: step.id, assignee, dueAt: deadlines.escalateAt });
    }
    return plan;
  }

  /** Each person asked gets a single-use link and an approval request email. */
  private async askApprovers(ctx: FlowContext, stage: StageWithSteps, stageCount: number, asked: StagePlan['asked']): Promise<void> {
    const { tx, contract, now } = ctx;
    const decisionContext = await this.mailer.decisionContext(tx, contract, ctx.policy, now);
    const contractView = this.mailer.contractView(contract, ctx.submitter);
    const tokenIds = await this.tokens.issueAll(tx, asked.map((a) => ({ stepId: a.stepId, employeeId: a.assignee.employee.id })), contract.round, now);
    const requests: ApprovalRequest[] = asked.map(({ assignee, dueAt }, i) => ({
      key: { contractId: contract.id, round: contract.round, stage: stage.name, approverId: assignee.employee.id },
      recipient: assignee.employee,
      data: {
        contract: contractView,
        stage: { name: stage.name, position: stage.position + 1, total: stageCount },
        round: contract.round,
        dueAt: dueAt.toISOString(),
        ...decisionContext,
        actionTokenId: tokenIds[i],
        onBehalfOf: assignee.onBehalfOf ? { name: assignee.onBehalfOf.name, email: assignee.onBehalfOf.email } : null,
      },
    }));
    await this.mailer.requests(tx, requests, ctx.correlationId);
  }

  /** The people asked for a step now replace whoever the route named when it was written. */
  private async reassign(ctx: FlowContext, stageName: string, stepId: string, ref: string): Promise<ResolvedAssignee[]> {
    const assignees = await this.resolveOrRefuse(ctx, stageName, ref);
    await this.routes.replaceAssignees(ctx.tx, stepId, assignees.map((a) => assigneeRow(stepId, assignmentOf(a), true)));
    return assignees;
  }

  /** Applies one person's decision to the steps they hold in the current stage. */
  async decide(ctx: FlowContext, actor: Employee, decision: Decision, comment: string | null): Promise<void> {
    const { tx, contract, now } = ctx;
    if (contract.status !== 'PENDING_APPROVAL') throw await this.refusal(ctx, actor, `Contract ${contract.id} is already ${contract.status}.`);
    const stages = await this.routes.stagesOfRound(tx, contract.id, contract.round);
    const stage = stages.find((s) => s.status === 'PENDING');
    const mine = (stage?.steps ?? []).flatMap((step) =>
      step.status === 'PENDING' ? step.assignees.filter((a) => a.active && a.employeeId === actor.id).map((a) => ({ step, assignee: a })) : [],
    );
    if (!stage || mine.length === 0) throw await this.refusal(ctx, actor, `It is not your turn to decide on contract ${contract.id}.`);
    const status = STEP_STATUS_OF[decision];
    for (const { step, assignee } of mine) {
      const decided = await this.routes.decideStep(tx, step.id, { status, decision, comment, decidedById: actor.id, onBehalfOfId: assignee.onBehalfOfId, decidedAt: now });
      if (!decided) throw new ConflictError(`Step ${step.id} was decided meanwhile.`, 'conflict.already_decided');
      Object.assign(step, { status, decidedById: actor.id, onBehalfOfId: assignee.onBehalfOfId });
      await this.audit.record(tx, {
        entityType: 'contract', entityId: contract.id, action: `step.${decision}`, actorId: actor.id, onBehalfOfId: assignee.onBehalfOfId,
        before: { stage: stage.name, approver: step.ref, status: 'PENDING' },
        after: { stage: stage.name, approver: step.ref, status, comment },
        correlationId: ctx.correlationId, at: now,
      });
    }
    if (decision === 'approve') {
      if (!stageComplete(stage)) return this.bumpVersion(ctx);
      // Closing the stage and bumping the contract's version are one statement.
      ctx.contract = await this.routes.closeStageAndUpdateContract(tx, stage, 'APPROVED', now);
      stage.status = 'APPROVED';
      await this.activateNext(ctx, { stages, resolved: new Map() });
      return;
    }
    // Closing the stage and recording the contract's outcome are one statement; finish does the rest.
    const outcome = decision === 'reject' ? 'REJECTED' : 'CHANGES_REQUESTED';
    const recorded = await this.routes.closeStageAndUpdateContract(tx, stage, decision === 'reject' ? 'REJECTED' : null, now, {
      status: outcome,
      decidedAt: outcome === 'REJECTED' ? now : null,
    });
    if (decision === 'reject') stage.status = 'REJECTED';
    await this.finish(ctx, outcome, actor, comment, null, recorded);
  }

  /** Ends a stage: undecided steps close and their timers are cancelled. */
  /**
   * Ends the contract's approval with an outcome, telling the submitter. `recorded`: the contract
   * as a statement of the caller already recorded the outcome (closeStageAndUpdateContract).
   */
  async finish(
    ctx: FlowContext,
    outcome: 'APPROVED' | 'REJECTED' | 'CHANGES_REQUESTED' | 'WITHDRAWN',
    actor: Employee | null,
    comment: string | null,
    autoApprovalReason: string | null = null,
    recorded?: Contract,
  ) {
    const { tx, contract, now } = ctx;
    const final = outcome === 'APPROVED' || outcome === 'REJECTED' || outcome === 'WITHDRAWN';
    const updated = recorded ?? (await this.contracts.recordOutcome(tx, contract.id, outcome, final ? now : null));
    ctx.contract = updated;
    await this.audit.record(tx, {
      entityType: 'contract', entityId: contract.id, action: `contract.${outcome.toLowerCase()}`, actorId: actor?.id ?? null,
      before: { status: contract.status }, after: { status: outcome, ...(comment ? { comment } : {}), ...(autoApprovalReason ? { rule: autoApprovalReason } : {}) },
      correlationId: ctx.correlationId, at: now,
    });
    if (outcome === 'APPROVED') {
      // Customer follow-up plans the post-signing visit and survey and recomputes the tier.
      await this.events.publish(tx, 'contract.approved', { contractId: contract.id }, ctx.correlationId);
    }
    if (outcome !== 'WITHDRAWN') {
      await this.mailer.outcome(tx, updated, ctx.submitter, {
        outcome, comment, decidedBy: actor, autoApprovalReason, contract: this.mailer.contractView(updated, ctx.submitter),
      }, ctx.correlationId);
    }
  }

  private async bumpVersion(ctx: FlowContext): Promise<void> {
    ctx.contract = await this.contracts.bumpVersion(ctx.tx, ctx.contract.id);
  }

  /** On the route but not entitled now: 409. Anyone else: 403. */
  private async refusal(ctx: FlowContext, actor: Employee, conflictMessage: string): Promise<Error> {
    if (await this.contracts.isOnRoute(ctx.tx, actor.id, ctx.contract.id)) return new ConflictError(conflictMessage, 'conflict.not_actionable');
    if (actor.id === ctx.contract.ownerId) return new ForbiddenError('Nobody decides on their own contract.');
    return new ForbiddenError(`You are not an approver of contract ${ctx.contract.id}.`);
  }
}

import type { ApprovalStage, ApprovalStep, StepAssignee } from '#generated/prisma';
import type { WorkingContext } from '#libs/org';
import { addWorkingTime, workingTimeBetween } from '#libs/time';
import type { Contract, StageWithSteps } from '../contracts/contract-views.js';

export interface SlaDeadlines {
  remindAt: Date;
  escalateAt: Date;
}

/** A step of the route with its stage, as the SLA timers' handlers see it. */
export type RouteStep = StageWithSteps['steps'][number] & { stage: Omit<StageWithSteps, 'steps'> };

/** The reminder falls at `reminderAt` of the SLA, both counted in the approver's working time. */
export function slaDeadlines(start: Date, sla: string, reminderAt: number, context: WorkingContext): SlaDeadlines {
  const escalateAt = addWorkingTime(start, sla, context.calendar, context.zone);
  const workingMs = workingTimeBetween(start, escalateAt, context.calendar, context.zone);
  const reminderSeconds = Math.max(1, Math.round((workingMs * reminderAt) / 1000));
  return { remindAt: addWorkingTime(start, `PT${reminderSeconds}S`, context.calendar, context.zone), escalateAt };
}

/** Each further SLA period climbs one more level of the reporting line. */
export function nextEscalation(previous: Date, sla: string, context: WorkingContext): Date {
  return addWorkingTime(previous, sla, context.calendar, context.zone);
}

/** The step in the round's route; a step of an earlier round is not there, and nothing is due for it. */
export function stepOfRoute(stages: StageWithSteps[], stepId: string): RouteStep | undefined {
  return stages.flatMap(({ steps, ...stage }) => steps.map((step) => ({ ...step, stage }))).find((step) => step.id === stepId);
}

/** An SLA timer acts only while its contract awaits approval and its step a decision. */
export function awaitsDecision({ contract, step }: { contract: Pick<Contract, 'status'>; step: Pick<ApprovalStep, 'status'> }): boolean {
  return contract.status === 'PENDING_APPROVAL' && step.status === 'PENDING';
}

/** The reminder is the approver's (or their delegate's); escalation managers got their own email. */
export function reminderRecipients(step: { assignees: StepAssignee[] }): StepAssignee[] {
  return step.assignees.filter((assignee) => assignee.active && assignee.kind !== 'ESCALATION');
}

/** The people a step asks (escalation assignees aside): for a delegate, the approver it acts for. */
export function askedApproverIds(step: { assignees: StepAssignee[] }): string[] {
  return [...new Set(step.assignees.filter((a) => a.kind !== 'ESCALATION').map((a) => a.onBehalfOfId ?? a.employeeId))];
}

/**
 * Who an escalation to `level` reaches: for each approver, the manager that many levels up their
 * reporting chain, never the submitter, each manager once. None: the ladder is at its top.
 */
export function escalationTargets<P extends { id: string }>(
  approvers: P[],
  chains: ReadonlyMap<string, P[]>,
  level: number,
  submitterId: string,
): { manager: P; approver: P }[] {
  const targets: { manager: P; approver: P }[] = [];
  for (const approver of approvers) {
    const manager = chains.get(approver.id)?.[level - 1];
    if (manager && manager.id !== submitterId && !targets.some((t) => t.manager.id === manager.id)) targets.push({ manager, approver });
  }
  return targets;
}

/** Whether the stage's approvals are enough: any one, a quorum of voices, or every step. */
export function stageComplete(stage: Pick<ApprovalStage, 'mode' | 'quorum'> & { steps: StageWithSteps['steps'] }): boolean {
  const approved = stage.steps.filter((s) => s.status === 'APPROVED');
  if (stage.mode === 'any') return approved.length >= 1;
  if (stage.mode === 'quorum') return quorumReached(stage, approved);
  return approved.length === stage.steps.length;
}

/** Whose voice a step's approval is: the person decided for (a delegate speaks for the absent approver). */
function voiceOf(step: ApprovalStep): string {
  return step.onBehalfOfId ?? step.decidedById ?? step.id;
}

/** The people a step asks (escalation assignees aside), as one key: steps asking the same people are one voice. */
function askedKey(step: StageWithSteps['steps'][number]): string {
  return [...askedApproverIds(step)].sort().join(',') || step.id;
}

/**
 * A quorum counts people, not entries: one person named by two entries (role:LEGAL and
 * email:legal@, say) approves both steps with one decision but is one voice. The quorum is capped
 * at the number of distinct voices the stage can have, so it stays reachable.
 */
function quorumReached(stage: Pick<ApprovalStage, 'quorum'> & { steps: StageWithSteps['steps'] }, approved: StageWithSteps['steps']): boolean {
  const voices = new Set(approved.map(voiceOf)).size;
  const possible = new Set(stage.steps.map(askedKey)).size;
  return voices >= Math.min(stage.quorum ?? stage.steps.length, possible);
}

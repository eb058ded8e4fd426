import type { StepAssignee } from '#generated/prisma';
import type { Contract } from '../contracts/contract-views.js';
import type { RouteStep } from '../approval/approval.rules.js';

type StepState = Pick<RouteStep, 'status' | 'assignees'> & { stage: Pick<RouteStep['stage'], 'round'> };

/** The absent approver's active assignment on a step that still awaits a decision; none: nothing to hand over. */
export function assignmentToHandOver(contract: Pick<Contract, 'status'>, step: Pick<StepState, 'status' | 'assignees'>, absentId: string): StepAssignee | undefined {
  if (contract.status !== 'PENDING_APPROVAL' || step.status !== 'PENDING') return undefined;
  return step.assignees.find((a) => a.employeeId === absentId && a.active);
}

/**
 * The delegates to relieve when the approver is back: those acting on their behalf on a step of
 * the contract's current round that still awaits a decision. Rights gained by escalation stay.
 */
export function delegatesToRelieve(contract: Pick<Contract, 'status' | 'round'>, step: StepState, approverId: string): StepAssignee[] {
  if (contract.status !== 'PENDING_APPROVAL' || step.status !== 'PENDING' || step.stage.round !== contract.round) return [];
  return step.assignees.filter((a) => a.kind === 'DELEGATE' && a.active && a.onBehalfOfId === approverId);
}

import { randomUUID } from 'node:crypto';
import type { ApprovalStep, StepAssignee } from '#generated/prisma';
import type { Contract } from '../contracts/contract-views.js';
import type { StageWithSteps } from '../contracts/contract-views.js';
import type { SelectedEntry, SelectedStage } from '../policy/policy.types.js';
import type { ResolvedAssignee } from './approver-resolver.js';

type StepWithAssignees = StageWithSteps['steps'][number];
type Assignment = Pick<StepAssignee, 'employeeId' | 'kind' | 'onBehalfOfId'>;

/** A new stage row of the contract's current round: approved when carried over from the previous round. */
export function stageRow(contract: Contract, stage: SelectedStage, carried: boolean, now: Date): StageWithSteps {
  return {
    id: randomUUID(), contractId: contract.id, round: contract.round, position: stage.position, name: stage.name, mode: stage.mode,
    quorum: stage.quorum, sla: stage.sla, status: carried ? 'APPROVED' : 'WAITING', startedAt: null, dueAt: null, decidedAt: carried ? now : null,
    steps: [],
  };
}

/** A new step row; one carried over keeps the previous round's decision. */
export function stepRow(stage: StageWithSteps, entry: SelectedEntry, previous: ApprovalStep | undefined): StepWithAssignees {
  return {
    id: randomUUID(), stageId: stage.id, contractId: stage.contractId, entryIndex: entry.index, ref: entry.ref,
    status: previous ? previous.status : 'WAITING',
    decision: previous?.decision ?? null, comment: previous?.comment ?? null,
    decidedById: previous?.decidedById ?? null, onBehalfOfId: previous?.onBehalfOfId ?? null, decidedAt: previous?.decidedAt ?? null,
    escalationLevel: 0, topReachedAt: null, assignees: [],
  };
}

export function assignmentOf(resolved: ResolvedAssignee): Assignment {
  return { employeeId: resolved.employee.id, kind: resolved.kind, onBehalfOfId: resolved.onBehalfOf?.id ?? null };
}

export function assigneeRow(stepId: string, who: Assignment, active: boolean): StepAssignee {
  return { id: randomUUID(), stepId, employeeId: who.employeeId, kind: who.kind, onBehalfOfId: who.onBehalfOfId, active, createdAt: new Date() };
}

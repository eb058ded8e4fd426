import type { StepAssignee } from '#generated/prisma';
import { assignmentToHandOver, delegatesToRelieve } from './absence.rules.js';

const assignee = (employeeId: string, kind: StepAssignee['kind'], extra: Partial<StepAssignee> = {}): StepAssignee =>
  ({ id: `a-${employeeId}`, stepId: 's', employeeId, kind, onBehalfOfId: null, active: true, createdAt: new Date(0), ...extra });

const pending = { status: 'PENDING_APPROVAL' as const, round: 2 };

describe('absence rules', () => {
  it('hands over the absent approver\u2019s active assignment on a step still awaiting a decision', () => {
    const step = { status: 'PENDING' as const, assignees: [assignee('ann', 'APPROVER'), assignee('bob', 'APPROVER', { active: false })] };
    expect(assignmentToHandOver(pending, step, 'ann')?.employeeId).toBe('ann');
    expect(assignmentToHandOver(pending, step, 'bob')).toBeUndefined();
    expect(assignmentToHandOver(pending, { ...step, status: 'APPROVED' }, 'ann')).toBeUndefined();
    expect(assignmentToHandOver({ status: 'WITHDRAWN' }, step, 'ann')).toBeUndefined();
  });

  it('relieves the delegates acting for the returning approver in the current round; escalation rights stay', () => {
    const assignees = [
      assignee('del', 'DELEGATE', { onBehalfOfId: 'ann' }),
      assignee('other', 'DELEGATE', { onBehalfOfId: 'cid' }),
      assignee('mgr', 'ESCALATION', { onBehalfOfId: 'ann' }),
    ];
    const step = { status: 'PENDING' as const, assignees, stage: { round: 2 } };
    expect(delegatesToRelieve(pending, step, 'ann').map((a) => a.employeeId)).toEqual(['del']);
    expect(delegatesToRelieve(pending, { ...step, stage: { round: 1 } }, 'ann')).toEqual([]);
    expect(delegatesToRelieve({ ...pending, status: 'REJECTED' }, step, 'ann')).toEqual([]);
  });
});

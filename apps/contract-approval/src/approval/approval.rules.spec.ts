import type { StepAssignee } from '#generated/prisma';
import type { StageWithSteps } from '../contracts/contract-views.js';
import { askedApproverIds, awaitsDecision, escalationTargets, reminderRecipients, stageComplete, stepOfRoute } from './approval.rules.js';

type Step = StageWithSteps['steps'][number];

const assignee = (employeeId: string, kind: StepAssignee['kind'], extra: Partial<StepAssignee> = {}): StepAssignee =>
  ({ id: `a-${employeeId}`, stepId: 's', employeeId, kind, onBehalfOfId: null, active: true, createdAt: new Date(0), ...extra });

const step = (id: string, status: Step['status'], assignees: StepAssignee[] = [], extra: Partial<Step> = {}): Step =>
  ({ id, status, assignees, onBehalfOfId: null, decidedById: null, ...extra }) as Step;

const stage = (mode: string, steps: Step[], quorum: number | null = null) => ({ id: 'g', mode, quorum, steps }) as unknown as StageWithSteps;

describe('approval rules', () => {
  it('reminds the active approvers and delegates, not the managers an escalation added', () => {
    const s = step('s', 'PENDING', [assignee('ann', 'APPROVER'), assignee('bob', 'DELEGATE', { onBehalfOfId: 'cid' }), assignee('eve', 'ESCALATION'), assignee('old', 'APPROVER', { active: false })]);
    expect(reminderRecipients(s).map((a) => a.employeeId)).toEqual(['ann', 'bob']);
    expect(askedApproverIds(s)).toEqual(['ann', 'cid', 'old']);
  });

  it('escalates each approver to the manager `level` up their chain, never the submitter, each manager once', () => {
    const [ann, cid, mia, vic, rep] = ['ann', 'cid', 'mia', 'vic', 'rep'].map((id) => ({ id }));
    const chains = new Map([[ann.id, [mia, vic]], [cid.id, [mia, rep]]]);
    expect(escalationTargets([ann, cid], chains, 1, rep.id)).toEqual([{ manager: mia, approver: ann }]);
    expect(escalationTargets([ann, cid], chains, 2, rep.id)).toEqual([{ manager: vic, approver: ann }]);
    expect(escalationTargets([ann, cid], chains, 3, rep.id)).toEqual([]);
  });

  it('acts on a timer only while the contract awaits approval and the step a decision', () => {
    expect(awaitsDecision({ contract: { status: 'PENDING_APPROVAL' }, step: { status: 'PENDING' } })).toBe(true);
    expect(awaitsDecision({ contract: { status: 'PENDING_APPROVAL' }, step: { status: 'APPROVED' } })).toBe(false);
    expect(awaitsDecision({ contract: { status: 'WITHDRAWN' }, step: { status: 'PENDING' } })).toBe(false);
  });

  it('finds a step in the round\u2019s route with its stage, and not a step of another round', () => {
    const route = [stage('all', [step('s1', 'PENDING')])];
    expect(stepOfRoute(route, 's1')).toMatchObject({ id: 's1', stage: { id: 'g', mode: 'all' } });
    expect(stepOfRoute(route, 'earlier-round')).toBeUndefined();
  });

  it('completes a stage by mode; a quorum counts distinct voices and is capped at the voices possible', () => {
    const approvedBy = (id: string, who: string) => step(id, 'APPROVED', [assignee(who, 'APPROVER')], { decidedById: who });
    expect(stageComplete(stage('any', [approvedBy('s1', 'ann'), step('s2', 'PENDING', [assignee('bob', 'APPROVER')])]))).toBe(true);
    expect(stageComplete(stage('all', [approvedBy('s1', 'ann'), step('s2', 'PENDING', [assignee('bob', 'APPROVER')])]))).toBe(false);
    // One person named by two entries is one voice: a quorum of 2 over them alone is reached by that one voice.
    expect(stageComplete(stage('quorum', [approvedBy('s1', 'ann'), approvedBy('s2', 'ann')], 2))).toBe(true);
    expect(stageComplete(stage('quorum', [approvedBy('s1', 'ann'), step('s2', 'PENDING', [assignee('bob', 'APPROVER')])], 2))).toBe(false);
  });
});

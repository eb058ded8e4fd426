import { randomUUID } from 'node:crypto';
import { QUEUES } from '#libs/queue';
import { ApprovalJobs } from '../../apps/contract-approval/src/approval/approval.jobs.js';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { ALWAYS, duplicatedKeys, engineHasPassed, idempotencyKeyOf, kindOf, ledger, putPolicy, KIND, about } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * SPEC "Approval policy", `sla`: at `reminderAt` of the SLA the approver gets a reminder; at its end
 * the step escalates to the approver's manager (who may then decide in the approver's place, and
 * keeps that right); each further SLA period climbs one more level; at the top of the reporting line
 * the ladder stops and ADMIN is told once. Nothing is ever approved by timeout.
 */
const SLA_MS = 2000;
const VP = 'vp@salesflow.test';
const POLICY = {
  reminderAt: 0.5,
  stages: [{ name: 'manager', when: 'discountPct > 5', approvers: ['manager'], mode: 'all', sla: 'PT2S' }],
};

describe('SLA reminders and the escalation ladder (PT2S on a 24/7 calendar)', () => {
  const system = useTestSystem({
    async setUp() {
      await seedOrg(system, { calendar: ALWAYS });
      // One more level above the director, so the ladder climbs twice before reaching the top:
      // rep -> manager (approver) -> director (level 1) -> vp (level 2) -> top.
      const common = { timezone: 'Asia/Shanghai', locale: 'en', calendar: ALWAYS };
      await system.as(ORG.admin).put('/org/employees').send({
        employees: [
          { email: VP, name: 'Vic VP', role: 'SALES_DIRECTOR', ...common },
          { email: ORG.director, name: 'Dana Director', role: 'SALES_DIRECTOR', managerEmail: VP, team: 'East', ...common },
        ],
      }).expect(200);
      await putPolicy(system, POLICY);
    },
  });

  async function submit(title: string): Promise<string> {
    const response = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title, discountPct: 8 }).expect(201);
    expect(response.body.status).toBe('PENDING_APPROVAL');
    expect(response.body.route).toHaveLength(1);
    expect(response.body.route[0]).toMatchObject({ name: 'manager', status: 'PENDING', approvers: [{ ref: 'manager', emails: [ORG.manager] }] });
    return response.body.id;
  }

  async function stepOf(contractId: string) {
    return system.prisma.approvalStep.findFirstOrThrow({ where: { contractId } });
  }

  it('guarantee: request, then reminder at half the SLA, then one escalation level per SLA period, then ADMIN told exactly once at the top; the ladder stops and nothing is approved by timeout', async () => {
    const id = await submit('Ladder climb');
    const { smtp } = system;
    const arrival = (to: string, prefix: string) =>
      smtp.waitForEmail(`${prefix} to ${to}`, (mail) => mail.to.includes(to) && about(mail, id, prefix)).then((mail) => smtp.received.indexOf(mail));

    const request = await arrival(ORG.manager, KIND.request);
    const reminder = await arrival(ORG.manager, KIND.reminder);
    const level1 = await arrival(ORG.director, KIND.escalation);
    const level2 = await arrival(VP, KIND.escalation);
    const top = await arrival(ORG.admin, KIND.ladderTop);
    // In that order.
    expect([request, reminder, level1, level2, top]).toEqual([...[request, reminder, level1, level2, top]].sort((a, b) => a - b));

    // Let three more SLA periods pass (bounded wait on a probe timer swept by the engine), then
    // nothing more may have happened on this step.
    const step = await stepOf(id);
    await engineHasPassed(system, new Date(Date.now() + 3 * SLA_MS), 'three SLA periods past the top of the ladder');

    const timers = await system.prisma.timer.findMany({ where: { subjectId: step.id }, orderBy: { dueAt: 'asc' } });
    expect(timers.map((t) => t.uniqueKey)).toEqual([
      `approval-reminder:${step.id}`,
      `approval-escalate:${step.id}:1`,
      `approval-escalate:${step.id}:2`,
      `approval-escalate:${step.id}:3`,
    ]);
    // Every timer fired, none early, and no further escalation timer was armed after the top.
    for (const timer of timers) {
      expect(timer.firedAt).not.toBeNull();
      expect(timer.firedAt!.getTime()).toBeGreaterThanOrEqual(timer.dueAt.getTime());
    }

    const mails = smtp.received.filter((mail) => mail.subject.includes(id));
    expect(duplicatedKeys(smtp, (mail) => mail.subject.includes(id))).toEqual([]);
    expect(mails.filter((m) => kindOf(m) === KIND.reminder).map((m) => m.to)).toEqual([[ORG.manager]]);
    expect(mails.filter((m) => kindOf(m) === KIND.escalation).map((m) => m.to)).toEqual([[ORG.director], [VP]]);
    expect(mails.filter((m) => kindOf(m) === KIND.ladderTop).map((m) => m.to)).toEqual([[ORG.admin]]);
    expect(mails).toHaveLength(5);

    // The send ledger agrees: one row per intended email, each sent once.
    const rows = (await ledger(system)).filter((row) => row.idempotencyKey.includes(id) || row.idempotencyKey.includes(step.id));
    expect(rows.map((r) => [r.kind, r.recipient.email, r.status]).sort()).toEqual([
      ['approval-escalation', ORG.director, 'sent'],
      ['approval-escalation', VP, 'sent'],
      ['approval-ladder-top', ORG.admin, 'sent'],
      ['approval-reminder', ORG.manager, 'sent'],
      ['approval-request', ORG.manager, 'sent'],
    ].sort());
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(rows.length);
    expect(new Set(mails.map(idempotencyKeyOf))).toEqual(new Set(rows.map((r) => r.idempotencyKey)));

    // Never approved by timeout.
    const contract = await system.as(ORG.admin).get(`/contracts/${id}`).expect(200);
    expect(contract.body.status).toBe('PENDING_APPROVAL');
    expect(contract.body.route[0].status).toBe('PENDING');
    expect(contract.body.route[0].approvers[0].decision ?? null).toBeNull();
    const audit = await system.as(ORG.admin).get(`/contracts/${id}/audit`).expect(200);
    const actions = audit.body.items.map((item: { action: string }) => item.action);
    expect(actions.filter((a: string) => a === 'step.escalated')).toHaveLength(2);
    expect(actions.filter((a: string) => a === 'step.escalation-top-reached')).toHaveLength(1);
    expect(actions.some((a: string) => a === 'contract.approved' || a === 'step.approve')).toBe(false);

    // A late duplicate of the last escalation job (a retry, a queue rebuilt from the rows) finds
    // the top already reached: nothing is done, ADMIN is not told again.
    const job = { outboxId: randomUUID(), correlationId: null, queue: QUEUES.approvalUrgent };
    expect((await system.app.get(ApprovalJobs).escalate({ timerId: timers[3].id, subjectId: step.id }, job)).outcome).toBe('skipped');
    const after = await system.as(ORG.admin).get(`/contracts/${id}/audit`).expect(200);
    expect(after.body.items.filter((item: { action: string }) => item.action === 'step.escalation-top-reached')).toHaveLength(1);
  });

  it('guarantee: a manager the step escalated to may decide in the approver\u2019s place and keeps that right after the ladder climbs further; the audit says on behalf of the approver', async () => {
    // A longer SLA for this contract (it keeps the policy version it started with), so the
    // decision comfortably lands between the level-2 escalation and the top of the ladder.
    await putPolicy(system, { ...POLICY, stages: [{ ...POLICY.stages[0], sla: 'PT4S' }] });
    const id = await submit('Escalated decision');
    const { smtp } = system;
    await smtp.waitForEmail('the level-1 escalation to the director', (mail) => mail.to.includes(ORG.director) && about(mail, id, KIND.escalation));
    // Wait until the ladder has climbed past the director, who must keep the right to decide.
    await smtp.waitForEmail('the level-2 escalation to the VP', (mail) => mail.to.includes(VP) && about(mail, id, KIND.escalation));

    const inbox = await system.as(ORG.director).get('/approvals/inbox').expect(200);
    expect(JSON.stringify(inbox.body)).toContain(id);

    const decided = await system.as(ORG.director).post(`/contracts/${id}/decisions`).send({ decision: 'approve', comment: 'Approving for Mia' }).expect(200);
    expect(decided.body.status).toBe('APPROVED');
    // A double click makes one change.
    await system.as(ORG.director).post(`/contracts/${id}/decisions`).send({ decision: 'approve' }).expect(409);

    const audit = await system.as(ORG.admin).get(`/contracts/${id}/audit`).expect(200);
    const approval = audit.body.items.find((item: { action: string }) => item.action === 'step.approve');
    expect(approval.actor.email).toBe(ORG.director);
    expect(approval.onBehalfOf.email).toBe(ORG.manager);
    await smtp.waitForEmail('the outcome email', (mail) => mail.to.includes(ORG.rep) && about(mail, id, KIND.outcome));

    // Deciding ends the ladder: the pending escalation timer is cancelled and ADMIN is never told.
    const step = await stepOf(id);
    const top = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: `approval-escalate:${step.id}:3` } });
    await engineHasPassed(system, new Date(top.dueAt.getTime() + 1000), 'the time the ladder would have reached the top');
    const timers = await system.prisma.timer.findMany({ where: { subjectId: step.id } });
    expect(timers.filter((t) => t.firedAt === null && t.cancelledAt === null)).toEqual([]);
    expect(timers.find((t) => t.uniqueKey === `approval-escalate:${step.id}:3`)).toMatchObject({ firedAt: null, cancelledAt: expect.any(Date) });
    expect(smtp.received.filter((mail) => about(mail, id, KIND.ladderTop))).toEqual([]);
    expect(duplicatedKeys(smtp, (mail) => mail.subject.includes(id))).toEqual([]);
  });
});

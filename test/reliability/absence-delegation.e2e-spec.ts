import { actionTokenIn, ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { about, duplicatedKeys, KIND } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * SPEC "Approval policy", absence: while an approver is absent, their steps (new and already
 * pending) go to their delegate; an absent or self-interested delegate passes the step to the
 * approver's manager. Principle 8: the audit trail says "on behalf of". Decisions are
 * authorized at the moment of acting: a caller on the route but not entitled now gets 409,
 * anyone else 403.
 *
 * Each scenario has a team of its own (manager + rep + deputy under the director), because an
 * absence cannot be ended through the API. When an absence ends, what the delegate still holds
 * comes back to the approver.
 */
const HOUR = 3600_000;
const team = (x: string) => ({ manager: `mgr-${x}@salesflow.test`, rep: `rep-${x}@salesflow.test`, deputy: `deputy-${x}@salesflow.test` });
const A = team('a');
const B = team('b');
const C = team('c');
const D = team('d');
const E = team('e');

interface AuditItem {
  action: string;
  actor: { email: string } | null;
  onBehalfOf?: { email: string };
}

describe('absence and delegation', () => {
  const system = useTestSystem({
    async setUp() {
      await seedOrg(system);
      const common = { timezone: 'Asia/Shanghai', locale: 'en' };
      await system.as(ORG.admin).put('/org/employees').send({
        employees: [A, B, C, D, E].flatMap((t, i) => [
          { email: t.manager, name: `Manager ${i}`, role: 'SALES_MANAGER', managerEmail: ORG.director, ...common },
          { email: t.deputy, name: `Deputy ${i}`, role: 'SALES_MANAGER', managerEmail: ORG.director, ...common },
          { email: t.rep, name: `Rep ${i}`, role: 'SALES_SPECIALIST', managerEmail: t.manager, ...common },
        ]),
      }).expect(200);
    },
  });

  async function recordAbsence(employeeEmail: string, from: Date, to: Date, delegateEmail?: string) {
    await system.as(ORG.admin).post('/org/absences')
      .send({ employeeEmail, from: from.toISOString(), to: to.toISOString(), ...(delegateEmail ? { delegateEmail } : {}) })
      .expect(201);
  }

  /** The default policy sends a discount above 5% to the submitter's manager. */
  async function submit(rep: string, title: string) {
    const response = await system.as(rep).post('/contracts').send({ ...SMALL_CONTRACT, title, discountPct: 8 }).expect(201);
    expect(response.body.status).toBe('PENDING_APPROVAL');
    return response.body as { id: string; route: { approvers: { emails: string[] }[] }[] };
  }

  async function audit(id: string): Promise<AuditItem[]> {
    return (await system.as(ORG.admin).get(`/contracts/${id}/audit`).expect(200)).body.items;
  }

  async function status(id: string): Promise<string> {
    return (await system.as(ORG.admin).get(`/contracts/${id}`).expect(200)).body.status;
  }

  it('guarantee: an absence in effect before submission sends the new step to the delegate, who decides; the audit says on behalf of the absent approver', async () => {
    const now = Date.now();
    await recordAbsence(A.manager, new Date(now - HOUR), new Date(now + 7 * 24 * HOUR), A.deputy);
    const contract = await submit(A.rep, 'Absent before submission');
    expect(contract.route[0].approvers[0].emails).toEqual([A.deputy]);

    const request = await system.smtp.waitForEmail('the request to the delegate', (mail) => mail.to.includes(A.deputy) && about(mail, contract.id, KIND.request));
    expect(request.text).toContain(A.manager); // "as the delegate of ... (mgr-a@...)"
    expect(system.smtp.to(A.manager).filter((mail) => about(mail, contract.id))).toEqual([]);

    // The absent approver never held this step: not on the route, so 403; nothing changes.
    await system.as(A.manager).post(`/contracts/${contract.id}/decisions`).send({ decision: 'approve' }).expect(403);
    expect(await status(contract.id)).toBe('PENDING_APPROVAL');

    const decided = await system.as(A.deputy).post(`/contracts/${contract.id}/decisions`).send({ decision: 'approve' }).expect(200);
    expect(decided.body.status).toBe('APPROVED');
    const approval = (await audit(contract.id)).find((item) => item.action === 'step.approve')!;
    expect(approval.actor?.email).toBe(A.deputy);
    expect(approval.onBehalfOf?.email).toBe(A.manager);
  });

  it('guarantee: a step already pending moves to the delegate when the absence starts; the absent approver then gets 409 (on the route, no longer entitled) through the API and their email link; the delegate decides on their behalf', async () => {
    const contract = await submit(B.rep, 'Pending when the absence starts');
    expect(contract.route[0].approvers[0].emails).toEqual([B.manager]);
    const original = await system.smtp.waitForEmail('the request to the approver', (mail) => mail.to.includes(B.manager) && about(mail, contract.id, KIND.request));

    const now = Date.now();
    await recordAbsence(B.manager, new Date(now - 1000), new Date(now + 7 * 24 * HOUR), B.deputy);
    const handedOver = await system.smtp.waitForEmail('the request to the delegate', (mail) => mail.to.includes(B.deputy) && about(mail, contract.id, KIND.request));
    expect(handedOver.text).toContain(B.manager);

    const deputyInbox = await system.as(B.deputy).get('/approvals/inbox').expect(200);
    expect(JSON.stringify(deputyInbox.body)).toContain(contract.id);
    const managerInbox = await system.as(B.manager).get('/approvals/inbox').expect(200);
    expect(JSON.stringify(managerInbox.body)).not.toContain(contract.id);

    await system.as(B.manager).post(`/contracts/${contract.id}/decisions`).send({ decision: 'approve' }).expect(409);
    await system.http.post(`/actions/${actionTokenIn(original.text)}`).send({ decision: 'approve' }).expect(409);
    expect(await status(contract.id)).toBe('PENDING_APPROVAL');

    const decided = await system.as(B.deputy).post(`/contracts/${contract.id}/decisions`).send({ decision: 'approve' }).expect(200);
    expect(decided.body.status).toBe('APPROVED');

    const items = await audit(contract.id);
    const delegated = items.filter((item) => item.action === 'step.delegated');
    expect(delegated).toHaveLength(1);
    expect(delegated[0].onBehalfOf?.email).toBe(B.manager);
    const approval = items.find((item) => item.action === 'step.approve')!;
    expect(approval.actor?.email).toBe(B.deputy);
    expect(approval.onBehalfOf?.email).toBe(B.manager);
    expect(duplicatedKeys(system.smtp, (mail) => mail.subject.includes(contract.id))).toEqual([]);
  });

  it('guarantee: when the delegate is absent too, the step goes to the approver\u2019s manager, who decides on the approver\u2019s behalf', async () => {
    const now = Date.now();
    await recordAbsence(C.deputy, new Date(now - HOUR), new Date(now + 7 * 24 * HOUR));
    await recordAbsence(C.manager, new Date(now - HOUR), new Date(now + 7 * 24 * HOUR), C.deputy);
    const contract = await submit(C.rep, 'Delegate absent too');
    expect(contract.route[0].approvers[0].emails).toEqual([ORG.director]);
    await system.smtp.waitForEmail('the request to the approver\u2019s manager', (mail) => mail.to.includes(ORG.director) && about(mail, contract.id, KIND.request));
    expect(system.smtp.to(C.deputy).filter((mail) => about(mail, contract.id))).toEqual([]);

    await system.as(ORG.director).post(`/contracts/${contract.id}/decisions`).send({ decision: 'approve' }).expect(200);
    const approval = (await audit(contract.id)).find((item) => item.action === 'step.approve')!;
    expect(approval.actor?.email).toBe(ORG.director);
    expect(approval.onBehalfOf?.email).toBe(C.manager);
  });

  it('guarantee: a self-interested delegate (the submitter) is passed over: the approver\u2019s manager gets the step, never the submitter', async () => {
    const now = Date.now();
    await recordAbsence(D.manager, new Date(now - HOUR), new Date(now + 7 * 24 * HOUR), D.rep);
    const contract = await submit(D.rep, 'Delegate is the submitter');
    expect(contract.route[0].approvers[0].emails).toEqual([ORG.director]);
    await system.smtp.waitForEmail('the request to the approver\u2019s manager', (mail) => mail.to.includes(ORG.director) && about(mail, contract.id, KIND.request));
    await system.as(D.rep).post(`/contracts/${contract.id}/decisions`).send({ decision: 'approve' }).expect(403);
    expect(await status(contract.id)).toBe('PENDING_APPROVAL');
  });

  it('guarantee: when the absence ends, a step still pending with the delegate comes back to the approver, who is emailed again (their own link works again); the delegate is then refused (409)', async () => {
    const contract = await submit(E.rep, 'Back from holiday');
    const original = await system.smtp.waitForEmail('the request to the approver', (mail) => mail.to.includes(E.manager) && about(mail, contract.id, KIND.request));
    const now = Date.now();
    await recordAbsence(E.manager, new Date(now - 1000), new Date(now + 3000), E.deputy);
    await system.smtp.waitForEmail('the request to the delegate', (mail) => mail.to.includes(E.deputy) && about(mail, contract.id, KIND.request));

    const again = await system.smtp.waitForEmail(
      'the request to the approver once the absence is over',
      (mail) => mail.to.includes(E.manager) && about(mail, contract.id, KIND.request) && mail.messageId !== original.messageId,
    );
    // One link per approver, step and round: the email names the approver's own link, usable again.
    expect(actionTokenIn(again.text)).toBe(actionTokenIn(original.text));
    await system.as(E.deputy).post(`/contracts/${contract.id}/decisions`).send({ decision: 'approve' }).expect(409);
    expect(JSON.stringify((await system.as(E.manager).get('/approvals/inbox').expect(200)).body)).toContain(contract.id);
    expect(JSON.stringify((await system.as(E.deputy).get('/approvals/inbox').expect(200)).body)).not.toContain(contract.id);

    await system.http.post(`/actions/${actionTokenIn(again.text)}`).send({ decision: 'approve' }).expect(200);
    expect(await status(contract.id)).toBe('APPROVED');
    const items = await audit(contract.id);
    expect(items.map((item) => item.action).filter((action) => action.startsWith('step.'))).toEqual(['step.delegated', 'step.returned', 'step.approve']);
    const approval = items.find((item) => item.action === 'step.approve')!;
    expect([approval.actor?.email, approval.onBehalfOf]).toEqual([E.manager, undefined]);
    expect(duplicatedKeys(system.smtp, (mail) => mail.subject.includes(contract.id))).toEqual([]);
  });
});

import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

describe('contract approval through the HTTP API', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  it('approves at once when no stage applies, says which rule let it through, and tells the submitter', async () => {
    const response = await system.as(ORG.rep).post('/contracts').send(SMALL_CONTRACT).expect(201);
    expect(response.body.status).toBe('APPROVED');
    expect(response.body.route).toEqual([]);
    const audit = await system.as(ORG.rep).get(`/contracts/${response.body.id}/audit`).expect(200);
    const approved = audit.body.items.find((item: { action: string }) => item.action === 'contract.approved');
    expect(approved.after.rule).toContain('No stage applied');
    const email = await system.smtp.waitForEmail('the outcome email', (mail) => mail.to.includes(ORG.rep) && mail.subject.includes(response.body.id));
    expect(email.text).toContain(SMALL_CONTRACT.title);
  });

  it('routes a discount above 5% to the manager, who approves through the API', async () => {
    const submitted = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: 'Discounted order', discountPct: 8 }).expect(201);
    expect(submitted.body.status).toBe('PENDING_APPROVAL');
    expect(submitted.body.route).toHaveLength(1);
    expect(submitted.body.route[0]).toMatchObject({ name: 'manager', status: 'PENDING', approvers: [{ ref: 'manager', emails: [ORG.manager] }] });
    const request = await system.smtp.waitForEmail('the approval request', (mail) => mail.to.includes(ORG.manager) && mail.subject.includes(submitted.body.id));
    expect(request.text).toContain('Discounted order');
    const decided = await system.as(ORG.manager).post(`/contracts/${submitted.body.id}/decisions`).send({ decision: 'approve' }).expect(200);
    expect(decided.body.status).toBe('APPROVED');
    await system.smtp.waitForEmail('the outcome email', (mail) => mail.to.includes(ORG.rep) && mail.subject.includes(submitted.body.id));
  });
});

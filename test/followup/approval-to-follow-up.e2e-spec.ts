import { waitFor } from '#libs/testing';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

describe('an approved contract flows into customer follow-up (across services, through the outbox)', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  it('approving a contract through the API plans the post-signing visit and arms the survey, once', async () => {
    const customer = await system.as(ORG.rep).post('/customers')
      .send({ code: 'FLOW-1', name: 'Flow Customer', tier: 'C', status: 'prospect', contacts: [{ name: 'Chen', email: 'chen@flow.example', locale: 'zh-CN' }] })
      .expect(201);
    const contract = await system.as(ORG.rep).post('/contracts')
      .send({ ...SMALL_CONTRACT, customerId: customer.body.id, customerName: 'Flow Customer', title: 'Flow order', discountPct: 8 })
      .expect(201);
    await system.as(ORG.manager).post(`/contracts/${contract.body.id}/decisions`).send({ decision: 'approve' }).expect(200);

    const visit = await waitFor('the post-signing visit', () => system.prisma.visit.findFirst({ where: { customerId: customer.body.id, kind: 'post_signing' } }));
    expect(visit!.status).toBe('planned');
    const surveyTimer = await system.prisma.timer.findUnique({ where: { uniqueKey: `survey-due:${contract.body.id}` } });
    expect(surveyTimer).not.toBeNull();
    const event = await system.prisma.outbox.findFirst({ where: { jobName: 'contract.approved' } });
    await waitFor('the event to be consumed', () => system.prisma.outbox.findUnique({ where: { id: event!.id } }), (row) => row?.doneAt != null);
    expect(await system.prisma.visit.count({ where: { customerId: customer.body.id, kind: 'post_signing' } })).toBe(1);
  });
});

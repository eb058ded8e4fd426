import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

describe('requests across replicas', () => {
  const system = useTestSystem({
    async setUp() {
      await system.startReplica();
      await seedOrg(system);
    },
  });

  it('hands each request to exactly one replica of the owning service (NATS queue group)', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: `Replica order ${i}` }).expect(201)),
    );
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(12);
    // Had both replicas handled a request, each submission would have written two contracts.
    expect(await system.prisma.contract.count()).toBe(12);
  });

  it('keeps a domain error\u2019s status across the hop (404 stays 404, 409 stays 409)', async () => {
    await system.as(ORG.rep).get('/contracts/00000000-0000-4000-8000-000000000000').expect(404);
    const submitted = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, discountPct: 10 }).expect(201);
    await system.as(ORG.manager).post(`/contracts/${submitted.body.id}/decisions`).send({ decision: 'approve' }).expect(200);
    await system.as(ORG.manager).post(`/contracts/${submitted.body.id}/decisions`).send({ decision: 'approve' }).expect(409);
  });
});

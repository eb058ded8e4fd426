import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 12 item 6: a 403 tells the caller what they may not do, never someone else's email (the
 * caller may have named that person by id). Each refusal below names its person by id only.
 */
describe('security: a 403 body names no one the caller did not name', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });
  const idOf = async (email: string) => (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id;

  it('guarantee: reading another owner\u2019s visits by their id is 403 without their email', async () => {
    const refused = await system.as(ORG.rep2).get(`/revisits?owner=${await idOf(ORG.rep)}`).expect(403);
    expect(JSON.stringify(refused.body)).not.toContain(ORG.rep);
  });

  it('guarantee: a target for someone outside the remit, named by id, is 403 naming the entry and the id, not the email', async () => {
    const director = await idOf(ORG.director);
    const refused = await system.as(ORG.manager).put('/targets/2027-07').send({ targets: [{ employee: director, amount: 1 }] }).expect(403);
    expect(refused.body.message).toContain(`targets[0] (${director})`);
    expect(JSON.stringify(refused.body)).not.toContain(ORG.director);
  });
});

import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

describe('only an ADMIN touches the ADMIN role, and one ADMIN always remains (issue 12 item 3)', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  const person = (email: string, name: string, role: string) => ({ email, name, role, timezone: 'Asia/Shanghai', locale: 'en' });
  const upsert = (as: string, ...employees: object[]) => system.as(as).put('/org/employees').send({ employees });
  const snapshot = async () => ({
    employees: await system.prisma.employee.findMany({ select: { email: true, name: true, role: true, updatedAt: true }, orderBy: { email: 'asc' } }),
    audit: await system.prisma.auditEntry.count(),
  });

  async function expectRefused(status: number, request: () => Promise<{ status: number; body: { message?: string } }>, message: RegExp) {
    const before = await snapshot();
    const answer = await request();
    expect(answer.status).toBe(status);
    expect(answer.body.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  }

  it('HR making itself ADMIN is 403 and writes nothing', async () => {
    await expectRefused(403, () => upsert(ORG.hr, person(ORG.hr, 'Hana HR', 'ADMIN')), /Only an ADMIN may make/);
  });

  it('HR demoting the ADMIN, or editing the ADMIN at all, is 403 and writes nothing', async () => {
    await expectRefused(403, () => upsert(ORG.hr, person(ORG.admin, 'admin', 'HR')), /Only an ADMIN may change/);
    await expectRefused(403, () => upsert(ORG.hr, person(ORG.admin, 'Renamed by HR', 'ADMIN')), /Only an ADMIN may change/);
    // Not even hidden among rows HR may write.
    await expectRefused(403, () => upsert(ORG.hr, person(ORG.legal, 'Leo Legal', 'LEGAL'), person(ORG.admin, 'admin', 'FINANCE')), /Only an ADMIN may change/);
  });

  it('HR still edits employees who are not ADMINs', async () => {
    await upsert(ORG.hr, person(ORG.legal, 'Leo Legal-Li', 'LEGAL')).expect(200);
  });

  it('the only ADMIN demoting itself is 409 and writes nothing; the ADMIN can still act afterwards', async () => {
    await expectRefused(409, () => upsert(ORG.admin, person(ORG.admin, 'admin', 'HR')), /no ADMIN/);
    await system.as(ORG.admin).get('/org/employees').expect(200);
  });

  it('an ADMIN promotes someone (200); with two ADMINs one may step down, and the last one still may not', async () => {
    const promoted = await upsert(ORG.admin, person(ORG.finance, 'Fay Finance', 'ADMIN')).expect(200);
    expect(promoted.body.items[0]).toMatchObject({ email: ORG.finance, role: 'ADMIN' });
    await upsert(ORG.finance, person(ORG.admin, 'admin', 'HR')).expect(200);
    await expectRefused(409, () => upsert(ORG.finance, person(ORG.finance, 'Fay Finance', 'FINANCE')), /no ADMIN/);
    expect((await system.prisma.employee.findMany({ where: { role: 'ADMIN' } })).map((e) => e.email)).toEqual([ORG.finance]);
  });
});

import { ManualClock } from '#libs/time';
import { engineIdle } from '../followup/engine-idle.js';
import { addEmployees, contractBody, decide, submit, waitForRequest } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 11 item 2, targets: PUT /targets/:period within the caller's remit, all or nothing and
 * audited; GET /targets with the actual from approved contracts in two currencies (in
 * BASE_CURRENCY, CNY), counted on the approval date in the owner's zone, and attainment against a
 * linear pace read in each person's zone.
 *
 * Dana (director) <- Mia (manager) <- Ray, Rita (Shanghai) and Ned (New York, team West).
 */
const T0 = new Date('2026-12-16T04:00:00Z'); // 12:00 on the 16th in Shanghai: exactly half of December there
const NY_REP = 'nyrep@salesflow.test';

describe('appraisal: sales targets and progress', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [{ email: NY_REP, name: 'Ned North', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'West', timezone: 'America/New_York' }]);
    },
  });
  const put = (as: string, period: string, targets: unknown) => system.as(as).put(`/targets/${period}`).send({ targets });
  const written = async () => ({ targets: await system.prisma.salesTarget.count(), audit: await system.prisma.auditEntry.count({ where: { entityType: 'sales-target' } }) });

  it('guarantee: bad input is 400 with field messages, outside the remit 403, no token 401; nothing is written', async () => {
    const before = await written();
    const bad = await put(ORG.manager, '2026-13', [{ employee: ORG.rep, amount: 1 }]).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'period', message: 'must be a year (2026), a quarter (2026-Q4) or a month (2026-12)' }]);
    await put(ORG.manager, '2026Q4', [{ employee: ORG.rep, amount: 1 }]).expect(400);
    const unknown = await put(ORG.manager, '2026-12', [{ employee: ORG.rep, amount: 1 }, { employee: 'nobody@salesflow.test', amount: 2 }]).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'targets[1].employee', message: 'no employee has the id or email nobody@salesflow.test' }]);
    const twice = await put(ORG.manager, '2026-12', [{ employee: ORG.rep, amount: 1 }, { employee: ORG.rep.toUpperCase(), amount: 2 }]).expect(400);
    expect(twice.body.errors[0].field).toBe('targets[1].employee');
    for (const amount of [-1, 1.234, '5', null]) {
      const response = await put(ORG.manager, '2026-12', [{ employee: ORG.rep, amount }]).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining([expect.stringMatching(/^targets\.0\.amount|targets\[0\]\.amount$/)]));
    }
    await put(ORG.manager, '2026-12', []).expect(400);
    // A specialist sets no target; a manager none outside their line, nor their own; HR none.
    await put(ORG.rep, '2026-12', [{ employee: ORG.rep2, amount: 1 }]).expect(403);
    await put(ORG.hr, '2026-12', [{ employee: ORG.rep, amount: 1 }]).expect(403);
    const outside = await put(ORG.manager, '2026-12', [{ employee: ORG.rep, amount: 1 }, { employee: ORG.director, amount: 1 }]).expect(403);
    expect(outside.body.message).toContain(ORG.director);
    await put(ORG.manager, '2026-12', [{ employee: ORG.manager, amount: 1 }]).expect(403);
    await system.http.put('/targets/2026-12').send({ targets: [{ employee: ORG.rep, amount: 1 }] }).expect(401);
    await system.http.get('/targets?period=2026-12').expect(401);
    await system.as(ORG.manager).get('/targets?period=2026-W1').expect(400);
    await system.as(ORG.manager).get('/targets').expect(400);
    expect(await written()).toEqual(before);
  });

  it('guarantee: a manager sets their line\u2019s targets all at once, by id or email; each change is audited and versioned, an unchanged one is not', async () => {
    const rita = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.rep2 } });
    const first = await put(ORG.manager, '2026-12', [{ employee: ORG.rep, amount: 300000 }, { employee: rita.id, amount: 100000 }, { employee: NY_REP, amount: 100000 }]).expect(200);
    expect(first.body.currency).toBe('CNY');
    expect(first.body.targets.map((t: { employee: { email: string }; amount: number; version: number; changed: boolean }) => [t.employee.email, t.amount, t.version, t.changed]))
      .toEqual([[ORG.rep, 300000, 1, true], [ORG.rep2, 100000, 1, true], [NY_REP, 100000, 1, true]]);
    const second = await put(ORG.manager, '2026-12', [{ employee: ORG.rep, amount: 310000 }, { employee: ORG.rep2, amount: 100000 }]).expect(200);
    expect(second.body.targets.map((t: { version: number; changed: boolean }) => [t.version, t.changed])).toEqual([[2, true], [1, false]]);
    const audit = await system.prisma.auditEntry.findMany({ where: { action: 'sales-target.set' }, orderBy: { at: 'asc' } });
    expect(audit).toHaveLength(4);
    const ray = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.rep } });
    expect(audit.filter((a) => (a.after as { employeeId: string }).employeeId === ray.id).map((a) => [(a.before as { amount: string } | null)?.amount ?? null, (a.after as { amount: string }).amount]))
      .toEqual([[null, '300000.00'], ['300000.00', '310000.00']]);
    // A director sets the managers below them (and, decided: anyone in their line); ADMIN anyone.
    await put(ORG.director, '2026-12', [{ employee: ORG.manager, amount: 600000 }]).expect(200);
    await put(ORG.admin, '2026-Q4', [{ employee: ORG.director, amount: 2000000 }]).expect(200);
  });

  it('guarantee: the actual is approved contracts in CNY and USD through the approval flow, against the pace in each person\u2019s zone', async () => {
    await system.as(ORG.admin).put('/fx-rates').send({ rates: { USD: 7.1 } }).expect(200);
    // Ray: CNY 50,000 is approved at once; USD 20,000 = CNY 142,000 needs his manager.
    expect((await submit(system, ORG.rep, contractBody('Yuan deal', { amount: 50_000, currency: 'CNY' }))).status).toBe('APPROVED');
    const dollars = await submit(system, ORG.rep, contractBody('Dollar deal', { amount: 20_000, currency: 'USD' }));
    expect(dollars.status).toBe('PENDING_APPROVAL');
    // Still pending: not counted.
    let page = (await system.as(ORG.manager).get('/targets?period=2026-12').expect(200)).body;
    expect(page.items.find((i: { employee: { email: string } }) => i.employee.email === ORG.rep).actual).toBe(50000);
    await waitForRequest(system, ORG.manager, dollars.id);
    await decide(system, ORG.manager, dollars.id, 'approve').expect(200);

    page = (await system.as(ORG.manager).get('/targets?period=2026-12').expect(200)).body;
    const row = (email: string) => page.items.find((i: { employee: { email: string } }) => i.employee.email === email);
    expect(page.asOf).toBe(T0.toISOString());
    // By name; Mia reads her own target too (everyone reads their own).
    expect(page.items.map((i: { employee: { email: string } }) => i.employee.email)).toEqual([ORG.manager, NY_REP, ORG.rep, ORG.rep2]);
    // Shanghai is exactly half-way through December.
    expect(row(ORG.rep)).toMatchObject({ target: 310000, actual: 192000, contracts: 2, attainmentPct: 61.94, expected: 155000, elapsedPct: 50, behindPace: false, version: 2 });
    expect(row(ORG.rep2)).toMatchObject({ target: 100000, actual: 0, attainmentPct: 0, expected: 50000, behindPace: true });
    // New York's December began 13 hours later: 359 of 744 hours.
    expect(row(NY_REP)).toMatchObject({ target: 100000, actual: 0, expected: 48252.69, behindPace: true, team: 'West' });
    expect(row(ORG.manager)).toMatchObject({ target: 600000, actual: 0, expected: 300000, behindPace: true, setBy: { email: ORG.director } });
    expect(page.total).toEqual({ people: 4, target: 1110000, actual: 192000, expected: 553252.69, attainmentPct: 17.3, behindPace: true, behindCount: 3 });
  });

  it('guarantee: a contract approved at 23:30 on 31 December in New York counts in December for its New York owner (already January in Shanghai)', async () => {
    clock.set(new Date('2027-01-01T04:00:00Z'));
    await engineIdle(system, clock, 'new year');
    const late = await submit(system, NY_REP, contractBody('New year deal', { amount: 20_000, currency: 'USD' }));
    await waitForRequest(system, ORG.manager, late.id);
    clock.set(new Date('2027-01-01T04:30:00Z')); // 23:30 on 31 December in New York, 12:30 on 1 January in Shanghai
    await decide(system, ORG.manager, late.id, 'approve').expect(200);
    const december = (await system.as(ORG.admin).get('/targets?period=2026-12&team=West').expect(200)).body;
    expect(december.items).toHaveLength(1);
    expect(december.items[0]).toMatchObject({ employee: { email: NY_REP }, actual: 142000, contracts: 1, attainmentPct: 142, behindPace: false });
    await put(ORG.manager, '2027-01', [{ employee: NY_REP, amount: 50000 }]).expect(200);
    const january = (await system.as(ORG.manager).get('/targets?period=2027-01').expect(200)).body;
    expect(january.items[0]).toMatchObject({ employee: { email: NY_REP }, actual: 0, contracts: 0 });
  });

  it('guarantee: each caller sees their own view; team= filters; long lists page with the total of the whole view', async () => {
    const emails = async (as: string) => (await system.as(as).get('/targets?period=2026-12').expect(200)).body.items.map((i: { employee: { email: string } }) => i.employee.email);
    expect(await emails(ORG.rep)).toEqual([ORG.rep]);
    expect(await emails(ORG.manager)).toEqual([ORG.manager, NY_REP, ORG.rep, ORG.rep2]);
    expect(await emails(ORG.director)).toEqual([ORG.manager, NY_REP, ORG.rep, ORG.rep2]);
    expect(await emails(ORG.admin)).toEqual([ORG.manager, NY_REP, ORG.rep, ORG.rep2]);
    expect(await emails(ORG.hr)).toEqual([]);
    expect(await emails(ORG.finance)).toEqual([]);
    const first = (await system.as(ORG.director).get('/targets?period=2026-12&limit=3').expect(200)).body;
    expect(first.items).toHaveLength(3);
    expect(first.total.people).toBe(4);
    const rest = (await system.as(ORG.director).get(`/targets?period=2026-12&limit=3&cursor=${first.nextCursor}`).expect(200)).body;
    expect(rest.items.map((i: { employee: { email: string } }) => i.employee.email)).toEqual([ORG.rep2]);
    expect(rest.nextCursor).toBeNull();
    expect((await system.as(ORG.director).get('/targets?period=2026-12&team=East').expect(200)).body.total.people).toBe(3);
  });

  it('lists both endpoints with their roles in the OpenAPI document', async () => {
    const doc = (await system.http.get('/docs-json').expect(200)).body;
    expect(doc.paths['/targets/{period}'].put.description).toBe('Roles: SALES_MANAGER, SALES_DIRECTOR, ADMIN.');
    expect(doc.paths['/targets'].get.description).toBe('Roles: any authenticated employee.');
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { ManualClock } from '#libs/time';
import { addEmployees, contractBody, decide, submit } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { signIn } from '../support/sign-in.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 14 items 2 and 3 through the HTTP API: the desk and the sales reports read only the
 * caller's reporting line (a specialist never sees a colleague's data, a manager sees their line),
 * the report figures equal sums computed from the seeded rows, CSV cells are formula-safe, and a
 * contract decided from the desk is decided.
 * Time: a ManualClock on Wednesday 2027-03-10 10:00 in Shanghai; everyone works 24x7 so SLAs are clock hours.
 */
const T0 = new Date('2027-03-10T02:00:00Z');
const CS = 'cs@salesflow.test';
const HOUR = 3_600_000;

interface ReportBody {
  from: string;
  to: string;
  columns: string[];
  rows: Record<string, string | number | null>[];
  thresholds: { stage: string; discountPct: number }[];
}

describe('desk and reports: the caller\u2019s reporting line only', () => {
  const clock = new ManualClock(T0);
  const customers: Record<'alpha' | 'beta', string> = { alpha: '', beta: '' };
  const contracts = { repPending: '', rep2Decided: '', rep2Breached: '' };
  const titles: Record<string, string> = {};
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system, { calendar: '24x7' });
      await addEmployees(system, [{ email: CS, name: 'Cora Service', role: 'CUSTOMER_SERVICE', managerEmail: ORG.manager, team: 'East', calendar: '24x7' }]);
      for (const [key, owner, tier, name] of [['alpha', ORG.rep, 'A', 'Alpha Pumps Co'], ['beta', ORG.rep2, 'B', 'Beta Valves Ltd']] as const) {
        const created = await system.as(owner).post('/customers').send({ code: `${key.toUpperCase()}-${randomBytes(3).toString('hex')}`, name, tier }).expect(201);
        customers[key] = created.body.id;
      }
      // Approved at once (no stage applies to a 3% discount under 100,000).
      const approved = [
        [ORG.rep, { amount: 10000, region: 'Shanghai', productLine: 'Pumps', customerId: customers.alpha, customerName: 'Alpha Pumps Co' }],
        [ORG.rep, { amount: 20000.5, region: 'Beijing', productLine: 'Valves' }],
        [ORG.rep, { amount: 5000, region: 'Shanghai', productLine: 'Pumps' }],
        [ORG.rep2, { amount: 70000, region: '=HYPERLINK("http://evil.test","x")', productLine: 'Valves', customerId: customers.beta, customerName: 'Beta Valves Ltd' }],
      ] as const;
      for (const [owner, overrides] of approved) {
        const { status } = await submit(system, owner, contractBody('Approved order', overrides));
        expect(status).toBe('APPROVED');
      }
      // Waits for the manager (discount above 5%).
      const pending = contractBody('Rep pending order', { discountPct: 10, amount: 30000, region: 'Shanghai' });
      contracts.repPending = (await submit(system, ORG.rep, pending)).id;
      titles.repPending = pending.title;
      // Decided by the manager two hours after it was asked, and another ten hours after (its SLA is 8 hours).
      const decided = contractBody('Rep2 decided order', { discountPct: 8, amount: 40000, region: 'Shenzhen', productLine: 'Valves' });
      contracts.rep2Decided = (await submit(system, ORG.rep2, decided)).id;
      titles.rep2Decided = decided.title;
      const breached = contractBody('Rep2 late order', { discountPct: 6.5, amount: 1000, region: 'Shenzhen', productLine: 'Valves' });
      contracts.rep2Breached = (await submit(system, ORG.rep2, breached)).id;
      titles.rep2Breached = breached.title;
      clock.advance(2 * HOUR);
      await decide(system, ORG.manager, contracts.rep2Decided, 'approve').expect(200);
      clock.advance(8 * HOUR);
      await decide(system, ORG.manager, contracts.rep2Breached, 'approve').expect(200);
      // An overdue revisit and an open complaint for each specialist's customer.
      for (const [key, owner] of [['alpha', ORG.rep], ['beta', ORG.rep2]] as const) {
        const ownerId = (await system.prisma.employee.findUniqueOrThrow({ where: { email: owner } })).id;
        await system.prisma.visit.create({ data: { customerId: customers[key], ownerId, kind: 'routine', dueAt: new Date(T0.getTime() - 5 * 24 * HOUR) } });
        await system.as(owner).post('/complaints').send({ customerId: customers[key], severity: 'low', channel: 'email', description: 'Late delivery' }).expect(201);
      }
      await system.as(ORG.manager).put('/targets/2027-03').send({ targets: [{ employee: ORG.rep, amount: 100000 }, { employee: ORG.rep2, amount: 200000 }] }).expect(200);
      // Surveys answered this month: two about rep's customer, one about rep2's.
      for (const [customerId, score] of [[customers.alpha, 5], [customers.alpha, 3], [customers.beta, 1]] as const) {
        await system.prisma.survey.create({
          data: { customerId, contactEmail: `c-${randomUUID()}@customer.test`, reason: 'contract', sourceId: randomUUID(), tokenHash: randomUUID(), expiresAt: new Date(T0.getTime() + 240 * HOUR), answeredAt: new Date(T0.getTime() + HOUR), score },
        });
      }
    },
  });

  const report = async (as: string, name: string, query = 'from=2027-03-01&to=2027-03-31'): Promise<ReportBody> =>
    (await system.as(as).get(`/reports/${name}?${query}`).expect(200)).body as ReportBody;
  const total = (rows: ReportBody['rows'], column: string) => rows.reduce((sum, row) => sum + Number(row[column]), 0);

  async function approvedSum(ownerEmails: string[]): Promise<{ amount: number; contracts: number }> {
    const owners = await system.prisma.employee.findMany({ where: { email: { in: ownerEmails } } });
    const rows = await system.prisma.contract.findMany({ where: { status: 'APPROVED', ownerId: { in: owners.map((o) => o.id) } } });
    return { amount: rows.reduce((sum, row) => sum + Number(row.amountBase), 0), contracts: rows.length };
  }

  it('sales: a manager\u2019s figures are the sums of their line\u2019s approved contracts; each specialist sees only their own', async () => {
    const manager = await report(ORG.manager, 'sales');
    const line = await approvedSum([ORG.rep, ORG.rep2, ORG.manager]);
    expect(total(manager.rows, 'amount')).toBeCloseTo(line.amount, 2);
    expect(total(manager.rows, 'contracts')).toBe(line.contracts);
    expect(line.contracts).toBe(6);

    // Customer type is the customer's tier as customer-follow-up keeps it now (an approval may move it).
    const tierOf = async (id: string) => (await system.prisma.customer.findUniqueOrThrow({ where: { id } })).tier;
    const rep = await report(ORG.rep, 'sales');
    expect(total(rep.rows, 'amount')).toBeCloseTo(35000.5, 2);
    expect(total(rep.rows, 'amount')).toBeCloseTo((await approvedSum([ORG.rep])).amount, 2);
    expect(rep.rows).toEqual(expect.arrayContaining([
      { month: '2027-03', region: 'Shanghai', productLine: 'Pumps', customerType: await tierOf(customers.alpha), contracts: 1, amount: '10000.00' },
      { month: '2027-03', region: 'Shanghai', productLine: 'Pumps', customerType: '(none)', contracts: 1, amount: '5000.00' },
    ]));
    expect(JSON.stringify(rep.rows)).not.toMatch(/Shenzhen|HYPERLINK/);
    const rep2 = await report(ORG.rep2, 'sales');
    expect(total(rep2.rows, 'amount')).toBeCloseTo(111000, 2);
    expect(JSON.stringify(rep2.rows)).not.toMatch(/Beijing|Pumps/);
  });

  it('sales: a window that excludes the days approves nothing; local days of the caller\u2019s zone', async () => {
    expect((await report(ORG.manager, 'sales', 'from=2027-02-01&to=2027-02-28')).rows).toEqual([]);
    const single = await report(ORG.manager, 'sales', 'from=2027-03-10&to=2027-03-10');
    expect(total(single.rows, 'contracts')).toBe(6);
  });

  it('CSV: the same figures, with a cell a spreadsheet would run as a formula written as text', async () => {
    const response = await system.as(ORG.rep2).get('/reports/sales?format=csv&from=2027-03-01&to=2027-03-31').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.trim().split('\r\n');
    const tier = (await system.prisma.customer.findUniqueOrThrow({ where: { id: customers.beta } })).tier;
    expect(lines[0]).toBe('month,region,productLine,customerType,contracts,amount');
    expect(lines).toContain(`2027-03,"'=HYPERLINK(""http://evil.test"",""x"")",Valves,${tier},1,70000.00`);
    expect(lines).toHaveLength(3);
  });

  it('discounts: submitted contracts by whole percent beside the policy thresholds, the line only', async () => {
    const manager = await report(ORG.manager, 'discounts');
    expect(manager.rows).toEqual([
      { discountPct: 3, contracts: 4, amount: '105000.50' },
      { discountPct: 6, contracts: 1, amount: '1000.00' },
      { discountPct: 8, contracts: 1, amount: '40000.00' },
      { discountPct: 10, contracts: 1, amount: '30000.00' },
    ]);
    expect(manager.thresholds).toEqual([{ stage: 'manager', discountPct: 5 }, { stage: 'director', discountPct: 15 }]);
    const rep = await report(ORG.rep, 'discounts');
    expect(rep.rows).toEqual([{ discountPct: 3, contracts: 3, amount: '35000.50' }, { discountPct: 10, contracts: 1, amount: '30000.00' }]);
  });

  it('approval cycle: hours to decide and SLA breaches by stage; the still pending stage is past its SLA', async () => {
    const manager = await report(ORG.manager, 'approval-cycle');
    expect(manager.rows).toEqual([{ stage: 'manager', decided: 2, averageHours: 6, maxHours: 10, breaches: 1, pendingOverdue: 1 }]);
    // rep owns only the pending one; rep2 only the two decided.
    expect((await report(ORG.rep, 'approval-cycle')).rows).toEqual([{ stage: 'manager', decided: 0, averageHours: null, maxHours: null, breaches: 0, pendingOverdue: 1 }]);
    expect((await report(ORG.rep2, 'approval-cycle')).rows).toEqual([{ stage: 'manager', decided: 2, averageHours: 6, maxHours: 10, breaches: 1, pendingOverdue: 0 }]);
  });

  it('satisfaction: answers and average score by month of the line\u2019s customers only', async () => {
    expect((await report(ORG.manager, 'satisfaction')).rows).toEqual([{ month: '2027-03', answers: 3, averageScore: 3, lowScores: 1 }]);
    expect((await report(ORG.rep, 'satisfaction')).rows).toEqual([{ month: '2027-03', answers: 2, averageScore: 4, lowScores: 0 }]);
    expect((await report(ORG.rep2, 'satisfaction')).rows).toEqual([{ month: '2027-03', answers: 1, averageScore: 1, lowScores: 1 }]);
  });

  it('refusals: a bad window is a 400 naming the field, an unknown report a 404, a role outside sales a 403', async () => {
    const bad = await system.as(ORG.manager).get('/reports/sales?from=2027-13-01').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'from', message: 'must be a date YYYY-MM-DD' }]);
    await system.as(ORG.manager).get('/reports/sales?format=xml').expect(400);
    await system.as(ORG.manager).get('/reports/nothing').expect(404);
    await system.as(ORG.finance).get('/reports/sales').expect(403);
  });

  it('desk: the manager sees the approval waiting for them, the line\u2019s contracts in flight with who they wait for and the line\u2019s target; a specialist only their own', async () => {
    const manager = (await system.as(ORG.manager).get('/desk').expect(200)).text;
    expect(manager).toContain('<html lang="en">');
    // Every section was read (a service error would show "Could not be read just now").
    expect(manager).not.toContain('Could not be read');
    expect(section(manager, 'training')).toContain('No training plan this year.');
    expect(section(manager, 'targets')).toContain('300,000.00 CNY');
    expect(manager).toContain(`action="/desk/approvals/${contracts.repPending}/decision"`);
    const inFlight = section(manager, 'in-flight');
    expect(inFlight).toContain(titles.repPending);
    expect(inFlight).toContain('Mia Manager');
    expect(inFlight).toContain('2027-03-10 10:00 (Asia/Shanghai)');

    const rep = (await system.as(ORG.rep).get('/desk').expect(200)).text;
    expect(section(rep, 'in-flight')).toContain(titles.repPending);
    expect(section(rep, 'targets')).toContain('100,000.00 CNY');
    expect(section(rep, 'targets')).not.toContain('300,000.00');
    expect(section(rep, 'approvals')).not.toContain('<form');
    const rep2 = (await system.as(ORG.rep2).get('/desk').expect(200)).text;
    expect(rep2).not.toContain(titles.repPending);
    expect(rep2).not.toContain('Alpha Pumps Co');
  });

  it('desk: overdue revisits and open complaints of the line; a specialist sees their own customers\u2019 only', async () => {
    const desk = async (as: string) => (await system.as(as).get('/desk').expect(200)).text;
    const manager = await desk(ORG.manager);
    for (const id of ['visits', 'complaints']) {
      expect(section(manager, id)).toContain('Alpha Pumps Co');
      expect(section(manager, id)).toContain('Beta Valves Ltd');
    }
    const rep = await desk(ORG.rep);
    const rep2 = await desk(ORG.rep2);
    for (const id of ['visits', 'complaints']) {
      expect(section(rep, id)).toContain('Alpha Pumps Co');
      expect(section(rep2, id)).toContain('Beta Valves Ltd');
    }
    expect(rep).not.toContain('Beta Valves Ltd');
    expect(rep2).not.toContain('Alpha Pumps Co');
  });

  it('deciding from the desk (signed in: the form\u2019s CSRF token required) decides the contract and goes back to the desk; someone else\u2019s decision is refused without changing it', async () => {
    const refused = await system.as(ORG.rep2).post(`/desk/approvals/${contracts.repPending}/decision`).type('form').send({ decision: 'approve' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect((await system.prisma.contract.findUniqueOrThrow({ where: { id: contracts.repPending } })).status).toBe('PENDING_APPROVAL');

    // Signed in with a browser session: the form carries the session's CSRF token; without it the guard refuses.
    const { cookie } = await signIn(system, ORG.manager);
    const page = (await system.http.get('/desk').set('Cookie', cookie).expect(200)).text;
    const form = new RegExp(`<form method="post" action="/desk/approvals/${contracts.repPending}/decision" class="decide"><input type="hidden" name="_csrf" value="([A-Za-z0-9_-]+)">`).exec(page);
    expect(form).not.toBeNull();
    const url = `/desk/approvals/${contracts.repPending}/decision`;
    await system.http.post(url).set('Cookie', cookie).type('form').send({ decision: 'approve', comment: '' }).expect(403);
    expect((await system.prisma.contract.findUniqueOrThrow({ where: { id: contracts.repPending } })).status).toBe('PENDING_APPROVAL');

    const response = await system.http.post(url).set('Cookie', cookie).type('form').send({ _csrf: form![1], decision: 'approve', comment: '' }).expect(303);
    expect(response.headers.location).toBe(`/desk?decided=${contracts.repPending}`);
    expect((await system.prisma.contract.findUniqueOrThrow({ where: { id: contracts.repPending } })).status).toBe('APPROVED');
    const desk = (await system.http.get(response.headers.location as string).set('Cookie', cookie).expect(200)).text;
    expect(desk).toContain(`Your decision on contract ${contracts.repPending} was recorded.`);
    expect(section(desk, 'approvals')).not.toContain(titles.repPending);
  });

  it('a browser without a session is sent to the sign-in page; an API client gets 401', async () => {
    const browser = await system.http.get('/desk').set('Accept', 'text/html,application/xhtml+xml').expect(303);
    expect(browser.headers.location).toBe('/auth/sign-in');
    expect((await system.http.get('/desk/analysis').expect(401)).body).toMatchObject({ statusCode: 401, code: expect.any(String) });
  });

  it('analysis: one SVG chart per figure, rendered on the server; the line only', async () => {
    const html = (await system.as(ORG.rep).get('/desk/analysis?from=2027-03-01&to=2027-03-31').expect(200)).text;
    expect(html.match(/<svg /g)).toHaveLength(8);
    expect(html).toContain('href="/reports/sales?format=csv&amp;from=2027-03-01&amp;to=2027-03-31"');
    expect(html).not.toContain('Shenzhen');
    await system.as(ORG.finance).get('/desk/analysis').expect(403);
  });
});

/** The HTML of one desk section, by its heading's id. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section aria-labelledby="${id}">`);
  if (start < 0) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

import { randomUUID } from 'node:crypto';
import { CustomerImportJobs } from '../../apps/customer-follow-up/src/customers/import/customer-import.jobs.js';
import { waitFor } from '#libs/testing';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

const CS = 'cs@salesflow.test';
const HEADER = 'code,name,ownerEmail,tier,status,industry,region,contactName,contactEmail,contactPhone,contactLocale';

interface ImportStatus {
  id: string;
  status: string;
  rowsTotal: number;
  rowsDone: number;
  upserted: number;
  rejected: number;
  errors: { row: number; reason: string }[];
  errorsNotShown: number;
}

describe('customer import: streamed CSV and NDJSON uploads, validated and upserted on the bulk queue', () => {
  let run = 0;
  const system = useTestSystem({
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [{ email: CS, name: 'Cora Service', role: 'CUSTOMER_SERVICE' }]);
    },
  });
  /** Codes unique to one test, so tests do not see each other's customers. */
  const prefix = () => `I${++run}${Date.now().toString(36)}`;

  const upload = (as: string, body: string, type = 'text/csv') => system.as(as).post('/customers/import').set('Content-Type', type).send(body);

  async function imported(as: string, body: string, type = 'text/csv'): Promise<ImportStatus> {
    const response = await upload(as, body, type);
    if (response.status !== 202) throw new Error(`POST /customers/import answered ${response.status}: ${JSON.stringify(response.body)}`);
    expect(Object.keys(response.body)).toEqual(['jobId']);
    return waitForImport(as, response.body.jobId);
  }

  function waitForImport(as: string, jobId: string): Promise<ImportStatus> {
    return waitFor(
      `import ${jobId} to finish`,
      async () => (await system.as(as).get(`/customers/import/${jobId}`).expect(200)).body as ImportStatus,
      (status) => status.status === 'done' || status.status === 'failed',
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  }

  const customersWith = (codePrefix: string) => system.prisma.customer.findMany({ where: { code: { startsWith: codePrefix } }, orderBy: { code: 'asc' } });

  it('a CSV with bad rows: good rows are kept (quoted commas, escaped quotes, line breaks), each bad row is reported with its line and reason', async () => {
    const p = prefix();
    const csv = [
      HEADER,
      `${p}-1,"Acme, ""East"" Ltd.",${ORG.rep},A,active,machinery,Shanghai,王经理,wang@acme.test,+86 21 5555 0100,zh-CN`,
      `${p}-2,Beta,${ORG.rep},D,active,,,,,,`,
      `${p}-3,Gamma,ghost@salesflow.test,B,active,,,,,,`,
      `${p}-4,"Delta",${ORG.rep2},B,prospect,,"Multi`,
      `line region",Lee,lee@delta.test,,en`,
      `${p}-5,Epsilon,${ORG.rep},C,active,,,Bad,not-an-email,,`,
      `,No code,${ORG.rep},C,active,,,,,,`,
      `${p}-7,Too few fields,${ORG.rep}`,
      '',
      `${p}-8,Zeta,${ORG.rep},,,,,Zed,zed@zeta.test,,fr`,
      `${p}-9,Eta,${ORG.rep2},,,,,,,,`,
    ].join('\r\n');
    const status = await imported(ORG.admin, csv);
    expect(status).toMatchObject({ status: 'done', rowsTotal: 9, rowsDone: 9, upserted: 3, rejected: 6, errorsNotShown: 0 });
    expect(status.errors).toEqual([
      { row: 3, reason: 'tier must be one of A, B, C (got "D")' },
      { row: 4, reason: 'ownerEmail ghost@salesflow.test is not an employee' },
      { row: 7, reason: 'contact email "not-an-email" is not an email address' },
      { row: 8, reason: 'code is required' },
      { row: 9, reason: 'the record has 3 fields; the header has 11' },
      { row: 11, reason: 'contact locale must be one of zh-CN, en (got "fr")' },
    ]);
    const [rep, rep2] = await Promise.all([ORG.rep, ORG.rep2].map((email) => system.prisma.employee.findUniqueOrThrow({ where: { email } })));
    const customers = await customersWith(p);
    expect(customers.map((c) => ({ code: c.code, name: c.name, ownerId: c.ownerId, tier: c.tier, status: c.status, industry: c.industry, region: c.region, contacts: c.contacts }))).toEqual([
      { code: `${p}-1`, name: 'Acme, "East" Ltd.', ownerId: rep.id, tier: 'A', status: 'active', industry: 'machinery', region: 'Shanghai', contacts: [{ name: '王经理', email: 'wang@acme.test', phone: '+86 21 5555 0100', locale: 'zh-CN' }] },
      { code: `${p}-4`, name: 'Delta', ownerId: rep2.id, tier: 'B', status: 'prospect', industry: null, region: 'Multi\nline region', contacts: [{ name: 'Lee', email: 'lee@delta.test', phone: null, locale: 'en' }] },
      { code: `${p}-9`, name: 'Eta', ownerId: rep2.id, tier: 'C', status: 'prospect', industry: null, region: null, contacts: [] },
    ]);
    // Every created customer is in the audit trail, by the uploader; nothing is left staged.
    const admin = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.admin } });
    const audit = await system.prisma.auditEntry.findMany({ where: { entityId: { in: customers.map((c) => c.id) }, action: { startsWith: 'customer.' } } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual(customers.map(() => ['customer.created-by-import', admin.id]));
    expect(await system.prisma.customerImportRow.count({ where: { importId: status.id } })).toBe(0);
  });

  it('NDJSON: one object per line, contacts as a list; a line that is not JSON is reported, the rest kept', async () => {
    const p = prefix();
    const lines = [
      JSON.stringify({ code: `${p}-1`, name: 'Nd One', ownerEmail: ORG.rep, tier: 'B', contacts: [{ name: 'A', email: 'a@nd.test' }, { name: 'B', email: 'b@nd.test', locale: 'en' }] }),
      '{"code": "broken",',
      '',
      JSON.stringify({ code: `${p}-2`, name: 'Nd Two', ownerEmail: ORG.rep, tier: 'A', colour: 'red' }),
      JSON.stringify({ code: `${p}-3`, name: 'Nd Three', ownerEmail: ORG.rep2, status: 'dormant', region: 'Beijing' }),
    ].join('\n') + '\n';
    const status = await imported(ORG.rep, lines, 'application/x-ndjson');
    expect(status).toMatchObject({ status: 'done', rowsTotal: 4, rowsDone: 4, upserted: 2, rejected: 2 });
    expect(status.errors).toEqual([{ row: 2, reason: 'not valid JSON' }, { row: 4, reason: 'unknown field "colour"' }]);
    const customers = await customersWith(p);
    expect(customers.map((c) => [c.code, c.tier, c.status, c.region, (c.contacts as { email: string }[]).map((x) => x.email)])).toEqual([
      [`${p}-1`, 'B', 'prospect', null, ['a@nd.test', 'b@nd.test']],
      [`${p}-3`, 'C', 'dormant', 'Beijing', []],
    ]);
  });

  it('re-importing upserts on code: no duplicates, changed fields updated (version+1), empty cells keep values, contacts merge by email', async () => {
    const p = prefix();
    const first = [HEADER, `${p}-1,Alpha,${ORG.rep},B,active,retail,Shanghai,Ann,ann@alpha.test,,en`, `${p}-2,Bravo,${ORG.rep},C,prospect,,,,,,`].join('\n');
    expect(await imported(ORG.rep, first)).toMatchObject({ status: 'done', upserted: 2, rejected: 0 });
    const before = await customersWith(p);
    const bravoAuditBefore = await system.prisma.auditEntry.count({ where: { entityId: before[1].id } });
    const second = [
      HEADER,
      `${p}-1,Alpha Renamed,${ORG.rep},A,,,,Bob,bob@alpha.test,,`,
      `${p}-2,Bravo,${ORG.rep},C,prospect,,,,,,`,
      `${p}-3,Charlie,${ORG.rep},,,,,,,,`,
    ].join('\n');
    expect(await imported(ORG.rep, second)).toMatchObject({ status: 'done', rowsTotal: 3, upserted: 3, rejected: 0 });
    const after = await customersWith(p);
    expect(after.map((c) => c.code)).toEqual([`${p}-1`, `${p}-2`, `${p}-3`]);
    expect(after[0]).toMatchObject({ id: before[0].id, name: 'Alpha Renamed', tier: 'A', status: 'active', industry: 'retail', region: 'Shanghai', version: 2 });
    expect((after[0].contacts as { email: string }[]).map((c) => c.email)).toEqual(['ann@alpha.test', 'bob@alpha.test']);
    // An unchanged row writes no new version and no audit entry.
    expect(after[1]).toMatchObject({ id: before[1].id, version: 1 });
    expect(await system.prisma.auditEntry.count({ where: { entityId: before[1].id } })).toBe(bravoAuditBefore);
    // The same code once more with a later-wins row in the same file.
    const third = [HEADER, `${p}-3,First,${ORG.rep},B,,,,,,,`, `${p}-3,Second,${ORG.rep},,,,,,,,`].join('\n');
    expect(await imported(ORG.rep, third)).toMatchObject({ status: 'done', upserted: 2 });
    expect(await customersWith(`${p}-3`)).toEqual([expect.objectContaining({ name: 'Second', tier: 'B', version: 2 })]);
  });

  it('guarantee (issue 13 item 8): an import that gives a customer another owner moves its open demand alert along (the managers\u2019 digest reads alerts by their customer\u2019s owner)', async () => {
    const p = prefix();
    expect(await imported(ORG.admin, [HEADER, `${p}-1,Moving,${ORG.rep},A,active,,,,,,`].join('\n'))).toMatchObject({ status: 'done', upserted: 1 });
    const [customer] = await customersWith(p);
    const alert = await system.prisma.riskAlert.create({
      data: { type: 'customer_demand', subjectId: customer.id, customerOwnerId: customer.ownerId, rule: 'no_recent_contract', severity: 1, evidence: {} },
    });
    expect(await imported(ORG.admin, [HEADER, `${p}-1,Moving,${ORG.rep2},,,,,,,,`].join('\n'))).toMatchObject({ status: 'done', upserted: 1 });
    const rep2 = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.rep2 } });
    expect((await system.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).ownerId).toBe(rep2.id);
    expect((await system.prisma.riskAlert.findUniqueOrThrow({ where: { id: alert.id } })).customerOwnerId).toBe(rep2.id);
  });

  it('guarantee (issue 12 item 9): contacts merge by email: a row with an empty name cell and a new phone updates that contact\u2019s phone and keeps its name; a nameless contact the customer does not have is refused in its row only', async () => {
    const p = prefix();
    const first = [HEADER, `${p}-1,Alpha,${ORG.rep},B,active,,,Ann Lee,ann@alpha.test,+86 21 5555 0100,en`].join('\n');
    expect(await imported(ORG.rep, first)).toMatchObject({ status: 'done', upserted: 1, rejected: 0 });
    const second = [
      HEADER,
      `${p}-1,Alpha,${ORG.rep},,,,,,ANN@alpha.test,+86 21 5555 0199,`,
      `${p}-1,Alpha,${ORG.rep},,,,,,nobody@alpha.test,+86 21 5555 0111,`,
    ].join('\n');
    const status = await imported(ORG.rep, second);
    expect(status).toMatchObject({ status: 'done', upserted: 1, rejected: 1 });
    expect(status.errors).toEqual([{ row: 3, reason: `contact nobody@alpha.test is not a contact of ${p}-1 yet, so its name is required` }]);
    const [alpha] = await customersWith(p);
    expect(alpha).toMatchObject({ name: 'Alpha', version: 2 });
    expect(alpha.contacts).toEqual([{ name: 'Ann Lee', email: 'ann@alpha.test', phone: '+86 21 5555 0199', locale: 'en' }]);
  });

  it('guarantee (issue 12 item 5): a cell starting with = + - @ or a tab (CSV injection) rejects its row and one with a NUL byte rejects its row, naming the column; the other rows are imported', async () => {
    const p = prefix();
    const csv = [
      HEADER,
      `${p}-1,=HYPERLINK(""http://evil.example""),${ORG.rep},,,,,,,,`,
      `${p}-2,Beta,${ORG.rep},,,+cmd|' /C calc'!A0,,,,,`,
      `${p}-3,Gamma,${ORG.rep},,,,-2+3,,,,`,
      `${p}-4,Delta,${ORG.rep},,,,,@SUM(A1),d@delta.test,,`,
      `${p}-5,"\t=1+1",${ORG.rep},,,,,,,,`,
      `${p}-7,Ni\u0000ne,${ORG.rep},,,,,,,,`,
      `${p}-8,Fine,${ORG.rep},,,,,Ed,ed@fine.test,+86 21 5555 0100,`,
    ].join('\n');
    const status = await imported(ORG.rep, csv);
    // A leading CR is refused too (unit test): in a CSV cell the reader takes a lone CR for a line break.
    expect(status).toMatchObject({ status: 'done', rowsTotal: 7, upserted: 1, rejected: 6 });
    const formula = (column: string, start: string) => `${column} starts with ${JSON.stringify(start)}, which a spreadsheet would run as a formula; remove it`;
    expect(status.errors).toEqual([
      { row: 2, reason: formula('name', '=') },
      { row: 3, reason: formula('industry', '+') },
      { row: 4, reason: formula('region', '-') },
      { row: 5, reason: formula('contactName', '@') },
      { row: 6, reason: formula('name', '\t') },
      { row: 7, reason: 'name must not contain a NUL byte' },
    ]);
    expect((await customersWith(p)).map((c) => [c.code, c.contacts])).toEqual([[`${p}-8`, [{ name: 'Ed', email: 'ed@fine.test', phone: '+86 21 5555 0100', locale: 'zh-CN' }]]]);
  });

  it('an import changes an existing customer only where the uploader could by hand: a peer\u2019s rows are rejected, new codes are created', async () => {
    const p = prefix();
    expect(await imported(ORG.rep, [HEADER, `${p}-1,Mine,${ORG.rep},B,,,,,,,`].join('\n'))).toMatchObject({ upserted: 1 });
    const status = await imported(ORG.rep2, [HEADER, `${p}-1,Taken over,${ORG.rep2},A,,,,,,,`, `${p}-2,New one,${ORG.rep2},A,,,,,,,`].join('\n'));
    expect(status).toMatchObject({ status: 'done', upserted: 1, rejected: 1 });
    expect(status.errors).toEqual([{ row: 2, reason: expect.stringContaining(`customer ${p}-1 exists and is owned outside your reporting line`) }]);
    expect((await customersWith(`${p}-1`))[0]).toMatchObject({ name: 'Mine', tier: 'B', version: 1 });
    // The manager above both may.
    expect(await imported(ORG.manager, [HEADER, `${p}-1,Moved,${ORG.rep2},,,,,,,,`].join('\n'))).toMatchObject({ upserted: 1, rejected: 0 });
  });

  it('only the uploader and ADMIN see an import; FINANCE may not import; a wrong media type is 415 and a bad header 400, both writing nothing', async () => {
    const response = await upload(ORG.rep, [HEADER, `${prefix()}-1,Seen,${ORG.rep},,,,,,,,`].join('\n')).expect(202);
    const { jobId } = response.body as { jobId: string };
    await waitForImport(ORG.rep, jobId);
    await system.as(ORG.admin).get(`/customers/import/${jobId}`).expect(200);
    await system.as(ORG.rep2).get(`/customers/import/${jobId}`).expect(403);
    await system.as(ORG.manager).get(`/customers/import/${jobId}`).expect(403);
    await system.as(ORG.rep).get('/customers/import/6f1c1c9e-4a47-4c8e-9b8e-7d5f1e2a3b4c').expect(404);

    const imports = await system.prisma.customerImport.count();
    const customers = await system.prisma.customer.count();
    await upload(ORG.finance, [HEADER, 'F-1,Nope,finance@salesflow.test,,,,,,,,'].join('\n')).expect(403);
    await upload(ORG.rep, JSON.stringify({ code: 'J-1' }), 'application/json').expect(415);
    const badHeader = await upload(ORG.rep, 'code,title,owner\nX-1,Nope,rep@salesflow.test\n').expect(400);
    expect(badHeader.body.errors.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining(['the required column "name" is missing', expect.stringContaining('unknown column "title"')]),
    );
    await upload(ORG.rep, '').expect(400);
    await upload(ORG.rep, `${HEADER}\n`).expect(400);
    expect(await system.prisma.customerImport.count()).toBe(imports);
    expect(await system.prisma.customer.count()).toBe(customers);
  });

  it('an upload that breaks mid-stream (an unclosed quote running past 64 KiB) answers 400 while the client still sends, and imports nothing', async () => {
    const p = prefix();
    const good = Array.from({ length: 1500 }, (_, i) => `${p}-${i},Fine ${i},${ORG.rep},,,,,,,,`);
    const body = [HEADER, ...good, `${p}-x,"never closed ${'x'.repeat(200_000)}`, ...good].join('\n');
    const response = await upload(ORG.rep, body).expect(400);
    expect(response.body.message).toContain('longer than 65536 characters');
    const failed = await system.prisma.customerImport.findFirstOrThrow({ where: { status: 'failed' }, orderBy: { createdAt: 'desc' } });
    expect(failed.error).toContain('longer than 65536 characters');
    expect(await system.prisma.customerImportRow.count({ where: { importId: failed.id } })).toBe(0);
    expect(await system.prisma.customer.count({ where: { code: { startsWith: `${p}-` } } })).toBe(0);
  });

  it('a second copy of the job running at the same time (a restored job) changes nothing: every row counted once', async () => {
    const p = prefix();
    const rows = Array.from({ length: 3000 }, (_, i) => `${p}-${String(i).padStart(5, '0')},Copy ${i},${i % 2 ? ORG.rep : ORG.rep2},${'ABC'[i % 3]},active,,,,,,`);
    rows[1500] = `${p}-bad,Bad,${ORG.rep},X,active,,,,,,`;
    const response = await upload(ORG.admin, [HEADER, ...rows].join('\n')).expect(202);
    const { jobId } = response.body as { jobId: string };
    const jobs = system.app.get(CustomerImportJobs);
    const copy = () => jobs.import({ importId: jobId }, { outboxId: randomUUID(), correlationId: null, queue: 'followup-bulk' });
    await Promise.all([copy(), copy()]);
    const status = await waitForImport(ORG.admin, jobId);
    expect(status).toMatchObject({ status: 'done', rowsTotal: 3000, rowsDone: 3000, upserted: 2999, rejected: 1 });
    expect(status.errors).toEqual([{ row: 1502, reason: 'tier must be one of A, B, C (got "X")' }]);
    expect(await system.prisma.customer.count({ where: { code: { startsWith: `${p}-` } } })).toBe(2999);
    expect(await system.prisma.auditEntry.count({ where: { action: 'customer.created-by-import', entityId: { in: (await customersWith(`${p}-`)).map((c) => c.id) } } })).toBe(2999);
  });

  it('a 20,000-row CSV completes: every row counted, every good row upserted once, the bad ones listed', async () => {
    const p = prefix();
    const rows = Array.from({ length: 20_000 }, (_, i) => {
      const code = `${p}-${String(i).padStart(6, '0')}`;
      if (i % 1000 === 999) return `${code},Bulk ${i},nobody@salesflow.test,A,active,,,,,,`;
      return `${code},"Bulk, ${i}",${i % 2 ? ORG.rep : ORG.rep2},${'ABC'[i % 3]},active,industry ${i % 7},region ${i % 5},Contact ${i},c${i}@bulk.test,,en`;
    });
    const status = await imported(ORG.admin, [HEADER, ...rows].join('\n') + '\n');
    expect(status).toMatchObject({ status: 'done', rowsTotal: 20_000, rowsDone: 20_000, upserted: 19_980, rejected: 20, errorsNotShown: 0 });
    expect(status.errors.map((e) => e.row)).toEqual(Array.from({ length: 20 }, (_, k) => 1000 * k + 999 + 2));
    expect(await system.prisma.customer.count({ where: { code: { startsWith: `${p}-` } } })).toBe(19_980);
    expect(await system.prisma.customerImportRow.count()).toBe(0);
  });
});

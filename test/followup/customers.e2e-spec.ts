import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

const CS = 'cs@salesflow.test';

interface CustomerBody {
  id: string;
  code: string;
  name: string;
  owner: { id: string; email: string; name: string };
  tier: string;
  status: string;
  industry: string | null;
  region: string | null;
  contacts: { name: string; email: string; phone: string | null; locale: string }[];
  version: number;
}

let sequence = 0;
const nextCode = (label: string) => `${label}-${++sequence}-${Date.now().toString(36)}`;

describe('customers: create, read, list and change through the HTTP API', () => {
  const system = useTestSystem({
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [{ email: CS, name: 'Cora Service', role: 'CUSTOMER_SERVICE', region: 'Shanghai' }]);
    },
  });

  const create = (as: string, body: object) => system.as(as).post('/customers').send(body);
  const patch = (as: string, id: string, body: object) => system.http.patch(`/customers/${id}`).set('Authorization', `Bearer ${system.token(as)}`).send(body);
  const customerCount = () => system.prisma.customer.count();
  /** The customer record's own trail (its revisit plan's entries, visit.*, are checked in customer-plans.e2e-spec.ts). */
  const auditOf = (id: string) => system.prisma.auditEntry.findMany({ where: { entityType: 'customer', entityId: id, action: { startsWith: 'customer.' } }, orderBy: { at: 'asc' } });

  async function created(as: string, body: object): Promise<CustomerBody> {
    const response = await create(as, body);
    if (response.status !== 201) throw new Error(`POST /customers answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as CustomerBody;
  }

  it('a rep creates a customer (201), owns it by default, reads it back with the owner as {id,email,name}; the creation is audited', async () => {
    const code = nextCode('ACME');
    const body = await created(ORG.rep, {
      code, name: '华东机电有限公司', tier: 'A', status: 'active', industry: 'machinery', region: 'Shanghai',
      contacts: [{ name: '王经理', email: 'Wang@Huadong.Example', phone: '+86 21 5555 0100' }, { name: 'Lee', email: 'lee@huadong.example', locale: 'en' }],
    });
    expect(body).toMatchObject({
      code, name: '华东机电有限公司', tier: 'A', status: 'active', industry: 'machinery', region: 'Shanghai', version: 1,
      owner: { email: ORG.rep, name: 'Ray Rep' },
      contacts: [
        { name: '王经理', email: 'wang@huadong.example', phone: '+86 21 5555 0100', locale: 'zh-CN' },
        { name: 'Lee', email: 'lee@huadong.example', phone: null, locale: 'en' },
      ],
    });
    expect(Object.keys(body.owner).sort()).toEqual(['email', 'id', 'name']);
    const read = await system.as(ORG.rep).get(`/customers/${body.id}`).expect(200);
    expect(read.body).toEqual(body);
    const audit = await auditOf(body.id);
    expect(audit.map((e) => e.action)).toEqual(['customer.created']);
    expect(audit[0].after).toMatchObject({ code, ownerId: body.owner.id, tier: 'A' });
  });

  it('CUSTOMER_SERVICE creates for a rep; the owner, their managers, CUSTOMER_SERVICE and ADMIN read it; a peer and FINANCE get 403', async () => {
    const body = await created(CS, { code: nextCode('SVC'), name: 'Service-made', ownerEmail: ORG.rep });
    expect(body.owner.email).toBe(ORG.rep);
    expect(body).toMatchObject({ tier: 'C', status: 'prospect', industry: null, region: null, contacts: [] });
    for (const reader of [ORG.rep, ORG.manager, ORG.director, CS, ORG.admin]) {
      const response = await system.as(reader).get(`/customers/${body.id}`);
      expect({ reader, status: response.status }).toEqual({ reader, status: 200 });
    }
    for (const outsider of [ORG.rep2, ORG.finance]) {
      const response = await system.as(outsider).get(`/customers/${body.id}`);
      expect({ outsider, status: response.status }).toEqual({ outsider, status: 403 });
    }
  });

  it('only sales roles and CUSTOMER_SERVICE create: FINANCE, HR and ADMIN get 403 and nothing is written', async () => {
    const before = await customerCount();
    for (const role of [ORG.finance, ORG.hr, ORG.admin]) await create(role, { code: nextCode('NO'), name: 'Refused' }).expect(403);
    expect(await customerCount()).toBe(before);
  });

  it('400 with field messages for an unknown field, a bad tier, a bad contact email, an unknown owner; nothing is written', async () => {
    const before = await customerCount();
    const cases: [object, string][] = [
      [{ code: nextCode('X'), name: 'X', colour: 'blue' }, 'colour'],
      [{ code: nextCode('X'), name: 'X', tier: 'D' }, 'tier'],
      [{ code: nextCode('X'), name: 'X', status: 'sleeping' }, 'status'],
      [{ code: nextCode('X'), name: 'X', contacts: [{ name: 'Bad', email: 'not-an-email' }] }, 'contacts[0].email'],
      [{ code: nextCode('X'), name: 'X', contacts: [{ name: 'Bad', email: 'b@x.test', locale: 'fr' }] }, 'contacts[0].locale'],
      [{ code: nextCode('X'), name: 'X', contacts: [{ name: 'A', email: 'same@x.test' }, { name: 'B', email: 'SAME@x.test' }] }, 'contacts[1].email'],
      [{ code: nextCode('X'), name: 'X', ownerEmail: 'nobody@salesflow.test' }, 'ownerEmail'],
      [{ code: nextCode('X'), name: 'X', ownerEmail: ORG.rep, ownerId: '00000000-0000-4000-8000-000000000000' }, 'ownerId'],
      [{ code: ' padded ', name: 'X' }, 'code'],
      [{ name: 'No code' }, 'code'],
    ];
    for (const [body, field] of cases) {
      const response = await create(ORG.rep, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const malformed = await system.as(ORG.rep).post('/customers').set('Content-Type', 'application/json').send('{"code": "X",');
    expect(malformed.status).toBe(400);
    expect(await customerCount()).toBe(before);
  });

  it('a second customer with the same code is refused with 409; the same Idempotency-Key and body returns the first result', async () => {
    const code = nextCode('DUP');
    const first = await system.as(ORG.rep).post('/customers').set('Idempotency-Key', `k-${code}`).send({ code, name: 'Dup' }).expect(201);
    const again = await system.as(ORG.rep).post('/customers').set('Idempotency-Key', `k-${code}`).send({ code, name: 'Dup' }).expect(201);
    expect(again.body).toEqual(first.body);
    await system.as(ORG.rep2).post('/customers').send({ code, name: 'Other' }).expect(409);
    await system.as(ORG.rep).post('/customers').set('Idempotency-Key', `k-${code}`).send({ code, name: 'Changed body' }).expect(409);
    expect(await system.prisma.customer.count({ where: { code } })).toBe(1);
  });

  it('under concurrency: one code asked for with two keys is one 201 and one 409; the same key twice is one customer, both answered 201 with the same body', async () => {
    for (let round = 0; round < 3; round++) {
      const code = nextCode('RACE');
      const raced = await Promise.all([ORG.rep, ORG.rep2].map((who, i) => system.as(who).post('/customers').set('Idempotency-Key', `race-${i}-${code}`).send({ code, name: 'Race' })));
      expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
      const twin = nextCode('TWIN');
      const twins = await Promise.all([0, 1].map(() => system.as(ORG.rep).post('/customers').set('Idempotency-Key', `twin-${twin}`).send({ code: twin, name: 'Twin' })));
      expect(twins.map((r) => r.status)).toEqual([201, 201]);
      expect(twins[1].body).toEqual(twins[0].body);
      expect(await system.prisma.customer.count({ where: { code: { in: [code, twin] } } })).toBe(2);
    }
  });

  it('404 for an id that does not exist or is not an id', async () => {
    await system.as(ORG.admin).get('/customers/6f1c1c9e-4a47-4c8e-9b8e-7d5f1e2a3b4c').expect(404);
    await system.as(ORG.admin).get('/customers/not-an-id').expect(404);
    await patch(ORG.admin, '6f1c1c9e-4a47-4c8e-9b8e-7d5f1e2a3b4c', { version: 1, tier: 'A' }).expect(404);
  });

  describe('PATCH', () => {
    it('the owner changes tier, status, region and contacts with the version read: version+1, one audit entry with before and after', async () => {
      const customer = await created(ORG.rep, { code: nextCode('UPD'), name: 'Upd', region: 'Shanghai', contacts: [{ name: 'Old', email: 'old@upd.test' }] });
      const response = await patch(ORG.rep, customer.id, { version: 1, tier: 'B', status: 'active', region: null, contacts: [{ name: 'New', email: 'new@upd.test', locale: 'en' }] }).expect(200);
      expect(response.body).toMatchObject({ version: 2, tier: 'B', status: 'active', region: null, contacts: [{ name: 'New', email: 'new@upd.test', phone: null, locale: 'en' }] });
      const audit = await auditOf(customer.id);
      expect(audit.map((e) => e.action)).toEqual(['customer.created', 'customer.updated']);
      expect(audit[1].before).toEqual({ tier: 'C', status: 'prospect', region: 'Shanghai', contacts: [{ name: 'Old', email: 'old@upd.test', phone: null, locale: 'zh-CN' }] });
      expect(audit[1].after).toMatchObject({ tier: 'B', status: 'active', region: null, version: 2 });
    });

    it('a stale version gets 409 and changes nothing', async () => {
      const customer = await created(ORG.rep, { code: nextCode('STALE'), name: 'Stale' });
      await patch(ORG.rep, customer.id, { version: 1, tier: 'A' }).expect(200);
      const stale = await patch(ORG.manager, customer.id, { version: 1, tier: 'C', status: 'lost' });
      expect(stale.status).toBe(409);
      const row = await system.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
      expect({ tier: row.tier, status: row.status, version: row.version }).toEqual({ tier: 'A', status: 'prospect', version: 2 });
      expect(await auditOf(customer.id)).toHaveLength(2);
    });

    it('a manager hands the customer to another rep: Customer.ownerId changes, the new owner reads it, the old one no longer does', async () => {
      const customer = await created(ORG.rep, { code: nextCode('MOVE'), name: 'Move' });
      const rep2 = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.rep2 } });
      const response = await patch(ORG.manager, customer.id, { version: 1, ownerEmail: ORG.rep2 }).expect(200);
      expect(response.body.owner).toEqual({ id: rep2.id, email: ORG.rep2, name: 'Rita Rep' });
      expect((await system.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).ownerId).toBe(rep2.id);
      await system.as(ORG.rep2).get(`/customers/${customer.id}`).expect(200);
      await system.as(ORG.rep).get(`/customers/${customer.id}`).expect(403);
      const audit = await auditOf(customer.id);
      expect(audit[1]).toMatchObject({ action: 'customer.updated', before: { ownerId: customer.owner.id }, after: { ownerId: rep2.id } });
    });

    it('a peer, CUSTOMER_SERVICE and FINANCE may not change it (403, nothing changes); ADMIN may', async () => {
      const customer = await created(ORG.rep, { code: nextCode('GUARD'), name: 'Guard' });
      for (const outsider of [ORG.rep2, CS, ORG.finance]) {
        const response = await patch(outsider, customer.id, { version: 1, tier: 'A' });
        expect({ outsider, status: response.status }).toEqual({ outsider, status: 403 });
      }
      expect((await system.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).version).toBe(1);
      await patch(ORG.admin, customer.id, { version: 1, tier: 'A' }).expect(200);
    });

    it('400 for an unknown field, a bad tier, a missing version or an unknown new owner; nothing changes', async () => {
      const customer = await created(ORG.rep, { code: nextCode('BADP'), name: 'BadP' });
      for (const [body, field] of [
        [{ version: 1, code: 'NEW' }, 'code'],
        [{ version: 1, tier: 'Z' }, 'tier'],
        [{ tier: 'A' }, 'version'],
        [{ version: 1, ownerEmail: 'ghost@salesflow.test' }, 'ownerEmail'],
        [{ version: 1, contacts: [{ name: 'N', email: 'bad' }] }, 'contacts[0].email'],
      ] as [object, string][]) {
        const response = await patch(ORG.rep, customer.id, body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await system.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).version).toBe(1);
    });
  });

  describe('GET /customers', () => {
    const suffix = Date.now().toString(36);
    const codes = { repA: `L-${suffix}-1`, repB: `L-${suffix}-2`, rep2: `L-${suffix}-3`, rep2Lost: `L-${suffix}-4` };

    beforeAll(async () => {
      await created(ORG.rep, { code: codes.repA, name: 'L1', tier: 'A', status: 'active' });
      await created(ORG.rep, { code: codes.repB, name: 'L2', tier: 'B', status: 'active' });
      await created(ORG.rep2, { code: codes.rep2, name: 'L3', tier: 'A', status: 'prospect' });
      await created(ORG.rep2, { code: codes.rep2Lost, name: 'L4', tier: 'C', status: 'lost' });
    });

    async function listedCodes(as: string, query = ''): Promise<string[]> {
      const response = await system.as(as).get(`/customers?limit=200${query}`).expect(200);
      expect(Object.keys(response.body).sort()).toEqual(['items', 'nextCursor']);
      return (response.body.items as CustomerBody[]).map((c) => c.code).filter((code) => code.startsWith(`L-${suffix}`));
    }

    it('each caller sees what they may: own, their reporting line; CUSTOMER_SERVICE and ADMIN everything; others nothing', async () => {
      expect(await listedCodes(ORG.rep)).toEqual([codes.repA, codes.repB]);
      expect(await listedCodes(ORG.rep2)).toEqual([codes.rep2, codes.rep2Lost]);
      expect(await listedCodes(ORG.manager)).toEqual(Object.values(codes));
      expect(await listedCodes(CS)).toEqual(Object.values(codes));
      expect(await listedCodes(ORG.admin)).toEqual(Object.values(codes));
      expect(await listedCodes(ORG.finance)).toEqual([]);
    });

    it('filters by owner (id or email), tier and status; an owner outside the caller\u2019s view lists nothing', async () => {
      const rep2 = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.rep2 } });
      expect(await listedCodes(ORG.manager, `&owner=${encodeURIComponent(ORG.rep2)}`)).toEqual([codes.rep2, codes.rep2Lost]);
      expect(await listedCodes(ORG.manager, `&owner=${rep2.id}&status=lost`)).toEqual([codes.rep2Lost]);
      expect(await listedCodes(ORG.manager, '&tier=A')).toEqual([codes.repA, codes.rep2]);
      expect(await listedCodes(ORG.rep, `&owner=${encodeURIComponent(ORG.rep2)}`)).toEqual([]);
      await system.as(ORG.manager).get('/customers?tier=Q').expect(400);
    });

    it('pages with nextCursor: every visible customer once, in code order', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 100; page++) {
        const path: string = `/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const body = (await system.as(ORG.manager).get(path).expect(200)).body as { items: CustomerBody[]; nextCursor: string | null };
        seen.push(...body.items.map((c) => c.code));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      const all = await system.prisma.customer.findMany({ orderBy: { code: 'asc' }, select: { code: true, ownerId: true } });
      const team = await system.prisma.employee.findMany({ where: { email: { in: [ORG.manager, ORG.rep, ORG.rep2] } }, select: { id: true } });
      const teamIds = new Set(team.map((e) => e.id));
      expect(seen).toEqual(all.filter((c) => teamIds.has(c.ownerId)).map((c) => c.code));
      expect(new Set(seen).size).toBe(seen.length);
    });
  });
});

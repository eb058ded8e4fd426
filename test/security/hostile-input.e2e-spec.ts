import type supertest from 'supertest';
import { MAX_INPUT_DEPTH } from '#libs/platform';
import { ManualClock } from '#libs/time';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 12 item 5: hostile input is a 400 naming the field, never a 500, and writes nothing, on
 * endpoints of every service (contracts, customers, surveys, training, appraisal targets and
 * templates, the organization directory). Each case compares a digest of every row of the tables
 * those endpoints write (and the audit trail, outbox, ledger and idempotency records) before and
 * after the request. A control per endpoint sends the same body without the hostile part and is
 * served, so the 400 comes from the hostility and not from a body that was wrong anyway.
 */
const T0 = new Date('2027-06-07T02:00:00Z');

type Method = 'get' | 'post' | 'put';
interface Endpoint {
  name: string;
  as: string | null;
  method: Method;
  path: string;
  /** A valid body whose string field `text` is `value` (the place a hostile string goes). */
  body: (value: string) => Record<string, unknown>;
  text: string;
  plain: string;
  /** A field sent with the wrong JSON type, and that type's value. */
  wrongType: { field: string; body: () => Record<string, unknown> };
  controlStatus: number;
}

const COURSE = {
  code: 'HI-101', titleZh: '敌意输入', titleEn: 'Hostile input', category: 'compliance', levels: ['SALES_SPECIALIST'],
  durationMinutes: 60, mandatory: false,
};
const TEMPLATE = (bandName: string) => ({
  kpis: [
    { kind: 'salesAttainment', weight: 60, scoring: { kind: 'linear', floor: 50, target: 100, cap: 120 } },
    { kind: 'customerSatisfaction', weight: 40, scoring: { kind: 'linear', floor: 3, target: 5 } },
  ],
  bands: [{ name: bandName, min: 0 }, { name: 'meets', min: 50 }],
});

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /contracts', as: ORG.rep, method: 'post', path: '/contracts', text: 'title', plain: 'Hostile input control', controlStatus: 201,
    body: (title) => ({ ...SMALL_CONTRACT, title }),
    wrongType: { field: 'amount', body: () => ({ ...SMALL_CONTRACT, amount: '50000' }) },
  },
  {
    name: 'POST /customers', as: ORG.rep, method: 'post', path: '/customers', text: 'contacts[0].name', plain: 'Wang Li', controlStatus: 201,
    body: (name) => ({ code: 'HI-1', name: 'Hostile Trading', contacts: [{ name, email: 'wang@hostile.example' }] }),
    wrongType: { field: 'name', body: () => ({ code: 'HI-2', name: 42 }) },
  },
  {
    name: 'POST /courses', as: ORG.hr, method: 'post', path: '/courses', text: 'titleEn', plain: 'Hostile input', controlStatus: 201,
    body: (titleEn) => ({ ...COURSE, titleEn }),
    wrongType: { field: 'durationMinutes', body: () => ({ ...COURSE, code: 'HI-102', durationMinutes: '60' }) },
  },
  {
    name: 'PUT /targets/:period', as: ORG.manager, method: 'put', path: '/targets/2027-07', text: 'targets[0].employee', plain: ORG.rep, controlStatus: 200,
    body: (employee) => ({ targets: [{ employee, amount: 100000 }] }),
    wrongType: { field: 'targets[0].amount', body: () => ({ targets: [{ employee: ORG.rep, amount: '100000' }] }) },
  },
  {
    name: 'PUT /appraisal-templates/:name', as: ORG.hr, method: 'put', path: '/appraisal-templates/hostile', text: 'bands[0].name', plain: 'below', controlStatus: 200,
    body: (band) => TEMPLATE(band),
    wrongType: { field: 'kpis[0].weight', body: () => ({ ...TEMPLATE('below'), kpis: [{ ...TEMPLATE('below').kpis[0], weight: '60' }, TEMPLATE('below').kpis[1]] }) },
  },
  {
    name: 'PUT /org/employees', as: ORG.admin, method: 'put', path: '/org/employees', text: 'employees[0].name', plain: 'Hana Hostile', controlStatus: 200,
    body: (name) => ({ employees: [{ email: 'hana@salesflow.test', name, role: 'SALES_SPECIALIST', managerEmail: ORG.manager }] }),
    wrongType: { field: 'employees[0].role', body: () => ({ employees: [{ email: 'hana@salesflow.test', name: 'Hana', role: 7 }] }) },
  },
  {
    // Public: the score's type is refused before the token is even looked up.
    name: 'POST /surveys/:token', as: null, method: 'post', path: '/surveys/no-such-token', text: 'comment', plain: 'Fine', controlStatus: 404,
    body: (comment) => ({ score: 5, comment }),
    wrongType: { field: 'score', body: () => ({ score: '5' }) },
  },
];

interface Case {
  name: string;
  as: string | null;
  method: Method;
  path: string;
  body?: () => Record<string, unknown>;
  raw?: () => string;
  field: string;
}

const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const inside = (body: Record<string, unknown>) => JSON.stringify(body).slice(1, -1);

const BODY_CASES: Case[] = ENDPOINTS.flatMap((e) => [
  { name: `${e.name}: a NUL byte in ${e.text}`, body: () => e.body(`${e.plain}\u0000x`), field: e.text },
  // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into one.
  { name: `${e.name}: an unpaired surrogate in ${e.text}`, body: () => e.body(`${e.plain}\ud800`), field: e.text },
  { name: `${e.name}: JSON nested 10,000 deep`, raw: () => `{${inside(e.body(e.plain))},"deep":${deep(10_000)}}`, field: `deep${'.a'.repeat(MAX_INPUT_DEPTH - 1)}` },
  { name: `${e.name}: a __proto__ key`, raw: () => `{"__proto__":{"role":"ADMIN"},${inside(e.body(e.plain))}}`, field: '__proto__' },
  { name: `${e.name}: a constructor key`, raw: () => `{${inside(e.body(e.plain))},"constructor":{"prototype":{"polluted":true}}}`, field: 'constructor' },
  { name: `${e.name}: ${e.wrongType.field} of the wrong type`, body: e.wrongType.body, field: e.wrongType.field },
].map((c): Case => ({ ...c, as: e.as, method: e.method, path: e.path })));

const LISTS: [string, string | null][] = [
  ['/contracts', ORG.rep], ['/customers', ORG.rep], ['/complaints', ORG.manager], ['/courses', ORG.rep],
  ['/targets?period=2027-07', ORG.manager], ['/promotion-nominations', ORG.hr], ['/org/employees', ORG.admin], ['/notifications', ORG.admin], ['/dead-letters', ORG.admin],
];
const QUERY_AND_PATH_CASES: Case[] = [
  ...LISTS.map(([path, as]): Case => ({ name: `GET ${path.split('?')[0]}: a malformed cursor`, as, method: 'get', path: `${path}${path.includes('?') ? '&' : '?'}cursor=not-a-cursor`, field: 'cursor' })),
  { name: 'GET /contracts: a NUL byte in the owner filter', as: ORG.manager, method: 'get', path: '/contracts?owner=rep%00@salesflow.test', field: 'owner' },
  { name: 'GET /org/calendars/:name: a NUL byte in the path', as: ORG.admin, method: 'get', path: '/org/calendars/stan%00dard', field: '(path)' },
  { name: 'PUT /appraisal-templates/:name: an unpaired surrogate in the path', as: ORG.hr, method: 'put', path: '/appraisal-templates/%ED%A0%80x', body: () => TEMPLATE('below'), field: '(path)' },
];

describe('security: hostile input is a 400 naming the field, on every service, writing nothing', () => {
  const system = useTestSystem({ clock: new ManualClock(T0), setUp: () => seedOrg(system) });

  function send(c: Pick<Case, 'as' | 'method' | 'path' | 'body' | 'raw'>): supertest.Test {
    let test = system.http[c.method](c.path);
    if (c.as !== null) test = test.set('Authorization', `Bearer ${system.token(c.as)}`);
    if (c.raw) return test.set('Content-Type', 'application/json').send(c.raw());
    return c.body ? test.send(c.body()) : test;
  }

  /**
   * A digest of every row of each table these endpoints (or anything they trigger) write; of the
   * outbox and the ledger only their ids, since the engine relays and sends in the background.
   */
  async function written(): Promise<Record<string, string>> {
    const tables = ['Contract', 'Customer', 'Course', 'SalesTarget', 'AppraisalTemplate', 'Employee', 'Survey', 'AuditEntry', 'IdempotencyRecord', 'Outbox', 'Notification'];
    const digests = await Promise.all(tables.map(async (table) => {
      const row = table === 'Outbox' || table === 'Notification' ? 't.id::text' : 't::text';
      const [{ digest }] = await system.prisma.$queryRawUnsafe<{ digest: string | null }[]>(`SELECT md5(string_agg(${row}, ',' ORDER BY ${row})) AS digest FROM "${table}" t`);
      return [table, digest ?? ''] as const;
    }));
    return Object.fromEntries(digests);
  }

  async function expectRefused(c: Case): Promise<void> {
    const before = await written();
    const response = await send(c);
    expect([c.name, response.status, response.body.code]).toEqual([c.name, 400, 'validation_failed']);
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
    expect([c.name, fields]).toEqual([c.name, expect.arrayContaining([c.field])]);
    expect([c.name, await written()]).toEqual([c.name, before]);
  }

  it.each(BODY_CASES.map((c) => [c.name, c] as const))('body: %s', async (_name, c) => {
    await expectRefused(c);
  });

  it.each(QUERY_AND_PATH_CASES.map((c) => [c.name, c] as const))('query and path: %s', async (_name, c) => {
    await expectRefused(c);
  });

  it('a survey form still posts its score as text (read as a number); JSON must send a number', async () => {
    const form = await system.http.post('/surveys/no-such-token').type('form').set('Accept', 'application/json').send('score=5');
    expect(form.status).not.toBe(400);
    const text = await system.http.post('/surveys/no-such-token').send({ score: '5' }).expect(400);
    expect(text.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'score' })]));
  });

  it.each(ENDPOINTS.map((e) => [e.name, e] as const))('control: %s serves the same body without the hostile part', async (_name, e) => {
    const response = await send({ as: e.as, method: e.method, path: e.path, body: () => e.body(e.plain) });
    expect([e.name, response.status]).toEqual([e.name, e.controlStatus]);
  });

  it('nothing polluted Object.prototype and every service still answers', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    for (const [path, as] of LISTS) {
      const response = await send({ as, method: 'get', path });
      expect([path, response.status]).toEqual([path, 200]);
    }
  });
});

import type { Role } from '#generated/prisma';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 12: the authorization matrix, generated from the OpenAPI document so a new endpoint is
 * covered by default. For every operation and every role: a role the operation names (or any
 * employee) passes the gateway's role check (whatever the service then says of the data), a role
 * it does not name gets the guard's 403, and nobody without a token gets past (401), except the
 * operations declared public. Path parameters are filled with ids that name nothing, and bodies
 * are empty, so an allowed call is refused by validation or "not found" and changes nothing.
 *
 * The team dimension: a manager or director acts on their own team's resources (owned by someone
 * in their reporting line) and not on another team's. For every GET the OpenAPI document lists
 * under a team-scoped resource of which the test has one of each (`/contracts/{id}...`,
 * `/customers/{id}...`), the East manager and director above the owner are served, and the West
 * ones get a 403 that names nobody; the lists show the resource to the one and not the other; a
 * change by the other team's manager is 403 and writes nothing.
 */
const ROLES: Role[] = ['SALES_SPECIALIST', 'CUSTOMER_SERVICE', 'SALES_MANAGER', 'SALES_DIRECTOR', 'FINANCE', 'LEGAL', 'HR', 'ADMIN'];
const CS = 'cs@salesflow.test';
const CALLER: Record<Role, string> = {
  SALES_SPECIALIST: ORG.rep, CUSTOMER_SERVICE: CS, SALES_MANAGER: ORG.manager, SALES_DIRECTOR: ORG.director,
  FINANCE: ORG.finance, LEGAL: ORG.legal, HR: ORG.hr, ADMIN: ORG.admin,
};
const GUARD_REFUSAL = /^This needs one of the roles /;
/** Another team, mirroring East: its director and manager are outside the East reporting line. */
const WEST = { director: 'director.west@salesflow.test', manager: 'manager.west@salesflow.test', rep: 'rep.west@salesflow.test' };
/** Resource families the team dimension covers: every GET under `/<family>/{id}` in the document. */
const TEAM_SCOPED = /^\/(contracts|customers)\/\{id\}(\/.*)?$/;
const NOTHING = '00000000-0000-4000-8000-000000000000';
const PARAMS: Record<string, string> = { year: '2027', period: '2026-12', name: 'matrix-none', token: 'x'.repeat(43), code: 'NONE' };

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** null: public; 'any': any employee; else the roles named. */
  roles: Role[] | 'any' | null;
}

function rolesOf(description: string | undefined): Operation['roles'] {
  const declared = /Roles: ([^.]+)\./.exec(description ?? '')?.[1];
  if (declared === undefined) throw new Error(`an operation without "Roles:" in its description: ${description}`);
  if (declared.startsWith('none')) return null;
  if (declared === 'any authenticated employee') return 'any';
  return declared.split(', ').map((role) => role.trim() as Role);
}

describe('authorization matrix: every endpoint x every role, from the OpenAPI roles', () => {
  const system = useTestSystem({
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: CS, name: 'Cora Service', role: 'CUSTOMER_SERVICE', managerEmail: ORG.manager, team: 'East' },
        { email: WEST.director, name: 'Wes Director', role: 'SALES_DIRECTOR', team: 'West' },
        { email: WEST.manager, name: 'Wendy Manager', role: 'SALES_MANAGER', managerEmail: WEST.director, team: 'West' },
        { email: WEST.rep, name: 'Will Rep', role: 'SALES_SPECIALIST', managerEmail: WEST.manager, team: 'West' },
      ]);
    },
  });
  let operations: Operation[] = [];

  const call = (operation: Operation, token: string | null) => {
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? NOTHING);
    const request = system.http[operation.method](path);
    if (token) request.set('Authorization', `Bearer ${token}`);
    return operation.method === 'get' || operation.method === 'delete' ? request : request.send({});
  };

  it('reads every operation and its roles from /docs-json', async () => {
    const doc = (await system.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { description?: string }>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method as Operation['method'], path, roles: rolesOf(operation.description) })));
    expect(operations.length).toBeGreaterThanOrEqual(60);
    expect(operations.filter((o) => o.roles === null).map((o) => `${o.method} ${o.path}`).length).toBeGreaterThan(0);
  });

  it('no token: 401 on every operation that is not public', async () => {
    const passed: string[] = [];
    for (const operation of operations.filter((o) => o.roles !== null)) {
      const response = await call(operation, null);
      if (response.status !== 401) passed.push(`${operation.method.toUpperCase()} ${operation.path} -> ${response.status}`);
    }
    expect(passed).toEqual([]);
  });

  for (const role of ROLES) {
    it(`${role}: passes the role check exactly where the operation names ${role} (or any employee)`, async () => {
      const token = system.token(CALLER[role]);
      const wrong: string[] = [];
      for (const operation of operations.filter((o) => o.roles !== null)) {
        const allowed = operation.roles === 'any' || (operation.roles as Role[]).includes(role);
        const response = await call(operation, token);
        const refusedByGuard = response.status === 403 && GUARD_REFUSAL.test(String(response.body?.message));
        if (response.status === 401 || allowed === refusedByGuard) {
          wrong.push(`${operation.method.toUpperCase()} ${operation.path}: ${allowed ? 'allowed' : 'not allowed'} but ${response.status} ${response.body?.message ?? ''}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  describe('own team vs another team', () => {
    const owned: Record<string, string> = {};
    const OWN: string[] = [ORG.manager, ORG.director];
    const OTHER: string[] = [WEST.manager, WEST.director];

    it('the East rep owns one of each team-scoped resource', async () => {
      owned.contracts = (await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: 'Matrix contract' }).expect(201)).body.id;
      owned.customers = (await system.as(ORG.rep).post('/customers').send({ code: 'MATRIX-1', name: 'Matrix Co' }).expect(201)).body.id;
    });

    it('every GET on a team-scoped resource: served to the managers above the owner, 403 naming nobody to another team\u2019s', async () => {
      const scoped = operations.filter((o) => o.method === 'get' && TEAM_SCOPED.test(o.path) && o.roles !== null);
      expect(scoped.map((o) => o.path)).toEqual(expect.arrayContaining(['/contracts/{id}', '/customers/{id}']));
      const wrong: string[] = [];
      for (const operation of scoped) {
        const path = operation.path.replace('{id}', owned[TEAM_SCOPED.exec(operation.path)![1]]);
        for (const email of [...OWN, ...OTHER]) {
          const role = email.includes('director') ? 'SALES_DIRECTOR' : 'SALES_MANAGER';
          if (operation.roles !== 'any' && !(operation.roles as Role[]).includes(role)) continue; // the role check's business, above
          const response = await system.as(email).get(path);
          const message = String(response.body?.message ?? '');
          if (OWN.includes(email) && response.status !== 200) wrong.push(`GET ${operation.path} by own-team ${email}: ${response.status} ${message}`);
          if (OTHER.includes(email) && response.status !== 403) wrong.push(`GET ${operation.path} by other-team ${email}: ${response.status}, not 403`);
          if (OTHER.includes(email) && [ORG.rep, 'Ray Rep', ORG.manager, 'Mia Manager'].some((who) => message.includes(who))) wrong.push(`GET ${operation.path}: the 403 names someone: ${message}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('the lists show a team-scoped resource to the managers above its owner and not to another team\u2019s', async () => {
      for (const family of Object.keys(owned)) {
        for (const email of [...OWN, ...OTHER]) {
          const items = (await system.as(email).get(`/${family}?limit=200`).expect(200)).body.items as { id: string }[];
          expect([family, email, items.some((item) => item.id === owned[family])]).toEqual([family, email, OWN.includes(email)]);
        }
      }
    });

    it('a change by another team\u2019s manager is 403 and writes nothing; the own team\u2019s manager may make it', async () => {
      const before = (await system.as(ORG.rep).get(`/customers/${owned.customers}`).expect(200)).body;
      const refused = await system.as(WEST.manager).patch(`/customers/${owned.customers}`).send({ version: before.version, industry: 'Other team' }).expect(403);
      expect(JSON.stringify(refused.body)).not.toContain(ORG.rep);
      expect((await system.as(ORG.rep).get(`/customers/${owned.customers}`).expect(200)).body).toMatchObject({ version: before.version, industry: before.industry });
      await system.as(ORG.manager).patch(`/customers/${owned.customers}`).send({ version: before.version, industry: 'Own team' }).expect(200);
    });
  });
});

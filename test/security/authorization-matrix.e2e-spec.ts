import type { Role } from '#generated/prisma';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 12: the authorization matrix, generated from the OpenAPI document so a new endpoint is
 * covered by default. For every operation and every role: a role the operation names (or any
 * employee) passes the gateway's role check (whatever the service then says of the data), a role
 * it does not name gets the guard's 403, and nobody without a token gets past (401), except the
 * operations declared public. Path parameters are filled with ids that name nothing, and bodies
 * are empty, so an allowed call is refused by validation or "not found" and changes nothing.
 */
const ROLES: Role[] = ['SALES_SPECIALIST', 'CUSTOMER_SERVICE', 'SALES_MANAGER', 'SALES_DIRECTOR', 'FINANCE', 'LEGAL', 'HR', 'ADMIN'];
const CS = 'cs@salesflow.test';
const CALLER: Record<Role, string> = {
  SALES_SPECIALIST: ORG.rep, CUSTOMER_SERVICE: CS, SALES_MANAGER: ORG.manager, SALES_DIRECTOR: ORG.director,
  FINANCE: ORG.finance, LEGAL: ORG.legal, HR: ORG.hr, ADMIN: ORG.admin,
};
const GUARD_REFUSAL = /^This needs one of the roles /;
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
      await addEmployees(system, [{ email: CS, name: 'Cora Service', role: 'CUSTOMER_SERVICE', managerEmail: ORG.manager, team: 'East' }]);
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
});

import type { Role } from '#generated/prisma';
import { waitFor } from '#libs/testing';
import { addEmployees, contractBody, submit } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
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
 * in their reporting line) and not on another team's. It is a table, one row per resource family
 * scoped by reporting line: contracts, customers, appraisals, promotion nominations, commission
 * statements (and their disputes), revisits, complaints, risk alerts (customer demand and
 * attrition), risk tasks, sales targets, training enrollments and absences. Each row makes the
 * East rep's resource as users do (the API; a table write only where no API makes the thing, said
 * at the row), names the lists that show it and one change of it. Then:
 * - every GET /<family>/{id}... the OpenAPI document lists for a row's family is asked for with
 *   the row's resource: served to the East manager and director above the owner, 403 to the West
 *   ones, naming none of the East people; a GET /<x>/{id} in the document whose family has no row
 *   (and is not listed as not team-scoped) fails the test, so a new one is covered by default;
 * - each list (also filtered by the East owner or assignee) shows the resource to East, and to West
 *   does not (an empty page or a 403 that names nobody); the desk shows West nothing of East;
 * - the change by the West manager and director is 403, names nobody and leaves the row as it was;
 *   the East manager then makes it, and it shows in the row.
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
const DAY = 24 * 3600_000;
/** Last month (UTC), over by now: its commission statement and appraisal cycle. */
const LAST_MONTH = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
const APPRAISAL_TEMPLATE = {
  kpis: [{ kind: 'managerRating', weight: 100, scoring: { kind: 'linear', floor: 1, target: 5 } }],
  bands: [{ name: 'below', min: 0 }, { name: 'meets', min: 50 }, { name: 'exceeds', min: 90 }],
};
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const COURSE = { code: 'MATRIX-101', titleZh: '销售', titleEn: 'Selling', category: 'sales_skills', levels: ['SALES_SPECIALIST'], durationMinutes: 120, mandatory: false };
/** 09:00 to 11:00 in Shanghai on a Tuesday about five weeks from now. */
function sessionTimes(): { startsAt: string; endsAt: string } {
  const day = new Date(Date.now() + 35 * DAY);
  day.setUTCDate(day.getUTCDate() + ((9 - day.getUTCDay()) % 7));
  const date = day.toISOString().slice(0, 10);
  return { startsAt: `${date}T01:00:00Z`, endsAt: `${date}T03:00:00Z` };
}
const APPRAISAL_CYCLE = {
  period: LAST_MONTH, scope: { role: 'SALES_SPECIALIST' }, template: 'matrix',
  deadlines: { self: inDays(10), peer: inDays(20), manager: inDays(30), calibration: inDays(40) },
};
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
    /** The East rep's resource of each row (by its label, else its family name): made in the first test below. */
    const owned: Record<string, string> = {};
    /** What some rows need besides the resource: the statement's dispute, the appraisal cycle, the customer's version, the complaint's customer. */
    const made: { dispute?: string; cycle?: string; customerVersion?: number; complaintCustomer?: string } = {};
    const OWN: string[] = [ORG.manager, ORG.director];
    const OTHER: string[] = [WEST.manager, WEST.director];
    /** The East people a refusal to West must not name (the owner, the people above them, the complaint's assignee). */
    const EAST_PEOPLE = [ORG.rep, 'Ray Rep', ORG.manager, 'Mia Manager', ORG.director, 'Dana Director', CS, 'Cora Service'];
    const namedIn = (body: unknown) => EAST_PEOPLE.filter((who) => JSON.stringify(body ?? '').includes(who));
    const roleOf = (email: string): Role => (email.includes('director') ? 'SALES_DIRECTOR' : 'SALES_MANAGER');
    const items = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
    let customers = 0;
    /** An active customer of the East rep, created by the rep through the API (an active customer gets a planned revisit). */
    const eastCustomer = async (extra: object = {}) => {
      customers += 1;
      const body = { code: `MATRIX-${customers}`, name: `Matrix Co ${customers}`, status: 'active', region: 'Shanghai', ...extra };
      return (await system.as(ORG.rep).post('/customers').send(body).expect(201)).body as { id: string; version: number };
    };

    interface Family {
      /** The path's first segment: every GET /<name>/{id}... in the document is asked for with this family's resource. */
      name: string;
      /** Tells apart a second row of the same family (another kind of the same resource). */
      label?: string;
      /** Makes the East rep's resource the way users do (through the API where one makes it); answers its id. */
      create(): Promise<string>;
      /** Reads that list the resource (filters naming East people too): the East managers see it; the West ones do not, or are refused (403). None: no API lists it. */
      lists?(): string[];
      /** The ids a list answered (default: its items' ids). */
      listed?(body: never): string[];
      /** A change that the East `by` may make and the West manager and director may not (403, nothing written). */
      change: { method?: 'patch' | 'put' | 'delete'; path(id: string): string; body(): object; by: string; row(id: string): Promise<unknown> };
    }

    /**
     * One row per team-scoped family. A GET /<family>/{id}... that the document gains is asked for
     * with the row's resource; a family the document gains without a row fails the first test.
     */
    const FAMILIES: Family[] = [
      {
        name: 'contracts',
        // 8 % discount: the default policy sends it to the owner's manager.
        create: async () => (await submit(system, ORG.rep, contractBody('Matrix contract', { discountPct: 8 }))).id,
        lists: () => ['/contracts?limit=200', `/contracts?owner=${ORG.rep}&limit=200`],
        change: {
          path: (id) => `/contracts/${id}/decisions`, body: () => ({ decision: 'approve' }), by: ORG.manager,
          row: (id) => system.prisma.contract.findUniqueOrThrow({ where: { id }, include: { stages: { include: { steps: { include: { assignees: true } } } } } }),
        },
      },
      {
        name: 'customers',
        create: async () => {
          const customer = await eastCustomer();
          made.customerVersion = customer.version;
          return customer.id;
        },
        lists: () => ['/customers?limit=200', `/customers?owner=${ORG.rep}&limit=200`],
        change: {
          method: 'patch', path: (id) => `/customers/${id}`, body: () => ({ version: made.customerVersion, industry: 'Changed' }), by: ORG.manager,
          row: (id) => system.prisma.customer.findUniqueOrThrow({ where: { id } }),
        },
      },
      {
        name: 'appraisals',
        create: async () => {
          await system.as(ORG.hr).put('/appraisal-templates/matrix').send(APPRAISAL_TEMPLATE).expect(200);
          made.cycle = (await system.as(ORG.hr).post('/appraisal-cycles').send(APPRAISAL_CYCLE).expect(201)).body.id;
          const all = (await system.as(ORG.hr).get(`/appraisals?cycle=${made.cycle}`).expect(200)).body.items as { id: string; employee: { email: string } }[];
          const id = all.find((appraisal) => appraisal.employee.email === ORG.rep)!.id;
          await system.as(ORG.rep).post(`/appraisals/${id}/self-review`).send({ comment: 'My year' }).expect(200);
          return id;
        },
        lists: () => [`/appraisals?cycle=${made.cycle}`],
        change: {
          path: (id) => `/appraisals/${id}/manager-review`, body: () => ({ rating: 4, comment: 'Reviewed' }), by: ORG.manager,
          row: (id) => system.prisma.appraisal.findUniqueOrThrow({ where: { id } }),
        },
      },
      {
        name: 'promotion-nominations',
        // No API makes a nomination: the sign-off of a second top band in a row does (promotion-and-feedback.e2e-spec.ts).
        // Written here as that sign-off would, for the rep's appraisal above, with the East manager the reviewer of record.
        create: async () => (await system.prisma.promotionNomination.create({
          data: {
            employeeId: await employeeId(ORG.rep), appraisalId: owned.appraisals, managerId: await employeeId(ORG.manager),
            band: 'exceeds', streak: 2, evidence: [], createdAt: new Date(),
          },
        })).id,
        lists: () => ['/promotion-nominations?limit=200'],
        change: {
          path: (id) => `/promotion-nominations/${id}/decision`, body: () => ({ decision: 'confirm', reason: 'Ready' }), by: ORG.manager,
          row: (id) => system.prisma.promotionNomination.findUniqueOrThrow({ where: { id } }),
        },
      },
      {
        name: 'commission-statements',
        // The rep reads their statement of last month (which makes it) and disputes it: the dispute is their manager's.
        create: async () => {
          const statement = (await system.as(ORG.rep).get('/commission-statements').query({ period: LAST_MONTH }).expect(200)).body;
          made.dispute = (await system.as(ORG.rep).post(`/commission-statements/${statement.id}/disputes`).send({ reason: 'A deal is missing' }).expect(201)).body.id;
          return statement.id as string;
        },
        lists: () => [`/commission-statements?period=${LAST_MONTH}&employee=${ORG.rep}`],
        listed: (body: { id: string }) => [body.id],
        change: {
          path: () => `/commission-disputes/${made.dispute}/resolve`, body: () => ({ outcome: 'rejected', comment: 'Checked' }), by: ORG.manager,
          row: () => system.prisma.commissionDispute.findUniqueOrThrow({ where: { id: made.dispute } }),
        },
      },
      {
        name: 'revisits',
        // A new active customer's planned visit, as the rep's revisit list shows it.
        create: async () => {
          const customer = await eastCustomer();
          const visits = (await system.as(ORG.rep).get('/revisits?due=all&limit=200').expect(200)).body.items as { id: string; customer: { id: string } }[];
          return visits.find((visit) => visit.customer.id === customer.id)!.id;
        },
        lists: () => [`/revisits?owner=${ORG.rep}&due=all&limit=200`],
        change: {
          path: (id) => `/revisits/${id}/complete`, body: () => ({ outcome: 'positive', notes: 'Visited' }), by: ORG.manager,
          row: (id) => system.prisma.visit.findUniqueOrThrow({ where: { id } }),
        },
      },
      {
        name: 'complaints',
        // Recorded by the rep about their customer; it goes to customer service (Cora, in the East manager's team).
        create: async () => {
          const customer = await eastCustomer();
          made.complaintCustomer = customer.id;
          return (await system.as(ORG.rep).post('/complaints').send({ customerId: customer.id, severity: 'low', channel: 'phone', description: 'Late delivery' }).expect(201)).body.id;
        },
        lists: () => ['/complaints?limit=200', `/complaints?assignee=${CS}&limit=200`, `/complaints?customerId=${made.complaintCustomer}&limit=200`],
        change: {
          path: (id) => `/complaints/${id}/acknowledge`, body: () => ({}), by: ORG.manager,
          row: (id) => system.prisma.complaint.findUniqueOrThrow({ where: { id } }),
        },
      },
      {
        name: 'risk-alerts',
        // An A-tier customer without an approved contract for over 90 days, found by the scan ADMIN runs
        // (POST /risk-scans). No API ages a customer: its createdAt is set back in the table.
        create: async () => {
          const customer = await eastCustomer({ tier: 'A', contacts: [{ name: 'Buyer', email: 'buyer@matrix.example', locale: 'en' }] });
          await system.prisma.customer.update({ where: { id: customer.id }, data: { createdAt: new Date(Date.now() - 400 * DAY) } });
          await system.as(ORG.admin).post('/risk-scans').send({ type: 'customer_demand' }).expect(202);
          const alerts = await waitFor('the risk alert about the aged customer', async () =>
            ((await system.as(ORG.admin).get('/risk-alerts?limit=200').expect(200)).body.items as { id: string; customer?: { id: string }; tasks: unknown[] }[])
              .filter((alert) => alert.customer?.id === customer.id && alert.tasks.length > 0), (found) => found.length > 0);
          return alerts[0].id;
        },
        lists: () => ['/risk-alerts?limit=200'],
        change: {
          path: (id) => `/risk-alerts/${id}/acknowledge`, body: () => ({}), by: ORG.manager,
          row: (id) => system.prisma.riskAlert.findUniqueOrThrow({ where: { id } }),
        },
      },
      {
        name: 'risk-tasks',
        // An open countermeasure task of the alert above, owned by the rep.
        create: async () => {
          const tasks = (await system.as(ORG.rep).get('/risk-tasks?status=OPEN&limit=200').expect(200)).body.items as { id: string; alert: { id: string } }[];
          return tasks.find((task) => task.alert.id === owned['risk-alerts'])!.id;
        },
        lists: () => ['/risk-tasks?limit=200', `/risk-tasks?owner=${ORG.rep}&limit=200`],
        change: {
          path: (id) => `/risk-tasks/${id}/done`, body: () => ({ note: 'Done' }), by: ORG.manager,
          row: (id) => system.prisma.riskTask.findUniqueOrThrow({ where: { id } }),
        },
      },
      {
        name: 'risk-alerts',
        label: 'risk-alerts (attrition)',
        // No API makes an attrition alert: appraisal's attrition scan flags a person and follow-up records
        // the flag (attrition-risk.e2e-spec.ts). Written here as that record would be, about the rep.
        create: async () => (await system.prisma.riskAlert.create({
          data: {
            type: 'attrition', subjectId: await employeeId(ORG.rep), rule: 'attrition_signals', severity: 1,
            evidence: { facts: { signals: [], policyVersion: 1, scannedAt: new Date().toISOString() }, delivery: {} },
          },
        })).id,
        lists: () => ['/risk-alerts?type=attrition&limit=200'],
        change: {
          path: (id) => `/risk-alerts/${id}/snooze`, body: () => ({ until: inDays(7), reason: 'After the holidays' }), by: ORG.manager,
          row: (id) => system.prisma.riskAlert.findUniqueOrThrow({ where: { id } }),
        },
      },
      {
        name: 'targets',
        // The East manager sets the rep's target; the list and the resource are the rep's (by their id).
        create: async () => {
          const rep = await employeeId(ORG.rep);
          await system.as(ORG.manager).put(`/targets/${LAST_MONTH}`).send({ targets: [{ employee: rep, amount: 100000 }] }).expect(200);
          return rep;
        },
        lists: () => [`/targets?period=${LAST_MONTH}&limit=200`, `/targets?period=${LAST_MONTH}&team=East&limit=200`],
        listed: (body: { items: { employee: { id: string } }[] }) => body.items.map((item) => item.employee.id),
        change: {
          // By id: a 403 names whom it is about as the caller named them, and an id names nobody.
          method: 'put', path: () => `/targets/${LAST_MONTH}`, body: () => ({ targets: [{ employee: owned.targets, amount: 1 }] }), by: ORG.manager,
          row: (id) => system.prisma.salesTarget.findFirstOrThrow({ where: { employeeId: id, period: LAST_MONTH } }),
        },
      },
      {
        name: 'enrollments',
        // HR schedules a session; the rep enrolls. No API lists enrollments.
        create: async () => {
          const course = (await system.as(ORG.hr).post('/courses').send(COURSE).expect(201)).body.id;
          const session = (await system.as(ORG.hr).post('/sessions').send({ courseId: course, ...sessionTimes(), timezone: 'Asia/Shanghai', place: 'Room 1', trainer: ORG.hr, capacity: 5 }).expect(201)).body.id;
          return (await system.as(ORG.rep).post(`/sessions/${session}/enrollments`).send({}).expect(201)).body.id;
        },
        change: {
          method: 'delete', path: (id) => `/enrollments/${id}`, body: () => ({}), by: ORG.manager,
          row: (id) => system.prisma.enrollment.findUniqueOrThrow({ where: { id } }),
        },
      },
      {
        name: 'absences',
        // The rep records an absence of their own; no API lists absences. The change records another one for the rep.
        create: async () => (await system.as(ORG.rep).post('/org/absences').send({ employeeEmail: ORG.rep, from: inDays(60), to: inDays(61) }).expect(201)).body.id,
        change: {
          path: () => '/org/absences', body: () => ({ employeeEmail: ORG.rep, from: inDays(70), to: inDays(71) }), by: ORG.manager,
          row: async () => system.prisma.absence.findMany({ where: { employeeId: await employeeId(ORG.rep) }, orderBy: { from: 'asc' } }),
        },
      },
    ];
    /** GETs of a single thing that is not one person's and not scoped by reporting line. */
    const NOT_TEAM_SCOPED: Record<string, string> = {
      'appraisal-cycles': 'a cycle is the organization\u2019s',
      courses: 'the catalogue is everyone\u2019s',
      sessions: 'a training session is open to everyone',
    };
    const TEAM_SCOPED = new RegExp(`^/(${FAMILIES.map((family) => family.name).join('|')})/\\{id\\}(/.*)?$`);

    const as = (email: string, method: 'post' | 'patch' | 'put' | 'delete', path: string) => system.http[method](path).set('Authorization', `Bearer ${system.token(email)}`);

    async function employeeId(email: string): Promise<string> {
      return (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id;
    }

    it('the East rep owns one resource of each team-scoped family; every GET /<family>/{id} in the document has a row', async () => {
      expect(operations.length).toBeGreaterThan(0);
      for (const family of FAMILIES) owned[family.label ?? family.name] = await family.create();
      const uncovered = operations
        .filter((o) => o.method === 'get' && o.roles !== null)
        .map((o) => /^\/([\w-]+)\/\{id\}/.exec(o.path)?.[1])
        .filter((name): name is string => name !== undefined && !(name in NOT_TEAM_SCOPED) && !FAMILIES.some((family) => family.name === name));
      expect(uncovered).toEqual([]);
    });

    it('every GET on a team-scoped resource: served to the managers above the owner, 403 naming nobody to another team\u2019s', async () => {
      const scoped = operations.filter((o) => o.method === 'get' && TEAM_SCOPED.test(o.path) && o.roles !== null);
      expect(scoped.map((o) => o.path)).toEqual(expect.arrayContaining(['/contracts/{id}', '/customers/{id}', '/appraisals/{id}', '/promotion-nominations/{id}']));
      const wrong: string[] = [];
      for (const operation of scoped) {
        const path = operation.path.replace('{id}', owned[TEAM_SCOPED.exec(operation.path)![1]]);
        for (const email of [...OWN, ...OTHER]) {
          if (operation.roles !== 'any' && !(operation.roles as Role[]).includes(roleOf(email))) continue; // the role check's business, above
          const response = await system.as(email).get(path);
          if (OWN.includes(email) && response.status !== 200) wrong.push(`GET ${operation.path} by own-team ${email}: ${response.status} ${response.body?.message ?? ''}`);
          if (OTHER.includes(email) && response.status !== 403) wrong.push(`GET ${operation.path} by other-team ${email}: ${response.status}, not 403`);
          if (OTHER.includes(email) && namedIn(response.body).length > 0) wrong.push(`GET ${operation.path}: the 403 names ${namedIn(response.body).join(', ')}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('the lists show a team-scoped resource to the managers above its owner and not to another team\u2019s', async () => {
      const wrong: string[] = [];
      for (const family of FAMILIES) {
        const id = owned[family.label ?? family.name];
        for (const [list, email] of (family.lists?.() ?? []).flatMap((path) => [...OWN, ...OTHER].map((who) => [path, who]))) {
          const response = await system.as(email).get(list);
          const refused = response.status === 403;
          const shown = response.status === 200 && (family.listed ?? items)(response.body as never).includes(id);
          if (OWN.includes(email) && !shown) wrong.push(`${list} to own-team ${email}: ${response.status}, not shown`);
          if (OTHER.includes(email) && (shown || (!refused && response.status !== 200))) wrong.push(`${list} to other-team ${email}: ${response.status}${shown ? ', shown' : ''}`);
          if (OTHER.includes(email) && refused && namedIn(response.body).length > 0) wrong.push(`${list}: the 403 names ${namedIn(response.body).join(', ')}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('the desk, which gathers the reporting line\u2019s contracts, revisits, complaints, alerts and targets, shows the East items to East and nothing of East to West', async () => {
      const wrong: string[] = [];
      for (const email of [...OWN, ...OTHER]) {
        const page = (await system.as(email).get('/desk').expect(200)).text;
        if (OWN.includes(email) && !(page.includes('Matrix contract') && page.includes('Ray Rep'))) wrong.push(`the desk of own-team ${email} lacks the rep\u2019s contract`);
        const named = [...namedIn(page), ...(page.includes('Matrix') ? ['Matrix'] : [])];
        if (OTHER.includes(email) && named.length > 0) wrong.push(`the desk of other-team ${email} names ${named.join(', ')}`);
      }
      expect(wrong).toEqual([]);
    });

    it('a change by another team\u2019s manager or director is 403, names nobody and writes nothing; the own team\u2019s may make it', async () => {
      const wrong: string[] = [];
      for (const family of FAMILIES) {
        const id = owned[family.label ?? family.name];
        const { method = 'post', path, body, by, row } = family.change;
        const before = await row(id);
        for (const email of OTHER) {
          const refused = await as(email, method, path(id)).send(body());
          if (refused.status !== 403) wrong.push(`${method.toUpperCase()} ${path(id)} by other-team ${email}: ${refused.status}, not 403`);
          if (namedIn(refused.body).length > 0) wrong.push(`${method.toUpperCase()} ${path(id)}: the refusal names ${namedIn(refused.body).join(', ')}`);
        }
        if (JSON.stringify(await row(id)) !== JSON.stringify(before)) wrong.push(`${family.label ?? family.name}: the refused change wrote to the row`);
        const allowed = await as(by, method, path(id)).send(body());
        if (allowed.status >= 300) wrong.push(`${method.toUpperCase()} ${path(id)} by own-team ${by}: ${allowed.status} ${allowed.body?.message ?? ''}`);
        else if (JSON.stringify(await row(id)) === JSON.stringify(before)) wrong.push(`${family.label ?? family.name}: the own team\u2019s change did not show in the row`);
      }
      expect(wrong).toEqual([]);
    });
  });
});

import type { Employee } from '#generated/prisma';
import { JOBS, QUEUES } from '#libs/queue';
import { BadRequestError } from '#libs/rpc';
import { featureTestingModule, TEST_ADMIN_EMAIL, type FeatureTestingModule } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { OrgAdminService } from './org-admin.service.js';
import { OrgDirectory } from './org-directory.service.js';
import { OrgModule } from './org.module.js';

/**
 * Medium tier: the organization directory on a real database. Reporting lines are answered by
 * SQL over manager links (a recursive walk), so these tests fail if that SQL or the rules around
 * it break: who is above whom, whose subtree a manager sees, refusing a cycle without writing
 * anything, and an absence with its two timers.
 */
const T0 = new Date('2027-03-10T02:00:00.000Z');
const DIRECTOR = 'director@salesflow.test';
const MANAGER = 'manager@salesflow.test';
const REP = 'rep@salesflow.test';
const REP2 = 'rep2@salesflow.test';
const OTHER_MANAGER = 'other.manager@salesflow.test';

describe('org directory (medium: the services on a real database)', () => {
  const clock = new ManualClock(T0);
  let t: FeatureTestingModule;
  let admin: OrgAdminService;
  let directory: OrgDirectory;
  let actor: Employee;

  const employee = (email: string): Promise<Employee> => t.prisma.employee.findUniqueOrThrow({ where: { email } });
  const emailsOf = (employees: Employee[]) => employees.map((e) => e.email);

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [OrgModule], clock });
    admin = t.get(OrgAdminService);
    directory = t.get(OrgDirectory);
    actor = await employee(TEST_ADMIN_EMAIL);
    await admin.upsertEmployees(actor, [
      // Listed before their managers on purpose: links are written after every row exists.
      { email: REP, name: 'Ray Rep', role: 'SALES_SPECIALIST', managerEmail: MANAGER },
      { email: REP2, name: 'Rita Rep', role: 'SALES_SPECIALIST', managerEmail: MANAGER },
      { email: MANAGER, name: 'Mia Manager', role: 'SALES_MANAGER', managerEmail: DIRECTOR },
      { email: OTHER_MANAGER, name: 'Otto Manager', role: 'SALES_MANAGER', managerEmail: DIRECTOR },
      { email: DIRECTOR, name: 'Dana Director', role: 'SALES_DIRECTOR' },
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers reporting lines from the rows: the chain above, the subtree below, and who is above whom', async () => {
    const rep = await employee(REP);
    expect(emailsOf(await directory.reportingChain(rep))).toEqual([MANAGER, DIRECTOR]);
    expect((await directory.nearestAbove(rep, 'SALES_DIRECTOR'))?.email).toBe(DIRECTOR);
    expect(await directory.isAbove((await employee(DIRECTOR)).id, rep)).toBe(true);
    expect(await directory.isAbove((await employee(OTHER_MANAGER)).id, rep)).toBe(false);
    expect(await directory.isAbove((await employee(REP2)).id, rep)).toBe(false);

    const subtree = await directory.reportingSubtree((await employee(MANAGER)).id);
    const ids = await Promise.all([MANAGER, REP, REP2].map(async (email) => (await employee(email)).id));
    expect([...subtree].sort()).toEqual([...ids].sort());

    const audit = await t.prisma.auditEntry.findMany({ where: { action: 'employees.upserted' } });
    expect(audit).toEqual([expect.objectContaining({ entityType: 'organization', actorId: actor.id })]);
    expect(audit[0].after).toEqual({ emails: [REP, REP2, MANAGER, OTHER_MANAGER, DIRECTOR] });
  });

  it('refuses reporting lines that would form a cycle and writes nothing, not even the rows that were fine', async () => {
    const before = await t.prisma.auditEntry.count();
    const attempt = admin.upsertEmployees(actor, [
      { email: 'new.rep@salesflow.test', name: 'Nora New', role: 'SALES_SPECIALIST', managerEmail: REP },
      { email: DIRECTOR, name: 'Dana Director', role: 'SALES_DIRECTOR', managerEmail: REP },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(BadRequestError);
    await expect(attempt).rejects.toThrow(/cycle/);
    expect((await employee(DIRECTOR)).managerId).toBeNull();
    expect(await t.prisma.employee.count({ where: { email: 'new.rep@salesflow.test' } })).toBe(0);
    expect(await t.prisma.auditEntry.count()).toBe(before);
  });

  it('an absence is a row with a start and an end timer on the approval queue, found by absenceAt only inside its dates', async () => {
    const from = new Date('2027-03-15T00:00:00.000Z');
    const to = new Date('2027-03-19T00:00:00.000Z');
    const absence = await admin.addAbsence(actor, { employeeEmail: MANAGER, from: from.toISOString(), to: to.toISOString(), delegateEmail: DIRECTOR }, 'corr-absence');
    expect(absence).toMatchObject({ employee: { email: MANAGER }, delegate: { email: DIRECTOR } });

    const timers = await t.prisma.timer.findMany({ where: { subjectId: absence.id }, orderBy: { dueAt: 'asc' } });
    expect(timers.map((timer) => [timer.uniqueKey, timer.kind, timer.queue, timer.dueAt.toISOString(), timer.correlationId])).toEqual([
      [`absence-start:${absence.id}`, JOBS.absenceStart, QUEUES.approvalUrgent, from.toISOString(), 'corr-absence'],
      [`absence-end:${absence.id}`, JOBS.absenceEnd, QUEUES.approvalUrgent, to.toISOString(), 'corr-absence'],
    ]);

    const manager = await employee(MANAGER);
    expect((await directory.absenceAt(manager.id, new Date('2027-03-16T00:00:00.000Z')))?.id).toBe(absence.id);
    expect(await directory.absenceAt(manager.id, new Date('2027-03-20T00:00:00.000Z'))).toBeNull();
    expect([...(await directory.absencesAt([manager.id, (await employee(REP)).id], new Date('2027-03-16T00:00:00.000Z'))).keys()]).toEqual([manager.id]);

    const [audit] = await t.prisma.auditEntry.findMany({ where: { entityType: 'absence', entityId: absence.id } });
    expect(audit).toMatchObject({ action: 'absence.created', actorId: actor.id, at: T0, after: { employee: MANAGER, delegate: DIRECTOR } });
  });

  it('an absence that has already begun arms its start timer for now (the clock), not in the past', async () => {
    clock.set(new Date('2027-03-22T03:00:00.000Z'));
    const absence = await admin.addAbsence(actor, { employeeEmail: REP, from: '2027-03-22T00:00:00.000Z', to: '2027-03-23T00:00:00.000Z' }, null);
    const start = await t.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: `absence-start:${absence.id}` } });
    expect(start.dueAt).toEqual(clock.now());
  });
});

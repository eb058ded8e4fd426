import { randomUUID } from 'node:crypto';
import type { Visit } from '#generated/prisma';
import { RevisitPlanner } from '../../apps/customer-follow-up/src/revisits/revisit-planner.service.js';
import { waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { employeeId, mailsWithKey, settled } from './revisit-test-helpers.js';

/**
 * Issue 3, items 1 and 2: every way a customer comes to be or changes keeps its revisit plan in
 * the same transaction. POST /customers, each import batch and PATCH of owner, tier or status
 * leave an active or prospect customer exactly one planned regular visit, due cadenceDays[tier] of
 * the owner's working days after its creation (or last visit), with its overdue timer; a dormant
 * one has no regular visit, a lost one no planned visit at all; a new owner takes the plan over and
 * reads it in their digest.
 *
 * Time is a ManualClock at Wednesday 2027-03-10 10:00 in Shanghai; the reps work the standard
 * Monday-Friday calendar, so 14 working days later is Tuesday 2027-03-30 10:00 (A), 30 is
 * Wednesday 2027-04-21 (B) and 90 is Wednesday 2027-07-14 (C).
 */
const T0 = new Date('2027-03-10T02:00:00Z');
const DUE = { A: '2027-03-30T02:00:00.000Z', B: '2027-04-21T02:00:00.000Z', C: '2027-07-14T02:00:00.000Z' } as const;
/** 3 working days after DUE.A: when its overdue escalation fires. */
const A_ESCALATES = '2027-04-02T02:00:00.000Z';
const HEADER = 'code,name,ownerEmail,tier,status,industry,region,contactName,contactEmail,contactPhone,contactLocale';

describe('customer changes keep the revisit plan', () => {
  const clock = new ManualClock(T0);
  let repId: string;
  let rep2Id: string;
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      repId = await employeeId(system, ORG.rep);
      rep2Id = await employeeId(system, ORG.rep2);
      await settled(system, clock, 'the start');
    },
  });

  const customerId = async (code: string) => (await system.prisma.customer.findUniqueOrThrow({ where: { code } })).id;
  const plannedOf = async (code: string, kind?: string) =>
    system.prisma.visit.findMany({ where: { customerId: await customerId(code), status: 'planned', ...(kind ? { kind } : {}) }, orderBy: { dueAt: 'asc' } });
  const overdueTimer = (visit: Visit) => system.prisma.timer.findUnique({ where: { uniqueKey: `visit-overdue:${visit.id}` } });
  const patch = (as: string, id: string, body: object) => system.http.patch(`/customers/${id}`).set('Authorization', `Bearer ${system.token(as)}`).send(body);

  async function imported(csv: string): Promise<{ status: string; upserted: number; rejected: number }> {
    const response = await system.as(ORG.admin).post('/customers/import').set('Content-Type', 'text/csv').send(csv).expect(202);
    return waitFor(
      `import ${response.body.jobId} to finish`,
      async () => (await system.as(ORG.admin).get(`/customers/import/${response.body.jobId}`).expect(200)).body,
      (status) => status.status === 'done' || status.status === 'failed',
    );
  }

  it('guarantee: POST /customers plans one regular visit due 14 working days out for an A-tier customer, with its overdue timer, the owner\u2019s digest and the audit entry; a dormant one gets none; a refused create plans nothing', async () => {
    const created = (await system.as(ORG.rep).post('/customers').send({ code: 'NEW-A', name: 'Newly Made', tier: 'A', status: 'active' }).expect(201)).body;

    const listed = (await system.as(ORG.rep).get('/revisits?due=all').expect(200)).body.items.filter((v: { customer: { id: string } }) => v.customer.id === created.id);
    expect(listed.map((v: { kind: string; status: string; dueAt: string }) => [v.kind, v.status, v.dueAt])).toEqual([['regular', 'planned', DUE.A]]);
    const [visit] = await plannedOf('NEW-A');
    expect((await overdueTimer(visit))?.dueAt.toISOString()).toBe(A_ESCALATES);
    expect(await system.prisma.timer.count({ where: { kind: 'revisit.digest', subjectId: repId, firedAt: null } })).toBe(1);
    const audit = await system.prisma.auditEntry.findMany({ where: { entityId: created.id }, orderBy: { action: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['customer.created', 'visit.planned']);
    expect(audit[1].after).toMatchObject({ visitId: visit.id, dueAt: DUE.A, owner: ORG.rep });

    await system.as(ORG.rep).post('/customers').send({ code: 'NEW-D', name: 'Asleep', tier: 'A', status: 'dormant' }).expect(201);
    expect(await plannedOf('NEW-D')).toEqual([]);
    await system.as(ORG.rep).post('/customers').send({ code: 'NEW-A', name: 'Same code' }).expect(409);
    expect(await plannedOf('NEW-A')).toHaveLength(1);
  });

  it('guarantee: each import batch plans one regular visit per active or prospect customer and none for dormant or lost ones; a re-import applies owner, tier and status changes to the plans and leaves unchanged rows alone', async () => {
    const first = await imported([
      HEADER,
      `IMP-A,Imported A,${ORG.rep},A,active,,,,,,`,
      `IMP-B,Imported B,${ORG.rep2},B,prospect,,,,,,`,
      `IMP-C,Imported C,${ORG.rep},,active,,,,,,`,
      `IMP-D,Imported Dormant,${ORG.rep},B,dormant,,,,,,`,
      `IMP-L,Imported Lost,${ORG.rep},A,lost,,,,,,`,
    ].join('\n'));
    expect(first).toMatchObject({ status: 'done', upserted: 5, rejected: 0 });
    const plans = async () => Object.fromEntries(await Promise.all(['IMP-A', 'IMP-B', 'IMP-C', 'IMP-D', 'IMP-L'].map(async (code) => {
      const visits = await plannedOf(code);
      return [code, visits.map((v) => [v.kind, v.ownerId === repId ? 'rep' : v.ownerId === rep2Id ? 'rep2' : v.ownerId, v.dueAt.toISOString()])];
    })));
    expect(await plans()).toEqual({
      'IMP-A': [['regular', 'rep', DUE.A]],
      'IMP-B': [['regular', 'rep2', DUE.B]],
      'IMP-C': [['regular', 'rep', DUE.C]],
      'IMP-D': [],
      'IMP-L': [],
    });
    const [importedA] = await plannedOf('IMP-A');
    expect((await overdueTimer(importedA))?.dueAt.toISOString()).toBe(A_ESCALATES);
    for (const code of ['IMP-B', 'IMP-C']) expect(await overdueTimer((await plannedOf(code))[0])).not.toBeNull();
    expect(await system.prisma.timer.count({ where: { kind: 'revisit.digest', subjectId: rep2Id, firedAt: null } })).toBe(1);
    expect(await system.prisma.auditEntry.count({ where: { action: 'visit.planned', entityId: { in: await Promise.all(['IMP-A', 'IMP-B', 'IMP-C'].map(customerId)) } } })).toBe(3);

    const visitsBefore = await system.prisma.visit.count();
    const second = await imported([
      HEADER,
      `IMP-A,Imported A,${ORG.rep},A,lost,,,,,,`, // lost: its visit and timer are cancelled
      `IMP-B,Imported B,${ORG.rep},B,prospect,,,,,,`, // a new owner takes the visit over
      `IMP-C,Imported C,${ORG.rep},A,active,,,,,,`, // tier C to A: the visit moves to the 14-day cadence
      `IMP-D,Imported Dormant,${ORG.rep},B,active,,,,,,`, // awake: planned from its creation
      `IMP-L,Imported Lost,${ORG.rep},A,lost,,,,,,`, // unchanged: nothing happens
    ].join('\n'));
    expect(second).toMatchObject({ status: 'done', upserted: 5, rejected: 0 });
    expect(await plans()).toEqual({
      'IMP-A': [],
      'IMP-B': [['regular', 'rep', DUE.B]],
      'IMP-C': [['regular', 'rep', DUE.A]],
      'IMP-D': [['regular', 'rep', DUE.B]],
      'IMP-L': [],
    });
    expect((await system.prisma.visit.findUniqueOrThrow({ where: { id: importedA.id } })).status).toBe('cancelled');
    expect((await overdueTimer(importedA))?.cancelledAt).not.toBeNull();
    expect((await overdueTimer((await plannedOf('IMP-C'))[0]))?.dueAt.toISOString()).toBe(A_ESCALATES);
    // Only IMP-D got a new visit; IMP-C's moved rather than being replaced.
    expect(await system.prisma.visit.count()).toBe(visitsBefore + 1);
  });

  it('guarantee: PATCH of tier moves the regular visit; dormant cancels it and keeps one-off visits; active again plans a new one; lost cancels every planned visit and its timers', async () => {
    const created = (await system.as(ORG.rep).post('/customers').send({ code: 'ST-1', name: 'Status Changes', tier: 'B', status: 'active' }).expect(201)).body;
    const [regularB] = await plannedOf('ST-1');
    expect(regularB.dueAt.toISOString()).toBe(DUE.B);

    await patch(ORG.rep, created.id, { version: 1, tier: 'A' }).expect(200);
    expect((await plannedOf('ST-1')).map((v) => [v.id, v.dueAt.toISOString()])).toEqual([[regularB.id, DUE.A]]);
    expect((await overdueTimer(regularB))?.dueAt.toISOString()).toBe(A_ESCALATES);

    const contractId = randomUUID();
    const postSigning = await system.database.transaction(async (tx) => {
      const customer = await tx.selectFrom('Customer').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      return system.app.get(RevisitPlanner).planVisit(tx, customer, 'post_signing', new Date('2027-03-17T02:00:00Z'), null, contractId);
    });
    expect(postSigning?.sourceId).toBe(contractId);

    await patch(ORG.rep, created.id, { version: 2, status: 'dormant' }).expect(200);
    expect((await plannedOf('ST-1')).map((v) => v.kind)).toEqual(['post_signing']);
    expect((await overdueTimer(regularB))?.cancelledAt).not.toBeNull();

    await patch(ORG.rep, created.id, { version: 3, status: 'active' }).expect(200);
    const [, regularAgain] = await plannedOf('ST-1');
    expect([regularAgain.kind, regularAgain.dueAt.toISOString()]).toEqual(['regular', DUE.A]);
    expect(regularAgain.id).not.toBe(regularB.id);

    await patch(ORG.manager, created.id, { version: 4, status: 'lost' }).expect(200);
    expect(await plannedOf('ST-1')).toEqual([]);
    for (const visit of [postSigning!, regularAgain]) expect((await overdueTimer(visit))?.cancelledAt).not.toBeNull();
    const cancelled = await system.prisma.auditEntry.findFirstOrThrow({ where: { entityId: created.id, action: 'visit.cancelled', after: { path: ['reason'], equals: 'customer is lost' } } });
    expect((cancelled.after as { visitIds: string[] }).visitIds.sort()).toEqual([postSigning!.id, regularAgain.id].sort());
  });

  it('guarantee: PATCH of the owner hands the plan over: the new owner lists the visit and reads it in their 08:30 digest on its due day, the old owner does neither', async () => {
    const created = (await system.as(ORG.rep).post('/customers').send({ code: 'OWN-1', name: 'Handed Over', tier: 'A', status: 'active' }).expect(201)).body;
    const [visit] = await plannedOf('OWN-1');

    const moved = (await patch(ORG.manager, created.id, { version: 1, ownerEmail: ORG.rep2 }).expect(200)).body;
    expect(moved.owner.email).toBe(ORG.rep2);
    expect((await system.prisma.visit.findUniqueOrThrow({ where: { id: visit.id } })).ownerId).toBe(rep2Id);
    const listedBy = async (email: string) => ((await system.as(email).get('/revisits?due=all').expect(200)).body.items as { id: string }[]).map((v) => v.id);
    expect(await listedBy(ORG.rep2)).toContain(visit.id);
    expect(await listedBy(ORG.rep)).not.toContain(visit.id);
    const handedOver = await system.prisma.auditEntry.findFirstOrThrow({ where: { entityId: created.id, action: 'visit.handed-over' } });
    expect(handedOver.after).toEqual({ visitIds: [visit.id], owner: ORG.rep2 });

    clock.set(new Date('2027-03-30T00:30:00Z')); // Tuesday 08:30 in Shanghai, the day the A-tier visits are due
    await settled(system, clock, 'the digests of 2027-03-30');
    const [rep2Digest] = mailsWithKey(system, `revisit-digest:${rep2Id}:2027-03-30`);
    expect(rep2Digest.to).toEqual([ORG.rep2]);
    expect(rep2Digest.text).toContain('Handed Over (OWN-1)');
    const [repDigest] = mailsWithKey(system, `revisit-digest:${repId}:2027-03-30`);
    expect(repDigest.text).toContain('Newly Made (NEW-A)');
    expect(repDigest.text).not.toContain('OWN-1');
  });
});

import { RevisitPlanner } from '../../apps/customer-follow-up/src/revisits/revisit-planner.service.js';
import { ManualClock } from '#libs/time';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { createCustomer, employeeId, mailsWithKey, regularVisitAt, settled } from './revisit-test-helpers.js';

/**
 * Issue 3, item 2 (revisit plans) and the overdue escalation of item 3: every active customer has
 * one planned regular visit, due cadenceDays[tier] of the owner's working days after the last
 * completed visit; recording a visit plans the next one; a visit overdue by 3 working days is
 * escalated to the owner's manager once.
 *
 * Time is a ManualClock. The rep works on a Shanghai calendar with two Friday holidays, so working
 * days are not weekdays: 2027-03-19 and 2027-03-26 are not worked.
 */
const T0 = new Date('2027-03-10T02:00:00Z'); // Wednesday 10:00 in Shanghai
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('revisit plans and visits', () => {
  const clock = new ManualClock(T0);
  let repId: string;
  let rep2Id: string;
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await system.as(ORG.admin).put('/org/calendars/cn-2027')
        .send({ timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', holidays: ['2027-03-19', '2027-03-26'], workdays: [] })
        .expect(200);
      await system.as(ORG.admin).put('/org/employees').send({
        employees: [{ email: ORG.rep, name: 'Ray Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', region: 'Shanghai', timezone: 'Asia/Shanghai', locale: 'en', calendar: 'cn-2027' }],
      }).expect(200);
      repId = await employeeId(system, ORG.rep);
      rep2Id = await employeeId(system, ORG.rep2);
    },
  });

  async function plannedVisitOf(customerId: string) {
    return system.prisma.visit.findFirstOrThrow({ where: { customerId, status: 'planned', kind: 'regular' } });
  }

  it('guarantee: a new A-tier customer gets one regular visit 14 working days out, and completing it plans the next one 14 working days after the completion, skipping weekends and holidays, to the exact instant', async () => {
    const customer = await createCustomer(system, { code: 'A-1', name: 'Acme Precision', ownerId: repId, tier: 'A', createdAt: T0 });

    const listed = (await system.as(ORG.rep).get('/revisits?due=all').expect(200)).body;
    const first = listed.items.filter((v: { customer: { id: string } }) => v.customer.id === customer.id);
    expect(first).toHaveLength(1);
    // Wed 2027-03-10 10:00 + 14 working days (Fridays 19 and 26 are holidays) = Thu 2027-04-01 10:00 Shanghai.
    expect(first[0]).toMatchObject({ kind: 'regular', status: 'planned', dueAt: '2027-04-01T02:00:00.000Z', owner: { email: ORG.rep } });

    clock.set(new Date('2027-03-12T06:30:00Z')); // Friday 14:30 Shanghai
    const done = (await system.as(ORG.rep).post(`/revisits/${first[0].id}/complete`).send({ outcome: 'positive', notes: 'Met the buyer.', satisfaction: 4 }).expect(200)).body;
    expect(done.visit).toMatchObject({ id: first[0].id, status: 'done', outcome: 'positive', satisfaction: 4, completedAt: '2027-03-12T06:30:00.000Z' });
    // Fri 14:30 + 14 working days: Mon 15 .. Thu 18, Mon 22 .. Thu 25, Mon 29 .. Fri 2, Mon 5 -> 2027-04-05 14:30 Shanghai.
    expect(done.next).toMatchObject({ kind: 'regular', status: 'planned', dueAt: '2027-04-05T06:30:00.000Z' });

    // The next visit escalates 3 working days after it is due; the done one's timer is cancelled.
    const nextTimer = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: `visit-overdue:${done.next.id}` } });
    expect(nextTimer.dueAt.toISOString()).toBe('2027-04-08T06:30:00.000Z');
    const doneTimer = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: `visit-overdue:${first[0].id}` } });
    expect(doneTimer.cancelledAt).not.toBeNull();

    // Recording it again is a conflict and changes nothing.
    await system.as(ORG.rep).post(`/revisits/${first[0].id}/complete`).send({ outcome: 'neutral', notes: 'again' }).expect(409);
    expect(await system.prisma.visit.count({ where: { customerId: customer.id, status: 'planned' } })).toBe(1);
  });

  it('guarantee: nextVisitAt overrides the cadence; outcome lost marks the customer lost and plans nothing; bad input is a 400 with field messages and changes nothing', async () => {
    const customer = await createCustomer(system, { code: 'B-1', name: 'Beta Trading', ownerId: repId, tier: 'B', createdAt: clock.now() });
    const visit = await plannedVisitOf(customer.id);

    const invalid = await system.as(ORG.rep).post(`/revisits/${visit.id}/complete`).send({ outcome: 'won', notes: 'x', satisfaction: 7, bogus: 1 }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['outcome', 'satisfaction', 'bogus']));
    const past = await system.as(ORG.rep).post(`/revisits/${visit.id}/complete`).send({ outcome: 'neutral', notes: '', nextVisitAt: '2027-03-01T00:00:00Z' }).expect(400);
    expect(past.body.errors).toEqual([{ field: 'nextVisitAt', message: 'nextVisitAt must be in the future' }]);
    expect((await system.prisma.visit.findUniqueOrThrow({ where: { id: visit.id } })).status).toBe('planned');

    const chosen = (await system.as(ORG.rep).post(`/revisits/${visit.id}/complete`).send({ outcome: 'neutral', notes: '', nextVisitAt: '2027-03-20T01:00:00Z' }).expect(200)).body;
    expect(chosen.next.dueAt).toBe('2027-03-20T01:00:00.000Z');

    const lost = (await system.as(ORG.rep).post(`/revisits/${chosen.next.id}/complete`).send({ outcome: 'lost', notes: 'Went to a competitor.', lostReason: 'price' }).expect(200)).body;
    expect(lost.next).toBeNull();
    expect((await system.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).status).toBe('lost');
    expect(await system.prisma.visit.count({ where: { customerId: customer.id, status: 'planned' } })).toBe(0);
    // A lost customer is not re-planned when its plan is checked again.
    expect(await system.database.transaction((tx) => system.app.get(RevisitPlanner).ensurePlanned(tx, customer.id))).toBeNull();
    expect(await system.prisma.visit.count({ where: { customerId: customer.id, status: 'planned' } })).toBe(0);
    const all = (await system.as(ORG.rep).get('/revisits').expect(200)).body.items;
    expect(all.some((v: { customer: { id: string } }) => v.customer.id === customer.id)).toBe(false);
  });

  it('guarantee: only the owner, their delegate while they are absent, or their managers record a visit (others 403); the owner, managers and ADMIN read the list, peers do not', async () => {
    const customer = await createCustomer(system, { code: 'C-1', name: 'Gamma Foods', ownerId: repId, tier: 'C', createdAt: clock.now() });
    const visit = await plannedVisitOf(customer.id);

    for (const stranger of [ORG.rep2, ORG.finance, ORG.admin]) {
      await system.as(stranger).post(`/revisits/${visit.id}/complete`).send({ outcome: 'positive', notes: 'not mine' }).expect(403);
    }
    await system.as(ORG.rep2).get(`/revisits?owner=${ORG.rep}`).expect(403);
    await system.as(ORG.finance).get(`/revisits?owner=${repId}`).expect(403);
    for (const reader of [ORG.manager, ORG.director, ORG.admin]) {
      const items = (await system.as(reader).get(`/revisits?owner=${ORG.rep}`).expect(200)).body.items;
      expect(items.some((v: { id: string }) => v.id === visit.id)).toBe(true);
    }
    // Paged by due time with a cursor: every planned visit of the owner once, in the order of the whole list.
    const whole = (await system.as(ORG.manager).get(`/revisits?owner=${ORG.rep}&due=all`).expect(200)).body.items.map((v: { id: string }) => v.id);
    expect(whole.length).toBeGreaterThan(1);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await system.as(ORG.manager).get(`/revisits?owner=${ORG.rep}&due=all&limit=1${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body as { items: { id: string }[]; nextCursor: string | null };
      paged.push(...page.items.map((v) => v.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole);

    // While the rep is away, rep2 stands in and may record the visit.
    const now = clock.now();
    await system.as(ORG.admin).post('/org/absences')
      .send({ employeeEmail: ORG.rep, from: new Date(now.getTime() - HOUR).toISOString(), to: new Date(now.getTime() + HOUR).toISOString(), delegateEmail: ORG.rep2 })
      .expect(201);
    await system.as(ORG.rep2).get(`/revisits?owner=${ORG.rep}`).expect(200);
    const byDelegate = (await system.as(ORG.rep2).post(`/revisits/${visit.id}/complete`).send({ outcome: 'positive', notes: 'Covered for Ray.' }).expect(200)).body;
    expect(byDelegate.visit.completedById).toBe(rep2Id);
    const audit = await system.prisma.auditEntry.findFirstOrThrow({ where: { entityId: customer.id, action: 'visit.completed' } });
    expect({ actorId: audit.actorId, onBehalfOfId: audit.onBehalfOfId }).toEqual({ actorId: rep2Id, onBehalfOfId: repId });

    // The manager may record the next one.
    await system.as(ORG.manager).post(`/revisits/${byDelegate.next.id}/complete`).send({ outcome: 'at_risk', notes: 'Checked in by phone.' }).expect(200);
  });

  it('guarantee: a new owner takes over the plan: the visit is listed and recorded by the new owner only', async () => {
    const customer = await createCustomer(system, { code: 'D-1', name: 'Delta Logistics', ownerId: repId, tier: 'B', createdAt: clock.now() });
    const visit = await plannedVisitOf(customer.id);
    await system.prisma.customer.update({ where: { id: customer.id }, data: { ownerId: rep2Id } });
    await system.database.transaction((tx) => system.app.get(RevisitPlanner).ensurePlanned(tx, customer.id));

    const rep2List = (await system.as(ORG.rep2).get('/revisits').expect(200)).body.items;
    expect(rep2List.find((v: { id: string }) => v.id === visit.id)).toMatchObject({ owner: { email: ORG.rep2 } });
    const repList = (await system.as(ORG.rep).get('/revisits').expect(200)).body.items;
    expect(repList.some((v: { id: string }) => v.id === visit.id)).toBe(false);
    expect((await system.prisma.visit.findUniqueOrThrow({ where: { id: visit.id } })).ownerId).toBe(rep2Id);
    // The new owner's digest chain is armed.
    expect(await system.prisma.timer.count({ where: { kind: 'revisit.digest', subjectId: rep2Id, firedAt: null } })).toBeGreaterThan(0);
    await system.as(ORG.rep).post(`/revisits/${visit.id}/complete`).send({ outcome: 'positive', notes: 'not mine any more' }).expect(403);
    await system.as(ORG.rep2).post(`/revisits/${visit.id}/complete`).send({ outcome: 'positive', notes: 'Introduced myself.' }).expect(200);
  });

  it('guarantee: a visit overdue by 3 working days is escalated to the owner\u2019s manager exactly once, not before, and not again on later days', async () => {
    await settled(system, clock, 'before the overdue scenario');
    const customer = await createCustomer(system, { code: 'E-1', name: 'Epsilon Steel', ownerId: repId, tier: 'C', createdAt: clock.now() });
    const visit = await regularVisitAt(system, customer, new Date('2027-03-15T02:00:00Z')); // Monday 10:00 Shanghai
    const key = `visit-overdue:${visit.id}`;

    // Monday 10:00 + 3 working days = Thursday 2027-03-18 10:00 Shanghai.
    clock.set(new Date('2027-03-18T01:59:59Z'));
    await settled(system, clock, 'one second before the escalation is due');
    expect(mailsWithKey(system, key)).toHaveLength(0);
    expect((await system.prisma.visit.findUniqueOrThrow({ where: { id: visit.id } })).escalatedAt).toBeNull();

    clock.set(new Date('2027-03-18T02:00:00Z'));
    await settled(system, clock, 'the escalation due time');
    const escalations = mailsWithKey(system, key);
    expect(escalations).toHaveLength(1);
    expect(escalations[0].to).toEqual([ORG.manager]);
    expect(escalations[0].subject).toBe('Overdue revisit: Epsilon Steel (E-1), 3 working days late');
    expect(escalations[0].text).toContain('Ray Rep (rep@salesflow.test) has not recorded the visit to Epsilon Steel');
    expect(escalations[0].text).toContain(visit.id);
    expect((await system.prisma.visit.findUniqueOrThrow({ where: { id: visit.id } })).escalatedAt?.toISOString()).toBe('2027-03-18T02:00:00.000Z');

    for (let day = 1; day <= 6; day++) {
      clock.advance(DAY);
      await settled(system, clock, `day ${day} after the escalation`);
    }
    expect(mailsWithKey(system, key)).toHaveLength(1);
    expect(mailsWithKey(system, 'visit-overdue:').filter((m) => m.text.includes('Epsilon Steel'))).toHaveLength(1);

    const overdue = (await system.as(ORG.manager).get(`/revisits?owner=${ORG.rep}&due=overdue`).expect(200)).body.items;
    expect(overdue.find((v: { id: string }) => v.id === visit.id)).toMatchObject({ escalatedAt: '2027-03-18T02:00:00.000Z', overdueWorkingDays: 6 });
    const today = (await system.as(ORG.manager).get(`/revisits?owner=${ORG.rep}&due=today`).expect(200)).body.items;
    expect(today.some((v: { id: string }) => v.id === visit.id)).toBe(false);
  });
});

import { randomUUID } from 'node:crypto';
import { ContractEventsJobs } from '../../apps/customer-follow-up/src/contract-events/contract-events.jobs.js';
import { waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { createCustomer, emitContractApproved, employeeId } from './revisit-test-helpers.js';

/**
 * Issue 3, item 4: when a contract is approved (the `contract.approved` event on the follow-up
 * urgent queue), its customer gets a post-signing visit within 5 working days, a satisfaction
 * survey timer 30 days later, and its tier recomputed from its approved contracts of the last 12
 * months (policy thresholds: A from 1,000,000, B from 200,000), the regular visit following the
 * new cadence. A redelivered event changes nothing.
 *
 * Contracts are written directly and the event is emitted as contract-approval's outbox will.
 */
const T0 = new Date('2027-03-10T02:00:00Z'); // Wednesday 10:00 in Shanghai

describe('approved contracts flow into the follow-up', () => {
  const clock = new ManualClock(T0);
  let repId: string;
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      repId = await employeeId(system, ORG.rep);
    },
  });

  async function contract(input: { customerId: string | null; amountBase: number; status?: 'APPROVED' | 'REJECTED' | 'PENDING_APPROVAL'; decidedAt: Date; title?: string }) {
    return system.prisma.contract.create({
      data: {
        ownerId: repId, customerId: input.customerId, customerName: 'Huadong Machinery', title: input.title ?? 'Supply agreement',
        amount: input.amountBase, currency: 'CNY', amountBase: input.amountBase, discountPct: 0, paymentTermDays: 30,
        status: input.status ?? 'APPROVED', policyVersion: 1, decidedAt: input.decidedAt,
      },
    });
  }

  async function deliver(contractId: string): Promise<string | null> {
    const outboxId = await emitContractApproved(system, contractId);
    const row = await waitFor('the contract.approved job to finish', () => system.prisma.outbox.findUniqueOrThrow({ where: { id: outboxId } }), (r) => r.doneAt !== null);
    return row.outcome;
  }

  async function snapshot(customerId: string, contractIds: string[]) {
    const visits = await system.prisma.visit.findMany({ where: { customerId }, orderBy: { id: 'asc' } });
    const timers = await system.prisma.timer.findMany({
      where: { OR: [{ subjectId: { in: [...contractIds, ...visits.map((v) => v.id)] } }, { uniqueKey: { startsWith: 'survey-due:' } }] },
      orderBy: { uniqueKey: 'asc' },
    });
    return {
      customer: await system.prisma.customer.findUniqueOrThrow({ where: { id: customerId }, select: { tier: true, status: true, version: true } }),
      visits: visits.map((v) => ({ id: v.id, kind: v.kind, status: v.status, dueAt: v.dueAt.toISOString() })),
      timers: timers.map((t) => ({ key: t.uniqueKey, dueAt: t.dueAt.toISOString(), cancelled: t.cancelledAt !== null })),
      audit: await system.prisma.auditEntry.count({ where: { entityId: customerId } }),
    };
  }

  it('guarantee: an approved contract creates the post-signing visit 5 working days out, arms the survey 30 days out, recomputes the tier from the last 12 months of approved contracts, and re-plans the regular visit; a redelivered event changes nothing', async () => {
    const customer = await createCustomer(system, { code: 'HD-1', name: 'Huadong Machinery', ownerId: repId, tier: 'C', status: 'prospect', createdAt: T0 });
    // History: only the APPROVED contract of the last 12 months counts (100,000), not the older one or the rejected one.
    await contract({ customerId: customer.id, amountBase: 900_000, decidedAt: new Date('2026-02-01T02:00:00Z'), title: 'Older than 12 months' });
    await contract({ customerId: customer.id, amountBase: 100_000, decidedAt: new Date('2026-09-10T02:00:00Z'), title: 'Six months ago' });
    await contract({ customerId: customer.id, amountBase: 5_000_000, status: 'REJECTED', decidedAt: new Date('2027-03-01T02:00:00Z'), title: 'Rejected' });
    const signed = await contract({ customerId: customer.id, amountBase: 150_000, decidedAt: T0 });

    expect(await deliver(signed.id)).toBe('done');

    const visits = (await system.as(ORG.rep).get('/revisits').expect(200)).body.items.filter((v: { customer: { id: string } }) => v.customer.id === customer.id);
    expect(visits.map((v: { kind: string; dueAt: string }) => [v.kind, v.dueAt])).toEqual([
      // Wednesday 10:00 + 5 working days.
      ['post_signing', '2027-03-17T02:00:00.000Z'],
      // 100,000 + 150,000 = 250,000: tier B, every 30 working days from the customer's creation (six weeks on Monday-Friday).
      ['regular', '2027-04-21T02:00:00.000Z'],
    ]);
    expect(visits[0].customer).toMatchObject({ tier: 'B', status: 'active' });
    const survey = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: `survey-due:${signed.id}` } });
    expect(survey).toMatchObject({ kind: 'survey.send', subjectId: signed.id, firedAt: null });
    expect(survey.dueAt.toISOString()).toBe('2027-04-09T02:00:00.000Z');
    expect(await system.prisma.timer.count({ where: { uniqueKey: `visit-overdue:${visits[0].id}` } })).toBe(1);

    const before = await snapshot(customer.id, [signed.id]);
    expect(await deliver(signed.id)).toBe('skipped');
    expect(await snapshot(customer.id, [signed.id])).toEqual(before);
  });

  it('guarantee: a second approved contract that lifts the customer to tier A moves the regular visit to the 14-day cadence and adds its own visit and survey', async () => {
    const customer = await system.prisma.customer.findUniqueOrThrow({ where: { code: 'HD-1' } });
    clock.set(new Date('2027-03-11T02:00:00Z')); // Thursday 10:00
    const big = await contract({ customerId: customer.id, amountBase: 800_000, decidedAt: clock.now(), title: 'Expansion' });

    expect(await deliver(big.id)).toBe('done');

    const planned = await system.prisma.visit.findMany({ where: { customerId: customer.id, status: 'planned' }, orderBy: { dueAt: 'asc' } });
    expect(planned.map((v) => [v.kind, v.dueAt.toISOString()])).toEqual([
      ['post_signing', '2027-03-17T02:00:00.000Z'],
      ['post_signing', '2027-03-18T02:00:00.000Z'],
      // 1,050,000: tier A, 14 working days from creation (Wednesday 2027-03-10 10:00).
      ['regular', '2027-03-30T02:00:00.000Z'],
    ]);
    expect((await system.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).tier).toBe('A');
    expect((await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: `survey-due:${big.id}` } })).dueAt.toISOString()).toBe('2027-04-10T02:00:00.000Z');
    const regular = planned[2];
    expect((await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: `visit-overdue:${regular.id}` } })).dueAt.toISOString()).toBe('2027-04-02T02:00:00.000Z');
  });

  it('guarantee: events for a contract without a customer, with an unknown customer, or not approved change nothing', async () => {
    const visitsBefore = await system.prisma.visit.count();
    const timersBefore = await system.prisma.timer.count({ where: { kind: 'survey.send' } });
    const noCustomer = await contract({ customerId: null, amountBase: 10_000, decidedAt: clock.now() });
    const unknown = await contract({ customerId: randomUUID(), amountBase: 10_000, decidedAt: clock.now() });
    const customer = await system.prisma.customer.findUniqueOrThrow({ where: { code: 'HD-1' } });
    const pending = await contract({ customerId: customer.id, amountBase: 10_000, status: 'PENDING_APPROVAL', decidedAt: clock.now() });

    for (const c of [noCustomer, unknown, pending]) expect(await deliver(c.id)).toBe('skipped');
    expect(await deliver(randomUUID())).toBe('skipped');
    expect(await system.prisma.visit.count()).toBe(visitsBefore);
    expect(await system.prisma.timer.count({ where: { kind: 'survey.send' } })).toBe(timersBefore);
  });

  it('guarantee: the post-signing visit names its contract (sourceId), and the unique (kind, sourceId) makes "once per contract" a database fact: two deliveries racing apply the contract once', async () => {
    const customer = await createCustomer(system, { code: 'HD-2', name: 'Raced Trading', ownerId: repId, tier: 'C', status: 'active', createdAt: clock.now() });
    const signed = await contract({ customerId: customer.id, amountBase: 50_000, decidedAt: clock.now(), title: 'Raced order' });
    const jobs = system.app.get(ContractEventsJobs);
    const delivery = () => jobs.onContractApproved({ contractId: signed.id, eventId: randomUUID() }, { outboxId: randomUUID(), correlationId: null, queue: 'followup-urgent' });

    const outcomes = await Promise.all([delivery(), delivery()]);

    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    const visits = await system.prisma.visit.findMany({ where: { customerId: customer.id, kind: 'post_signing' } });
    expect(visits.map((v) => v.sourceId)).toEqual([signed.id]);
    expect(await system.prisma.auditEntry.count({ where: { entityId: customer.id, action: 'customer.contract-approved' } })).toBe(1);
    await expect(system.prisma.visit.create({ data: { customerId: customer.id, ownerId: repId, kind: 'post_signing', dueAt: clock.now(), sourceId: signed.id } }))
      .rejects.toMatchObject({ code: 'P2002' });
  });
});

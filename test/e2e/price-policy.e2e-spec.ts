import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { contractBody, submit, waitForRequest } from '../support/approval-helpers.js';
import { createCustomer, employeeId } from '../followup/revisit-test-helpers.js';

/**
 * Issue 13 items 1 and 2: the price and discount policy (bands by customer tier and product line
 * in front of the approval policy, a hard ceiling), the version a contract keeps, and why business
 * was lost (withdrawal and visit outcome lost, the competitor catalogue).
 */
const BANDS = {
  listPrices: [{ productLine: 'industrial', currency: 'CNY', price: 1200 }],
  discountBands: [
    { tier: 'A', productLine: 'industrial', bandsPct: [10, 20], ceilingPct: 30 },
    { tier: '*', productLine: '*', bandsPct: [3], ceilingPct: 25 },
  ],
};

describe('price policy and lost business', () => {
  let tierA: string;
  const system = useTestSystem({
    async setUp() {
      await seedOrg(system);
      const repId = await employeeId(system, ORG.rep);
      tierA = (await createCustomer(system, { code: 'A-PRICE', name: 'Acme Shanghai', ownerId: repId, tier: 'A', createdAt: new Date() })).id;
    },
  });

  const industrialA = (label: string, discountPct: number) => contractBody(label, { customerId: tierA, productLine: 'industrial', discountPct, amount: 50_000 });
  // An approval makes follow-up recompute the tier from 12 months of amounts (C for these small ones): put A back.
  const keepTierA = () => system.prisma.customer.update({ where: { id: tierA }, data: { tier: 'A' } });

  it('guarantee: only ADMIN writes the price policy; an invalid document is a 400 naming the field and keeps the active version', async () => {
    const first = (await system.as(ORG.rep).get('/price-policy').expect(200)).body;
    expect(first).toMatchObject({ version: 1, document: { listPrices: [], discountBands: [] } });
    await system.as(ORG.director).put('/price-policy').send(BANDS).expect(403);
    const bad = await system.as(ORG.admin).put('/price-policy').send({ listPrices: [], discountBands: [{ tier: 'A', productLine: 'x', bandsPct: [20, 10], ceilingPct: 5 }] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['discountBands[0].bandsPct[1]', 'discountBands[0].ceilingPct']);
    expect((await system.as(ORG.rep).get('/price-policy').expect(200)).body.version).toBe(1);

    const put = (await system.as(ORG.admin).put('/price-policy').send(BANDS).expect(200)).body;
    expect(put).toMatchObject({ version: 2, document: BANDS });
    expect((await system.as(ORG.rep).get('/price-policy').expect(200)).body.version).toBe(2);
  });

  it('guarantee: within the first band of the tier and product line no discount approval (approved at once), above it the approval stages apply, above the ceiling 422 naming it and nothing written', async () => {
    const free = await submit(system, ORG.rep, industrialA('In the free band', 8)); // the SPEC policy asks a manager above 5%
    expect(free.status).toBe('APPROVED');
    expect(free.route).toEqual([]);

    const banded = await submit(system, ORG.rep, industrialA('Second band', 12));
    expect(banded.route.map((s) => s.name)).toEqual(['manager']);
    const stored = await system.prisma.contract.findUniqueOrThrow({ where: { id: banded.id } });
    expect([stored.pricePolicyVersion, stored.customerTier]).toEqual([2, 'A']);
    const email = await waitForRequest(system, ORG.manager, banded.id);
    expect(email.text).toContain('Price policy: band 2 (10% to 20%) for tier A and product line industrial; the ceiling is 30%.');

    // No customer: the "*" band set (first band 3%), so 4% goes to the manager as the SPEC policy says.
    const anyTier = await submit(system, ORG.rep, contractBody('Any tier', { discountPct: 4, amount: 50_000 }));
    expect(anyTier.status).toBe('APPROVED');
    const overAnyBand = await submit(system, ORG.rep, contractBody('Over the any band', { discountPct: 6, amount: 50_000 }));
    expect(overAnyBand.route.map((s) => s.name)).toEqual(['manager']);

    await keepTierA();
    const before = await system.prisma.contract.count();
    const refused = await system.as(ORG.rep).post('/contracts').send(industrialA('Above the ceiling', 31)).expect(422);
    expect(refused.body.message).toContain('ceiling of 30%');
    expect(await system.prisma.contract.count()).toBe(before);
  });

  it('guarantee: a contract keeps the price policy version it was submitted under; a new version applies to new contracts only', async () => {
    await keepTierA();
    const old = await submit(system, ORG.rep, industrialA('Under version 2', 15));
    await system.as(ORG.admin).put('/price-policy').send({ ...BANDS, discountBands: [{ tier: 'A', productLine: 'industrial', bandsPct: [16], ceilingPct: 40 }] }).expect(200);
    const view = (await system.as(ORG.rep).get(`/contracts/${old.id}`).expect(200)).body;
    expect(view.pricePolicyVersion).toBe(2);
    await keepTierA();
    const fresh = await submit(system, ORG.rep, industrialA('Under version 3', 15));
    expect(fresh.status).toBe('APPROVED');
    expect((await system.prisma.contract.findUniqueOrThrow({ where: { id: fresh.id } })).pricePolicyVersion).toBe(3);
  });

  describe('lost business', () => {
    let competitorId: string;

    it('guarantee: everyone reads the competitor catalogue, only ADMIN writes it; a taken name is 409', async () => {
      await system.as(ORG.rep).post('/competitors').send({ name: 'Rival Corp' }).expect(403);
      const created = (await system.as(ORG.admin).post('/competitors').send({ name: 'Rival Corp' }).expect(201)).body;
      competitorId = created.id;
      await system.as(ORG.admin).post('/competitors').send({ name: 'Rival Corp' }).expect(409);
      await system.as(ORG.admin).post('/competitors').send({}).expect(400);
      expect((await system.as(ORG.rep).get('/competitors').expect(200)).body.items).toEqual([expect.objectContaining({ id: competitorId, name: 'Rival Corp', active: true })]);
    });

    it('guarantee: a withdrawal needs a reason, and the competitor (from the catalogue) for competitor; without them 400 and nothing written', async () => {
      await keepTierA();
      const { id } = await submit(system, ORG.rep, industrialA('To be lost', 18));
      const missing = await system.as(ORG.rep).post(`/contracts/${id}/withdraw`).send({}).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
      const noCompetitor = await system.as(ORG.rep).post(`/contracts/${id}/withdraw`).send({ reason: 'competitor' }).expect(400);
      expect(noCompetitor.body.errors.map((e: { field: string }) => e.field)).toEqual(['competitorId']);
      const unknown = await system.as(ORG.rep).post(`/contracts/${id}/withdraw`).send({ reason: 'competitor', competitorId: '00000000-0000-4000-8000-000000000000' }).expect(400);
      expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['competitorId']);
      const stray = await system.as(ORG.rep).post(`/contracts/${id}/withdraw`).send({ reason: 'price', competitorId }).expect(400);
      expect(stray.body.errors.map((e: { field: string }) => e.field)).toEqual(['competitorId']);
      expect(await system.prisma.contract.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'PENDING_APPROVAL', lostReason: null });

      const withdrawn = (await system.as(ORG.rep).post(`/contracts/${id}/withdraw`).send({ reason: 'competitor', competitorId }).expect(200)).body;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', lostReason: 'competitor', lostCompetitorId: competitorId });
    });

    it('guarantee: a visit with outcome lost needs lostReason (400 without, visit still planned); other outcomes may not carry one', async () => {
      const visit = await system.prisma.visit.findFirstOrThrow({ where: { customerId: tierA, status: 'planned' } });
      const missing = await system.as(ORG.rep).post(`/revisits/${visit.id}/complete`).send({ outcome: 'lost', notes: 'Gone.' }).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['lostReason']);
      const stray = await system.as(ORG.rep).post(`/revisits/${visit.id}/complete`).send({ outcome: 'neutral', notes: '', lostReason: 'price' }).expect(400);
      expect(stray.body.errors.map((e: { field: string }) => e.field)).toEqual(['lostReason']);
      expect((await system.prisma.visit.findUniqueOrThrow({ where: { id: visit.id } })).status).toBe('planned');

      const done = (await system.as(ORG.rep).post(`/revisits/${visit.id}/complete`).send({ outcome: 'lost', notes: 'Gone.', lostReason: 'competitor', competitorId }).expect(200)).body;
      expect(done.visit).toMatchObject({ outcome: 'lost', lostReason: 'competitor', lostCompetitorId: competitorId });
    });
  });
});

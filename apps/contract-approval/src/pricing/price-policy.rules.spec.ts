import { bandSetFor, bandView, discountForApproval, placeDiscount, validatePricePolicy, type PricePolicyDocument } from './price-policy.rules.js';

const POLICY: PricePolicyDocument = {
  listPrices: [],
  discountBands: [
    { tier: 'A', productLine: 'industrial', bandsPct: [10, 20], ceilingPct: 30 },
    { tier: 'A', productLine: '*', bandsPct: [8], ceilingPct: 20 },
    { tier: '*', productLine: 'industrial', bandsPct: [6], ceilingPct: 18 },
    { tier: '*', productLine: '*', bandsPct: [3], ceilingPct: 15 },
  ],
};

describe('price policy bands', () => {
  it('guarantee: the most specific band set wins: tier and line, then tier, then line, then any', () => {
    expect(bandSetFor(POLICY, 'A', 'industrial')?.ceilingPct).toBe(30);
    expect(bandSetFor(POLICY, 'A', 'software')?.ceilingPct).toBe(20);
    expect(bandSetFor(POLICY, 'B', 'industrial')?.ceilingPct).toBe(18);
    expect(bandSetFor(POLICY, null, null)?.ceilingPct).toBe(15);
    expect(bandSetFor({ listPrices: [], discountBands: [] }, 'A', 'industrial')).toBeNull();
  });

  it('guarantee: a discount at a band limit is in that band; above the last band it is band n+1; the ceiling itself is allowed', () => {
    expect(placeDiscount(POLICY, 'A', 'industrial', 10)).toMatchObject({ band: 1, withinFreeBand: true, aboveCeiling: false });
    expect(placeDiscount(POLICY, 'A', 'industrial', 10.01)).toMatchObject({ band: 2, withinFreeBand: false });
    expect(placeDiscount(POLICY, 'A', 'industrial', 30)).toMatchObject({ band: 3, aboveCeiling: false });
    expect(placeDiscount(POLICY, 'A', 'industrial', 30.01)).toMatchObject({ aboveCeiling: true });
  });

  it('guarantee: the stages see no discount within the first band and the real one above it (or without bands)', () => {
    expect(discountForApproval(placeDiscount(POLICY, 'A', 'industrial', 9), 9)).toBe(0);
    expect(discountForApproval(placeDiscount(POLICY, 'A', 'industrial', 12), 12)).toBe(12);
    expect(discountForApproval(null, 9)).toBe(9);
  });

  it('guarantee: the email shows the band limits, the ceiling above the last band', () => {
    expect(bandView(placeDiscount(POLICY, 'A', 'industrial', 5))).toMatchObject({ band: 1, fromPct: 0, toPct: 10 });
    expect(bandView(placeDiscount(POLICY, 'A', 'industrial', 15))).toMatchObject({ band: 2, fromPct: 10, toPct: 20 });
    expect(bandView(placeDiscount(POLICY, 'A', 'industrial', 25))).toMatchObject({ band: 3, fromPct: 20, toPct: 30 });
  });

  it('guarantee: validation names the field: duplicate band sets and list prices, unknown fields', () => {
    const result = validatePricePolicy({
      listPrices: [{ productLine: 'x', currency: 'CNY', price: 1 }, { productLine: 'x', currency: 'CNY', price: 2 }],
      discountBands: [POLICY.discountBands[0], POLICY.discountBands[0]],
      extra: 1,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field).sort()).toEqual(['(root)', 'discountBands[1]', 'listPrices[1]']);
  });
});

import { z } from 'zod/v4';

export const DiscountBandSetView = z.object({
  tier: z.string().describe('A, B, C, or * for any tier (and contracts without a customer)'),
  productLine: z.string().describe('a product line, or * for any'),
  bandsPct: z.array(z.number()).describe('ascending upper limits; up to the first no discount approval is needed'),
  ceilingPct: z.number().describe('above it a submission is refused with 422'),
});

export const PricePolicy = z.object({
  listPrices: z.array(z.object({ productLine: z.string(), currency: z.string(), price: z.number() })),
  discountBands: z.array(DiscountBandSetView),
});
export const VersionedPricePolicy = z.object({ version: z.number().int(), document: PricePolicy, createdAt: z.string() });

export const CompetitorView = z.object({ id: z.string(), name: z.string(), active: z.boolean(), createdAt: z.string(), updatedAt: z.string() });
export const CompetitorList = z.object({ items: z.array(CompetitorView) });

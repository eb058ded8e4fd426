import { z } from 'zod';
import { fieldPath } from '#libs/rpc';

const TIERS = ['A', 'B', 'C', '*'] as const;
const percent = z.number().min(0).max(100);

const discountBand = z
  .object({
    /** A customer tier, or "*" for any tier (and contracts without a customer). */
    tier: z.enum(TIERS),
    /** A product line, or "*" for any. */
    productLine: z.string().trim().min(1).max(100),
    /** Ascending upper limits of the bands, in percent: up to the first no discount approval is needed. */
    bandsPct: z.array(percent).min(1).max(10),
    /** Above this a submission is refused (422). */
    ceilingPct: percent,
  })
  .strict()
  .superRefine((band, ctx) => {
    band.bandsPct.forEach((limit, i) => {
      if (i > 0 && limit <= band.bandsPct[i - 1]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['bandsPct', i], message: 'bands must ascend' });
    });
    if (band.ceilingPct < band.bandsPct[band.bandsPct.length - 1]) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ceilingPct'], message: 'the ceiling must be at least the last band' });
    }
  });

/**
 * The price and discount policy (GET/PUT /price-policy): list prices per product line and
 * currency, and discount bands by customer tier and product line. A PUT takes the whole document.
 */
export const pricePolicySchema = z
  .object({
    listPrices: z
      .array(z.object({ productLine: z.string().trim().min(1).max(100), currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'), price: z.number().positive() }).strict())
      .max(1000),
    discountBands: z.array(discountBand).max(1000),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.listPrices.forEach((price, i) => {
      const key = `${price.productLine}|${price.currency}`;
      if (seen.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['listPrices', i], message: `a second list price for ${price.productLine} in ${price.currency}` });
      seen.add(key);
    });
    const bands = new Set<string>();
    policy.discountBands.forEach((band, i) => {
      const key = `${band.tier}|${band.productLine}`;
      if (bands.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['discountBands', i], message: `a second band set for tier ${band.tier} and product line ${band.productLine}` });
      bands.add(key);
    });
  });

export type PricePolicyDocument = z.infer<typeof pricePolicySchema>;
export type DiscountBandSet = PricePolicyDocument['discountBands'][number];

/** Version 1, written on first use: no list prices, no bands, so discounts go to the approval policy as before. */
export const DEFAULT_PRICE_POLICY: PricePolicyDocument = { listPrices: [], discountBands: [] };

export type PriceValidation = { ok: true; policy: PricePolicyDocument } | { ok: false; errors: { field: string; message: string }[] };

export function validatePricePolicy(input: unknown): PriceValidation {
  const parsed = pricePolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({ field: fieldPath(issue.path), message: issue.message })),
  };
}

/** The band set of a tier and product line: the exact pair first, then either one as "*", then "*" for both. */
export function bandSetFor(policy: PricePolicyDocument, tier: string | null, productLine: string | null): DiscountBandSet | null {
  const candidates: [string, string][] = [];
  if (tier && productLine) candidates.push([tier, productLine]);
  if (tier) candidates.push([tier, '*']);
  if (productLine) candidates.push(['*', productLine]);
  candidates.push(['*', '*']);
  for (const [t, p] of candidates) {
    const found = policy.discountBands.find((band) => band.tier === t && band.productLine === p);
    if (found) return found;
  }
  return null;
}

/** Where a discount falls against its band set (what the approval email shows). */
export interface DiscountPlacement {
  tier: string;
  productLine: string;
  /** 1-based band the discount falls in; bandsPct.length + 1 when above the last band (and not above the ceiling). */
  band: number;
  bandsPct: number[];
  ceilingPct: number;
  /** Within the first band: the approval policy's stages do not look at the discount. */
  withinFreeBand: boolean;
  aboveCeiling: boolean;
}

export function placeDiscount(policy: PricePolicyDocument, tier: string | null, productLine: string | null, discountPct: number): DiscountPlacement | null {
  const set = bandSetFor(policy, tier, productLine);
  if (!set) return null;
  const index = set.bandsPct.findIndex((limit) => discountPct <= limit);
  const band = index === -1 ? set.bandsPct.length + 1 : index + 1;
  return {
    tier: set.tier, productLine: set.productLine, band, bandsPct: set.bandsPct, ceilingPct: set.ceilingPct,
    withinFreeBand: band === 1, aboveCeiling: discountPct > set.ceilingPct,
  };
}

/**
 * The discount the approval policy's stages see: none within the first band (no discount
 * approval), the real one above it, so the stages apply as they always did.
 */
export function discountForApproval(placement: DiscountPlacement | null, discountPct: number): number {
  return placement?.withinFreeBand ? 0 : discountPct;
}

/** The approval email's view of a placement: the band's own limits, from the previous band (or 0) up to its limit (or the ceiling). */
export function bandView(placement: DiscountPlacement | null) {
  if (!placement) return null;
  const { tier, productLine, band, bandsPct, ceilingPct } = placement;
  return { tier, productLine, band, bandsPct, ceilingPct, fromPct: band === 1 ? 0 : bandsPct[band - 2], toPct: band <= bandsPct.length ? bandsPct[band - 1] : ceilingPct };
}

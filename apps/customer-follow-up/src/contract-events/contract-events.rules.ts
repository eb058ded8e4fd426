import type { CustomerTier } from '#generated/prisma';

export interface TierThresholds {
  A: number;
  B: number;
}

/** A customer's tier from its approved contract amount (BASE_CURRENCY) over the last 12 months. */
export function tierForAmount(amountBase: number, thresholds: TierThresholds): CustomerTier {
  if (amountBase >= thresholds.A) return 'A';
  if (amountBase >= thresholds.B) return 'B';
  return 'C';
}

import type { ApprovalPolicyDocument } from '../policy/policy.types.js';

export interface DiscountThreshold {
  stage: string;
  discountPct: number;
}

const DISCOUNT_ABOVE = /\bdiscountPct\s*(>=|>)\s*(\d+(?:\.\d+)?)/g;

/**
 * The discounts above which the policy sends a contract to a stage ("discountPct > 15" in the
 * stage's condition), lowest first: the lines the discount chart draws. Conditions that do not
 * name the discount add none.
 */
export function discountThresholds(policy: ApprovalPolicyDocument): DiscountThreshold[] {
  const found = policy.stages.flatMap((stage) => [...stage.when.matchAll(DISCOUNT_ABOVE)].map((match) => ({ stage: stage.name, discountPct: Number(match[2]) })));
  return found.sort((a, b) => a.discountPct - b.discountPct || a.stage.localeCompare(b.stage));
}

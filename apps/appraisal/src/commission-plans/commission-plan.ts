import { z } from 'zod';
import { zodFieldErrors } from '../validation/zod-field-errors.js';
import { workingDurationProblem } from '#libs/time';

const percent = (what: string) => z.number({ invalid_type_error: `${what}: a number` }).min(0, `${what}: 0 or more`).max(1000, `${what}: at most 1000`);
const money = z.string().regex(/^\d{1,15}(\.\d{1,2})?$/, 'an amount in BASE_CURRENCY as a decimal string with at most 2 decimals, such as "20000.00"');
const workingDuration = z.string().refine((value) => workingDurationProblem(value) === null, (value) => ({ message: workingDurationProblem(value) ?? '' }));

/**
 * A commission plan as data (PUT /commission-plan). Rates are percent of the contract's amount in
 * BASE_CURRENCY. A PUT takes the whole document: a missing field is a 400 naming it.
 */
export const commissionPlanSchema = z
  .object({
    /** The month the version governs from, YYYY-MM: statements of periods starting on or after its first day. */
    effectiveFrom: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM, such as 2026-12'),
    /** Attainment tiers, ascending from 0: the tier is the last whose fromPct the period's attainment reaches. */
    tiers: z
      .array(z.object({ name: z.string().min(1).max(40), fromPct: percent('fromPct'), ratePct: percent('ratePct').max(100, 'ratePct: at most 100') }).strict())
      .min(1, 'at least one tier')
      .max(20)
      .refine((tiers) => tiers[0]?.fromPct === 0, 'the first tier starts at fromPct 0 (a person without a target earns it)')
      .refine((tiers) => tiers.every((tier, i) => i === 0 || tier.fromPct > tiers[i - 1].fromPct), 'fromPct strictly ascending')
      .refine((tiers) => new Set(tiers.map((t) => t.name)).size === tiers.length, 'each tier name once'),
    /** The share of sales above abovePct of target earns the tier's rate times multiplier; null: none. */
    accelerator: z.object({ abovePct: percent('abovePct'), multiplier: z.number().min(1, 'multiplier: 1 or more').max(10, 'multiplier: at most 10') }).strict().nullable(),
    /** The most a statement's sale lines earn together, in BASE_CURRENCY; null: no cap. */
    cap: money.nullable(),
    /** Above bandPct discount, a contract's commission shrinks by reductionPerPointPct per point (at most to zero); null: none. */
    discount: z.object({ bandPct: percent('bandPct').max(100), reductionPerPointPct: percent('reductionPerPointPct').max(100) }).strict().nullable(),
    /** Dispute SLAs in working time: the manager's (their calendar), then FINANCE's before ADMIN is told. */
    disputes: z.object({ managerSla: workingDuration, financeSla: workingDuration }).strict(),
  })
  .strict();

export type CommissionPlanDocument = z.infer<typeof commissionPlanSchema>;

/** Version 0, in force until the first PUT: one flat rate, no accelerator, cap or discount reduction. */
export const DEFAULT_COMMISSION_PLAN: CommissionPlanDocument = {
  effectiveFrom: '2000-01',
  tiers: [{ name: 'base', fromPct: 0, ratePct: 2 }],
  accelerator: null,
  cap: null,
  discount: null,
  disputes: { managerSla: 'P2D', financeSla: 'P2D' },
};

export type PlanValidation = { ok: true; plan: CommissionPlanDocument } | { ok: false; errors: { field: string; message: string }[] };

export function validateCommissionPlan(input: unknown): PlanValidation {
  const parsed = commissionPlanSchema.safeParse(input);
  if (parsed.success) return { ok: true, plan: parsed.data };
  return { ok: false, errors: zodFieldErrors(parsed.error) };
}

import { Duration } from 'luxon';
import { z } from 'zod';
import { Role } from '#generated/prisma';
import { zodFieldErrors } from '../validation/zod-field-errors.js';

const count = (what: string, max: number) => z.number({ invalid_type_error: `${what}: a whole number` }).int(`${what}: a whole number`).min(1, `${what}: 1 or more`).max(max, `${what}: at most ${max}`);
const percent = (what: string) => z.number({ invalid_type_error: `${what}: a number` }).gt(0, `${what}: more than 0`).max(100, `${what}: at most 100`);
const workingDuration = z.string().refine((value) => {
  const parsed = Duration.fromISO(value);
  const parts = parsed.isValid ? parsed.toObject() : {};
  return parsed.isValid && parsed.toMillis() > 0 && parsed.toMillis() <= 60 * 24 * 3600_000 && !parts.years && !parts.months && !parts.weeks && Number.isInteger(parts.days ?? 0);
}, 'an ISO-8601 duration of working time in whole days or hours, such as P2D or PT8H');

/**
 * The attrition risk policy as data (PUT /attrition-policy). Each signal's numbers; a signal set to
 * null is off. Only work records are read (appraisal scores, targets and sales, commission,
 * mandatory training, contract approvals): never absence, health or personal data.
 */
export const attritionPolicySchema = z
  .object({
    /** Whose risk is watched. */
    roles: z.array(z.nativeEnum(Role, { errorMap: () => ({ message: 'a role, such as SALES_SPECIALIST' }) })).min(1, 'at least one role'),
    /** How many signals must hold together before a person is flagged. */
    minSignals: count('minSignals', 5),
    /** Days before an unchanged alert is emailed again (a worse one is emailed at once). */
    cooldownDays: count('cooldownDays', 365),
    /** The latest scored appraisal at least minDropPoints below the one before; signedOffOnly: only signed-off appraisals count. */
    scoreDrop: z.object({ minDropPoints: z.number().gt(0, 'minDropPoints: more than 0').max(100), signedOffOnly: z.boolean() }).strict().nullable(),
    /** The last `periods` completed months or quarters each below belowPct of the person's target. */
    missedTargets: z.object({ periodKind: z.enum(['month', 'quarter']), periods: count('periods', 12), belowPct: percent('belowPct') }).strict().nullable(),
    /** The latest month's commission below belowPct of the average of the `trailing` months before. */
    commissionDrop: z.object({ trailing: count('trailing', 12), belowPct: percent('belowPct') }).strict().nullable(),
    /** At least `minimum` mandatory training requirements overdue and not completed since. */
    trainingOverdue: z.object({ minimum: count('minimum', 50) }).strict().nullable(),
    /** At least `minimum` rejections or requests for changes of the person's contracts in the last windowDays days. */
    contractsSentBack: z.object({ windowDays: count('windowDays', 365), minimum: count('minimum', 100) }).strict().nullable(),
    /** The handbook's countermeasures: each a task for the manager, due within this much of their working time. */
    countermeasures: z.object({ conversation: workingDuration, payPromotionReview: workingDuration, developmentPlan: workingDuration }).strict(),
  })
  .strict()
  .refine((policy) => [policy.scoreDrop, policy.missedTargets, policy.commissionDrop, policy.trainingOverdue, policy.contractsSentBack].filter((s) => s !== null).length >= policy.minSignals, {
    message: 'minSignals is more than the signals switched on: nobody could ever be flagged',
    path: ['minSignals'],
  });

export type AttritionPolicyDocument = z.infer<typeof attritionPolicySchema>;

/** Version 0, in force until the first PUT. */
export const DEFAULT_ATTRITION_POLICY: AttritionPolicyDocument = {
  roles: ['SALES_SPECIALIST', 'SALES_MANAGER'],
  minSignals: 2,
  cooldownDays: 30,
  scoreDrop: { minDropPoints: 10, signedOffOnly: false },
  missedTargets: { periodKind: 'month', periods: 3, belowPct: 80 },
  commissionDrop: { trailing: 3, belowPct: 60 },
  trainingOverdue: { minimum: 1 },
  contractsSentBack: { windowDays: 90, minimum: 3 },
  countermeasures: { conversation: 'P2D', payPromotionReview: 'P10D', developmentPlan: 'P10D' },
};

export type AttritionPolicyValidation = { ok: true; policy: AttritionPolicyDocument } | { ok: false; errors: { field: string; message: string }[] };

export function validateAttritionPolicy(input: unknown): AttritionPolicyValidation {
  const parsed = attritionPolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return { ok: false, errors: zodFieldErrors(parsed.error) };
}

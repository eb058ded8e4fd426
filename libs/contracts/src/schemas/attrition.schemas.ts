import { z } from 'zod/v4';

const signalOff = (shape: z.ZodRawShape, what: string) => z.object(shape).nullable().describe(`${what}; null: this signal is off`);

export const AttritionPolicyDocument = z.object({
  roles: z.array(z.string()).describe('whose risk is watched, e.g. SALES_SPECIALIST'),
  minSignals: z.number().int().describe('how many signals must hold together to flag a person'),
  cooldownDays: z.number().int().describe('an unchanged alert is not emailed again sooner; a worse one is emailed at once'),
  scoreDrop: signalOff({ minDropPoints: z.number(), signedOffOnly: z.boolean() }, 'the latest scored appraisal at least minDropPoints below the one before'),
  missedTargets: signalOff({ periodKind: z.enum(['month', 'quarter']), periods: z.number().int(), belowPct: z.number() }, 'the last completed periods each below belowPct of target'),
  commissionDrop: signalOff({ trailing: z.number().int(), belowPct: z.number() }, "the latest month's commission below belowPct of the trailing months' average"),
  trainingOverdue: signalOff({ minimum: z.number().int() }, 'mandatory training requirements overdue and not completed since'),
  contractsSentBack: signalOff({ windowDays: z.number().int(), minimum: z.number().int() }, 'contracts rejected or sent back for changes in the window'),
  countermeasures: z.object({ conversation: z.string(), payPromotionReview: z.string(), developmentPlan: z.string() }).describe("ISO-8601 working time of the manager's calendar within which each task is due"),
});

export const VersionedAttritionPolicy = z.object({
  version: z.number().int().describe('0: the default policy, in force until the first PUT'),
  policy: AttritionPolicyDocument,
  createdAt: z.string().nullable(),
});

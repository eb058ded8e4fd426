import { z } from 'zod';
import { parseIsoDuration } from '#libs/time';

const workingDuration = z.string().refine((value) => {
  try {
    parseIsoDuration(value);
    return true;
  } catch {
    return false;
  }
}, 'an ISO-8601 duration counted in working time, such as PT2H or P3D');

const tierNumbers = z.object({ A: z.number().int().min(1).max(365), B: z.number().int().min(1).max(365), C: z.number().int().min(1).max(730) }).strict();

const deadlines = z.object({ acknowledge: workingDuration, resolve: workingDuration }).strict();

/** Follow-up rules as data (GET/PUT /follow-up-policy); every number has a sensible default. */
export const followUpPolicySchema = z
  .object({
    /** Revisit cadence per tier, in the owner's working days. */
    cadenceDays: tierNumbers.default({ A: 14, B: 30, C: 90 }),
    /** Approved contract amount (BASE_CURRENCY) over the last 12 months that makes a tier. */
    tierThresholds: z.object({ A: z.number().min(0), B: z.number().min(0) }).strict().default({ A: 1_000_000, B: 200_000 }),
    postSigningVisitWorkingDays: z.number().int().min(1).max(60).default(5),
    surveyAfterContractDays: z.number().int().min(1).max(365).default(30),
    overdueEscalationWorkingDays: z.number().int().min(1).max(60).default(3),
    digestLocalTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm').default('08:30'),
    complaintDeadlines: z
      .object({ critical: deadlines, high: deadlines, medium: deadlines, low: deadlines })
      .strict()
      .default({
        critical: { acknowledge: 'PT2H', resolve: 'PT24H' },
        high: { acknowledge: 'PT8H', resolve: 'P3D' },
        medium: { acknowledge: 'PT24H', resolve: 'P5D' },
        low: { acknowledge: 'PT48H', resolve: 'P10D' },
      }),
    /** Reminders fire at this fraction of each complaint deadline. */
    complaintReminderAt: z.number().gt(0).lt(1).default(0.75),
    surveyCapDays: z.number().int().min(1).max(365).default(30),
    surveyLinkTtlDays: z.number().int().min(1).max(90).default(14),
    lowScoreThreshold: z.number().int().min(1).max(5).default(2),
    atRiskVisitWorkingDays: z.number().int().min(1).max(30).default(2),
    risk: z
      .object({
        satisfactionWindowDays: z.number().int().min(7).max(730).default(90),
        satisfactionDrop: z.number().min(0.1).max(4).default(1),
        complaintWindowDays: z.number().int().min(1).max(365).default(30),
        complaintSpikeFactor: z.number().min(1).max(100).default(2),
        complaintSpikeMinimum: z.number().int().min(1).max(100).default(3),
        noContractDays: z.number().int().min(1).max(730).default(90),
        noVisitCadenceFactor: z.number().min(1).max(10).default(2),
        cooldownDays: z.number().int().min(0).max(365).default(14),
      })
      .strict()
      .default({}),
  })
  .strict();

export type FollowUpPolicy = z.infer<typeof followUpPolicySchema>;

export const DEFAULT_FOLLOW_UP_POLICY: FollowUpPolicy = followUpPolicySchema.parse({});

export type PolicyValidation = { ok: true; policy: FollowUpPolicy } | { ok: false; errors: { field: string; message: string }[] };

export function validateFollowUpPolicy(input: unknown): PolicyValidation {
  const parsed = followUpPolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : '(root)',
      message: issue.message,
    })),
  };
}

import { z } from 'zod';
import { workingDurationProblem } from '#libs/time';

const workingDuration = z.string().refine((value) => workingDurationProblem(value) === null, (value) => ({ message: workingDurationProblem(value) ?? '' }));

const tierNumbers = z.object({ A: z.number().int().min(1).max(365), B: z.number().int().min(1).max(365), C: z.number().int().min(1).max(730) }).strict();

const deadlines = z.object({ acknowledge: workingDuration, resolve: workingDuration }).strict();

/**
 * Follow-up rules as data (GET/PUT/PATCH /follow-up-policy). A PUT takes the whole document: no
 * field has a default here, so a missing one is a 400 naming it; a PATCH is merged into the active
 * policy first (mergeFollowUpPolicy), then the whole is checked here.
 */
export const followUpPolicySchema = z
  .object({
    /** Revisit cadence per tier, in the owner's working days. */
    cadenceDays: tierNumbers,
    /** Approved contract amount (BASE_CURRENCY) over the last 12 months that makes a tier. */
    tierThresholds: z.object({ A: z.number().min(0), B: z.number().min(0) }).strict(),
    postSigningVisitWorkingDays: z.number().int().min(1).max(60),
    surveyAfterContractDays: z.number().int().min(1).max(365),
    overdueEscalationWorkingDays: z.number().int().min(1).max(60),
    digestLocalTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm'),
    complaintDeadlines: z.object({ critical: deadlines, high: deadlines, medium: deadlines, low: deadlines }).strict(),
    /** Reminders fire at this fraction of each complaint deadline. */
    complaintReminderAt: z.number().gt(0).lt(1),
    surveyCapDays: z.number().int().min(1).max(365),
    surveyLinkTtlDays: z.number().int().min(1).max(90),
    lowScoreThreshold: z.number().int().min(1).max(5),
    atRiskVisitWorkingDays: z.number().int().min(1).max(30),
    risk: z
      .object({
        satisfactionWindowDays: z.number().int().min(7).max(730),
        satisfactionDrop: z.number().min(0.1).max(4),
        complaintWindowDays: z.number().int().min(1).max(365),
        complaintSpikeFactor: z.number().min(1).max(100),
        complaintSpikeMinimum: z.number().int().min(1).max(100),
        noContractDays: z.number().int().min(1).max(730),
        noVisitCadenceFactor: z.number().min(1).max(10),
        cooldownDays: z.number().int().min(0).max(365),
        /** Issue 13: a countermeasure task's reminder fires at this fraction of its working time (default 0.5). */
        taskReminderAt: z.number().gt(0).lt(1).optional(),
        /** Issue 13: an alert whose rule has not held for this many days is resolved (default 14). */
        recoveryDays: z.number().int().min(1).max(365).optional(),
        /** Issue 13: alerts of at least this severity are emailed at once, the others wait for the daily digest (default 3; 0: all at once). */
        criticalSeverity: z.number().min(0).max(1000).optional(),
      })
      .strict(),
  })
  .strict();

export type FollowUpPolicy = z.infer<typeof followUpPolicySchema>;

/** Version 0, in force until the first PUT or PATCH. */
export const DEFAULT_FOLLOW_UP_POLICY: FollowUpPolicy = {
  cadenceDays: { A: 14, B: 30, C: 90 },
  tierThresholds: { A: 1_000_000, B: 200_000 },
  postSigningVisitWorkingDays: 5,
  surveyAfterContractDays: 30,
  overdueEscalationWorkingDays: 3,
  digestLocalTime: '08:30',
  complaintDeadlines: {
    critical: { acknowledge: 'PT2H', resolve: 'PT24H' },
    high: { acknowledge: 'PT8H', resolve: 'P3D' },
    medium: { acknowledge: 'PT24H', resolve: 'P5D' },
    low: { acknowledge: 'PT48H', resolve: 'P10D' },
  },
  complaintReminderAt: 0.75,
  surveyCapDays: 30,
  surveyLinkTtlDays: 14,
  lowScoreThreshold: 2,
  atRiskVisitWorkingDays: 2,
  risk: {
    satisfactionWindowDays: 90,
    satisfactionDrop: 1,
    complaintWindowDays: 30,
    complaintSpikeFactor: 2,
    complaintSpikeMinimum: 3,
    noContractDays: 90,
    noVisitCadenceFactor: 2,
    cooldownDays: 14,
  },
};

export type PolicyValidation = { ok: true; policy: FollowUpPolicy } | { ok: false; errors: { field: string; message: string }[] };

export function validateFollowUpPolicy(input: unknown): PolicyValidation {
  const parsed = followUpPolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : '(root)';
      const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
      return { field, message: missing ? `${field} is required (a PUT takes the whole policy; PATCH changes part of it)` : issue.message };
    }),
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A PATCH body applied to the active policy: objects merge field by field, anything else replaces.
 * Built from entries, so a "__proto__" key stays an own (and then refused) field instead of a prototype.
 * An empty body is refused rather than stored as a new version identical to the active one.
 */
export function mergeFollowUpPolicy(active: FollowUpPolicy, changes: unknown): PolicyValidation {
  if (isPlainObject(changes) && Object.keys(changes).length === 0) {
    return { ok: false, errors: [{ field: '(root)', message: 'name at least one field to change' }] };
  }
  return validateFollowUpPolicy(merged(active, changes));
}

function merged(active: unknown, changes: unknown): unknown {
  if (!isPlainObject(active) || !isPlainObject(changes)) return changes;
  const keys = [...new Set([...Object.keys(active), ...Object.keys(changes)])];
  return Object.fromEntries(
    keys.map((key) => [key, Object.hasOwn(changes, key) ? merged(active[key], changes[key]) : active[key]]),
  );
}

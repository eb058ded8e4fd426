import { Duration } from 'luxon';
import { z } from 'zod';
import { policyDurationBoundProblem } from '#libs/time';

const FORM = 'an ISO-8601 duration before the session starts, such as P7D, P1D or PT1H';
const beforeStartProblem = (value: string): string | null => (Duration.fromISO(value).isValid ? policyDurationBoundProblem(value) : FORM);
const beforeStart = z.string().refine((value) => beforeStartProblem(value) === null, (value) => ({ message: beforeStartProblem(value) ?? '' }));

/**
 * Training rules as data (GET/PUT /training-policy). A PUT takes the whole document: no field has
 * a default here, so a missing one is a 400 naming it (the defaults are the stored document
 * until the first PUT).
 */
export const trainingPolicySchema = z
  .object({
    /**
     * Every confirmed attendee is reminded this long before the session starts. Days count in the
     * attendee's own zone (P1D before 09:00 is 09:00 the day before, across a DST change too);
     * hours and minutes are absolute.
     */
    remindersBefore: z.array(beforeStart).max(10).refine((list) => new Set(list).size === list.length, 'each offset once'),
    /** The weekly digest to each manager with a team goes out on this ISO weekday (1 = Monday .. 7 = Sunday), in the manager's zone. */
    digestWeekday: z.number().int('an ISO weekday, 1 (Monday) to 7 (Sunday)').min(1, 'an ISO weekday, 1 (Monday) to 7 (Sunday)').max(7, 'an ISO weekday, 1 (Monday) to 7 (Sunday)'),
    /** ... at this local time, "HH:mm" (the manager's zone: their work calendar's, else their own). */
    digestLocalTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time "HH:mm", such as 09:00'),
  })
  .strict();

export type TrainingPolicy = z.infer<typeof trainingPolicySchema>;

export const DEFAULT_TRAINING_POLICY: TrainingPolicy = { remindersBefore: ['P7D', 'P1D', 'PT1H'], digestWeekday: 1, digestLocalTime: '09:00' };

/** A version stored before a field existed reads with that field's default (a PUT still names every field). */
export function withDefaults(document: Partial<TrainingPolicy>): TrainingPolicy {
  return { ...DEFAULT_TRAINING_POLICY, ...document };
}

export type TrainingPolicyValidation = { ok: true; policy: TrainingPolicy } | { ok: false; errors: { field: string; message: string }[] };

export function validateTrainingPolicy(input: unknown): TrainingPolicyValidation {
  const parsed = trainingPolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : '(root)',
      message: issue.code === 'invalid_type' && issue.received === 'undefined' ? `${issue.path.join('.')} is required (a PUT takes the whole policy)` : issue.message,
    })),
  };
}

import { Duration } from 'luxon';
import { parseIsoDuration } from './working-time.js';

/**
 * The one bound on every duration a policy holds (SLAs, reminders, deadlines). A day counts as 24
 * hours here, whether the policy then reads it as a working day or a calendar day: the bound is
 * about what an admin may type, so an SLA can never make a deadline computation run for minutes.
 */
export const MAX_POLICY_DURATION = 'P90D';
export const MIN_POLICY_DURATION = 'PT1S';

const MAX_MS = Duration.fromISO(MAX_POLICY_DURATION).as('milliseconds');
const MIN_MS = Duration.fromISO(MIN_POLICY_DURATION).as('milliseconds');

/** Why `text` is outside the policy bounds, or null when it is within them. Form checks stay with each policy. */
export function policyDurationBoundProblem(text: string): string | null {
  const parsed = Duration.fromISO(text);
  if (!parsed.isValid) return `"${text}" is not an ISO-8601 duration`;
  const ms = parsed.as('milliseconds');
  if (!(ms <= MAX_MS)) return `"${text}" is longer than ${MAX_POLICY_DURATION}, the longest a policy duration may be`;
  if (!(ms >= MIN_MS)) return `"${text}" is shorter than ${MIN_POLICY_DURATION}, the shortest a policy duration may be`;
  return null;
}

/** Why `text` is not a working-time duration a policy may hold (within the bound; days, hours, minutes, seconds), or null. */
export function workingDurationProblem(text: string): string | null {
  const outOfBounds = policyDurationBoundProblem(text);
  if (outOfBounds !== null) return outOfBounds;
  try {
    parseIsoDuration(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

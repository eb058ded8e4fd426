import { Duration } from 'luxon';
import { policyDurationBoundProblem } from '#libs/time';

// Only day/hour/minute/second parts: weeks, months and years have no fixed length in working time.
const DAY_TIME_DURATION = /^P(?!$)(\d+(?:[.,]\d+)?D)?(?:T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/;

/** Why `sla` is not a usable SLA, or null when it is. */
export function findSlaProblem(sla: unknown): string | null {
  if (typeof sla !== 'string') return 'must be an ISO-8601 duration string such as "PT8H"';
  if (!DAY_TIME_DURATION.test(sla) || !Duration.fromISO(sla).isValid) {
    return `"${sla}" is not an ISO-8601 duration made of days, hours, minutes and seconds (e.g. "PT8H", "P2D")`;
  }
  return policyDurationBoundProblem(sla);
}

import { BadRequestError, type FieldError } from '#libs/rpc';
import { MAX_SNOOZE_DAYS, MAX_SNOOZE_REASON, type RISK_ALERT_STATUSES, type RISK_ALERT_TYPES } from '#libs/contracts';

export { MAX_SNOOZE_DAYS, MAX_SNOOZE_REASON, RISK_ALERT_STATUSES, RISK_ALERT_TYPES } from '#libs/contracts';

export interface ListRiskAlertsQuery {
  type?: (typeof RISK_ALERT_TYPES)[number];
  status?: (typeof RISK_ALERT_STATUSES)[number];
  cursor?: string;
  limit: number;
}

export interface SnoozeInput {
  until: string;
  reason: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY_MS = 24 * 3600_000;

/** `until` an ISO-8601 instant in the future (at most a year ahead), `reason` a non-blank text; 400 naming the field otherwise. */
export function parseSnooze(input: Partial<SnoozeInput>, now: Date): { until: Date; reason: string } {
  const errors: FieldError[] = [];
  const until = typeof input.until === 'string' && ISO_INSTANT.test(input.until) ? new Date(input.until) : null;
  if (!until || Number.isNaN(until.getTime())) errors.push({ field: 'until', message: 'until must be an ISO-8601 instant with a time zone, e.g. 2027-04-01T00:00:00Z' });
  else if (until.getTime() <= now.getTime()) errors.push({ field: 'until', message: `until must be in the future (now is ${now.toISOString()})` });
  else if (until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * DAY_MS) errors.push({ field: 'until', message: `until may be at most ${MAX_SNOOZE_DAYS} days ahead` });
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason === '') errors.push({ field: 'reason', message: 'reason must say why the alert is snoozed' });
  else if (reason.length > MAX_SNOOZE_REASON) errors.push({ field: 'reason', message: `reason must be at most ${MAX_SNOOZE_REASON} characters` });
  if (errors.length > 0 || !until) throw new BadRequestError('The snooze is invalid; the alert was not changed.', errors);
  return { until, reason };
}

import { DateTime } from 'luxon';
import { JOBS, QUEUES } from '#libs/queue';
import { weeklyLinkKey, type WeeklyChainSpec, type WeeklySchedule } from '#libs/workflow';

/**
 * The Monday target progress email (issue 11 item 2): every Monday at 09:00 in the manager's zone
 * (their work calendar's zone, else their own), every week, holidays included (a status report,
 * not a working-time deadline).
 */
export const PROGRESS_SCHEDULE: WeeklySchedule = { weekday: 1, localTime: '09:00' };

export const TARGET_PROGRESS_CHAIN: WeeklyChainSpec = {
  kind: JOBS.appraisalTargetProgress, checkKind: JOBS.appraisalTargetProgressCheck, queue: QUEUES.appraisalBulk, keyPrefix: 'target-progress',
};

/** One email per manager and local date: the timer's unique key and the email's idempotency key. */
export function targetProgressKey(managerId: string, localDate: string): string {
  return weeklyLinkKey(TARGET_PROGRESS_CHAIN.keyPrefix, managerId, localDate);
}

/**
 * The periods a Monday email reports: the quarter and the month that contain the manager's local
 * date (quarter first). A period without any target in the manager's line is left out.
 */
export function reportedPeriods(localDate: string): string[] {
  const day = DateTime.fromISO(localDate, { zone: 'utc' });
  return [`${day.year}-Q${day.quarter}`, `${day.year}-${String(day.month).padStart(2, '0')}`];
}

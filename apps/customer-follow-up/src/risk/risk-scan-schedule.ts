import { JOBS, QUEUES } from '#libs/queue';
import { dailyScanKey, nextDailyScan, type DailyScanSpec } from '#libs/workflow';

/**
 * The daily customer-risk scan runs at the follow-up policy's `scanTimes.customerDemand`, by
 * default 06:00 in Asia/Shanghai (22:00 UTC the evening before; DailyScans passes the policy's time):
 * before the working day of the sales organization, so the alerts wait in the managers' inboxes
 * when they start. One installation-wide time, not per recipient: the scan is one run over every customer.
 */
export const RISK_SCAN: DailyScanSpec = { kind: JOBS.riskScan, queue: QUEUES.followUpBulk, name: 'risk-scan', localTime: '06:00', zone: 'Asia/Shanghai' };

/** The first scan time strictly after `after`, and its Shanghai date (its timer's unique key). */
export function nextRiskScan(after: Date): { at: Date; localDate: string } {
  return nextDailyScan(RISK_SCAN, after);
}

/** One scan per Shanghai date, however many replicas arm it. */
export function riskScanKey(localDate: string): string {
  return dailyScanKey(RISK_SCAN, localDate);
}

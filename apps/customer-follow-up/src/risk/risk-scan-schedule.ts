import { nextLocalTime } from '#libs/time';
import { localDateOf } from '../revisits/local-days.js';

/**
 * The daily customer-risk scan runs at 06:00 in Asia/Shanghai (22:00 UTC the evening before):
 * before the working day of the sales organization, so the alerts wait in the managers' inboxes
 * when they start. One installation-wide time, not per recipient: the scan is one run over every customer.
 */
export const RISK_SCAN_LOCAL_TIME = '06:00';
export const RISK_SCAN_ZONE = 'Asia/Shanghai';

export interface RiskScanOccurrence {
  at: Date;
  /** The Shanghai date of the scan: its timer's unique key. */
  localDate: string;
}

/** The first scan time strictly after `after`. */
export function nextRiskScan(after: Date): RiskScanOccurrence {
  const at = nextLocalTime(RISK_SCAN_LOCAL_TIME, RISK_SCAN_ZONE, after);
  return { at, localDate: localDateOf(at, RISK_SCAN_ZONE) };
}

/** One scan per Shanghai date, however many replicas arm it. */
export function riskScanKey(localDate: string): string {
  return `risk-scan:${localDate}`;
}

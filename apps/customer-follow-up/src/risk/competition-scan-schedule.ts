import { JOBS, QUEUES } from '#libs/queue';
import type { DailyScanSpec } from '#libs/workflow';
import { RISK_SCAN } from './risk-scan-schedule.js';

/**
 * The daily market competition scan, at the follow-up policy's `scanTimes.competition` in the
 * scans' zone (Asia/Shanghai, as the customer risk scan); 06:30 by default, after the customer scan.
 */
export const COMPETITION_SCAN: DailyScanSpec = { kind: JOBS.competitionScan, queue: QUEUES.followUpBulk, name: 'competition-scan', localTime: '06:30', zone: RISK_SCAN.zone };

import { JOBS, QUEUES } from '#libs/queue';
import type { DailyScanSpec } from '#libs/workflow';

/**
 * The daily attrition scan runs at 06:00 in Asia/Shanghai, like the customer risk scan: before the
 * working day, so the managers find the alerts when they start. One installation-wide time: the
 * scan is one run over everyone. Completed months and quarters are also counted in this zone.
 */
export const ATTRITION_SCAN: DailyScanSpec = { kind: JOBS.attritionScan, queue: QUEUES.appraisalBulk, name: 'attrition-scan', localTime: '06:00', zone: 'Asia/Shanghai' };

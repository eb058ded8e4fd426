// The read side of the daily customer-risk scan over every customer, for `npm run bench:scale`:
// the same slices and the same set-based aggregate statement RiskScanService runs, without the
// writes (the seeded tier-A customers would all be flagged and emailed).
import { performance } from 'node:perf_hooks';
import type { Tx } from '#libs/database';
import { DEFAULT_FOLLOW_UP_POLICY } from '../apps/customer-follow-up/src/policy/follow-up-policy.js';
import { riskWindows } from '../apps/customer-follow-up/src/risk/risk.rules.js';
import { FIRST_CUSTOMER_ID, RiskScanRepository } from '../apps/customer-follow-up/src/risk/risk-scan.repository.js';
import { RISK_SCAN_SLICE } from '../apps/customer-follow-up/src/risk/risk-scan.service.js';
import { median, percentile } from './stats.js';

export interface RiskScanReadFigures {
  seconds: number;
  slices: number;
  candidates: number;
  sliceMedianMs: number;
  sliceP95Ms: number;
}

export async function measureRiskScanReads(db: Tx, now: Date): Promise<RiskScanReadFigures> {
  const repository = new RiskScanRepository();
  const policy = DEFAULT_FOLLOW_UP_POLICY;
  const windows = riskWindows(now, policy.risk, policy.cadenceDays.A);
  const started = performance.now();
  const times: number[] = [];
  let candidates = 0;
  let after = FIRST_CUSTOMER_ID;
  for (;;) {
    const sliceStart = performance.now();
    const upTo = await repository.sliceEnd(db, after, RISK_SCAN_SLICE);
    candidates += (await repository.candidateFacts(db, { after, upTo }, windows, policy.risk)).length;
    times.push(performance.now() - sliceStart);
    if (!upTo) break;
    after = upTo;
  }
  return { seconds: (performance.now() - started) / 1000, slices: times.length, candidates, sliceMedianMs: median(times), sliceP95Ms: percentile(times, 95) };
}

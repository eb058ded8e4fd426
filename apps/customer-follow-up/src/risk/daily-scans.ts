import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import { RISK_TYPE_COMPETITION, RISK_TYPE_CUSTOMER_DEMAND, type RiskScanType } from '#libs/contracts';
import { BadRequestError } from '#libs/rpc';
import { Clock } from '#libs/time';
import { DailyScanChain, TimerWriter } from '#libs/workflow';
import type { FollowUpPolicy } from '../policy/follow-up-policy.js';
import { COMPETITION_SCAN } from './competition-scan-schedule.js';
import { RISK_SCAN } from './risk-scan-schedule.js';

type ScanTimes = FollowUpPolicy['scanTimes'];

const TIME_OF: Record<RiskScanType, keyof ScanTimes> = { [RISK_TYPE_CUSTOMER_DEMAND]: 'customerDemand', [RISK_TYPE_COMPETITION]: 'competition' };

/**
 * The follow-up service's daily scans (customer demand, market competition) as timer chains whose
 * wall time is policy data (`scanTimes`, in the scans' zone, Asia/Shanghai): the jobs arm and run
 * them at the policy's time, a policy change moves the pending links, and POST /risk-scans runs one now.
 */
@Injectable()
export class DailyScans {
  private readonly chains: Record<RiskScanType, DailyScanChain>;

  constructor(
    private readonly database: Database,
    timers: TimerWriter,
    audit: AuditWriter,
    private readonly clock: Clock,
    private readonly signal: OutboxSignal,
  ) {
    this.chains = {
      [RISK_TYPE_CUSTOMER_DEMAND]: new DailyScanChain(RISK_SCAN, database, timers, audit, clock),
      [RISK_TYPE_COMPETITION]: new DailyScanChain(COMPETITION_SCAN, database, timers, audit, clock),
    };
  }

  chain(type: RiskScanType): DailyScanChain {
    return this.chains[type];
  }

  timeOf(type: RiskScanType, times: ScanTimes): string {
    return times[TIME_OF[type]];
  }

  /** In the policy's transaction: each scan whose time changed moves its pending link to the new time. */
  async rescheduleChanged(tx: Tx, before: ScanTimes, after: ScanTimes, correlationId: string | null): Promise<void> {
    for (const type of Object.keys(TIME_OF) as RiskScanType[]) {
      const key = TIME_OF[type];
      if (before[key] !== after[key]) await this.chains[type].reschedule(tx, this.clock.now(), after[key], correlationId);
    }
  }

  /** A scan now, through the same job as the daily ones (its own timer, due now); answers at once. */
  async runNow(type: string, correlationId: string): Promise<{ type: RiskScanType; requestedAt: string }> {
    if (!(type in TIME_OF)) throw new BadRequestError('Unknown scan type.', [{ field: 'type', message: `type must be one of ${Object.keys(TIME_OF).join(', ')}` }]);
    const scanType = type as RiskScanType;
    const now = this.clock.now();
    await this.database.transaction((tx) => this.chains[scanType].runNow(tx, now, correlationId));
    this.signal.notify();
    return { type: scanType, requestedAt: now.toISOString() };
  }
}

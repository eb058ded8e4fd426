import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { ForbiddenError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { TimerWriter } from '#libs/workflow';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { riskTaskTimerKey } from './risk-countermeasures.rules.js';
import { EFFECTIVENESS_WINDOWS, effectivenessLines, type EffectivenessLine } from './risk-effectiveness.rules.js';
import { RiskRecoveryRepository } from './risk-recovery.repository.js';

/** An alert's key: its type, its subject (customer, person, segment id) and, when it has several, its rule. */
export interface RecoveredSignal {
  subjectId: string;
  rule?: string | null;
}

export const DEFAULT_RECOVERY_DAYS = 14;

export interface EffectivenessReport {
  asOf: string;
  recoveryDays: number;
  lines: EffectivenessLine[];
}

/**
 * When a risk's signal recovers. Any scan (customer demand, attrition, competition) tells it which
 * alerts' rules no longer hold (`signalRecovered`: severity 0, clearedAt), and each daily scan then
 * resolves those that stayed recovered for the policy's `risk.recoveryDays` (`resolveRecovered`),
 * recording whether their tasks were all done and cancelling the reminders of tasks left open.
 * An alert flagged again before that is simply open again (its clearedAt is dropped by the scan).
 */
@Injectable()
export class RiskRecovery {
  private readonly logger = new Logger(RiskRecovery.name);

  constructor(
    private readonly database: Database,
    private readonly repository: RiskRecoveryRepository,
    private readonly policies: FollowUpPolicyStore,
    private readonly directory: OrgDirectory,
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** The alerts of `type` about these subjects no longer hold (kept, severity 0, clearedAt now unless cleared already). */
  async signalRecovered(tx: Tx, type: string, signals: RecoveredSignal[], now: Date, correlationId: string | null): Promise<number> {
    const cleared = await this.repository.clear(tx, type, signals.map((s) => ({ subjectId: s.subjectId, rule: s.rule ?? null })), now);
    await this.audit.recordAll(tx, cleared.map((row) => ({
      entityType: 'risk-alert', entityId: row.id, action: 'risk-alert.cleared', actorId: null, before: { severity: row.severity }, after: { severity: 0 }, correlationId, at: now,
    })));
    return cleared.length;
  }

  /** Resolves the alerts of `type` recovered for the policy's period; the number resolved. */
  async resolveRecovered(type: string, now: Date, correlationId: string | null): Promise<number> {
    const resolved = await this.database.transaction(async (tx) => {
      const days = await this.recoveryDays(tx);
      const rows = await this.repository.resolve(tx, type, new Date(now.getTime() - days * 24 * 3600_000), now);
      const open = await this.repository.openTaskIds(tx, rows.map((r) => r.id));
      await this.timers.cancelByKeys(tx, open.flatMap((id) => [riskTaskTimerKey(id, 'remind'), riskTaskTimerKey(id, 'escalate')]), now);
      await this.audit.recordAll(tx, rows.map((row) => ({
        entityType: 'risk-alert', entityId: row.id, action: 'risk-alert.resolved', actorId: null, before: null,
        after: { tasksDone: row.tasksDone, recoveryDays: days }, correlationId, at: now,
      })));
      return rows.length;
    });
    if (resolved > 0) this.logger.log(`${resolved} ${type} risk alerts resolved: their signal recovered.`);
    return resolved;
  }

  /** ADMIN: every task; a manager or director: the tasks of their reporting line. Specialists: 403. */
  async effectiveness(caller: Caller): Promise<EffectivenessReport> {
    if (caller.role === 'SALES_SPECIALIST') throw new ForbiddenError('The effectiveness report is for managers, directors and ADMIN.');
    const db = this.database.db;
    const owners = caller.role === 'ADMIN' ? null : await this.directory.reportingSubtree(caller.id, db);
    const now = this.clock.now();
    const rows = await this.repository.effectiveness(db, EFFECTIVENESS_WINDOWS, now, owners);
    return { asOf: now.toISOString(), recoveryDays: await this.recoveryDays(db), lines: effectivenessLines(rows) };
  }

  private async recoveryDays(tx: Tx): Promise<number> {
    const { policy } = await this.policies.active(tx);
    return policy.risk.recoveryDays ?? DEFAULT_RECOVERY_DAYS;
  }
}

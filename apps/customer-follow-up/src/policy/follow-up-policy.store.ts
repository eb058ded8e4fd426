import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { BadRequestError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { DailyScans } from '../risk/daily-scans.js';
import { DEFAULT_FOLLOW_UP_POLICY, mergeFollowUpPolicy, withLaterSections, type PolicyValidation, validateFollowUpPolicy, type FollowUpPolicy } from './follow-up-policy.js';

/** The active follow-up policy: the defaults until an admin replaces it (each replacement a new version). */
@Injectable()
export class FollowUpPolicyStore {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly scans: DailyScans,
  ) {}

  async active(tx: Tx = this.database.db): Promise<{ version: number; policy: FollowUpPolicy }> {
    const latest = await tx.selectFrom('FollowUpPolicy').select(['version', 'document']).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (!latest) return { version: 0, policy: DEFAULT_FOLLOW_UP_POLICY };
    return { version: latest.version, policy: withLaterSections(latest.document as unknown as FollowUpPolicy) };
  }

  /** PUT: the body is the whole policy. */
  async replace(caller: Caller, input: unknown, correlationId: string) {
    return this.save(caller, correlationId, 'policy.replaced', () => validateFollowUpPolicy(input));
  }

  /** PATCH: the body's fields merged into the active policy, then the whole checked as a PUT would be. */
  async change(caller: Caller, changes: unknown, correlationId: string) {
    return this.save(caller, correlationId, 'policy.changed', (active) => mergeFollowUpPolicy(active, changes));
  }

  private async save(caller: Caller, correlationId: string, action: string, validate: (active: FollowUpPolicy) => PolicyValidation) {
    return this.database.transaction(async (tx) => {
      // One writer at a time, so a PATCH merges into the version it replaces and no change is lost.
      await sql`SELECT pg_advisory_xact_lock(hashtext('follow-up-policy'))`.execute(tx);
      const previous = await this.active(tx);
      const validation = validate(previous.policy);
      if (!validation.ok) throw new BadRequestError('The follow-up policy is invalid; the active policy was kept.', validation.errors);
      const row = await tx
        .insertInto('FollowUpPolicy')
        .values({ document: JSON.stringify(validation.policy), createdById: caller.id, createdAt: this.clock.now() })
        .returning('version')
        .executeTakeFirstOrThrow();
      await this.audit.record(tx, {
        entityType: 'follow-up-policy', entityId: caller.id, action, actorId: caller.id,
        before: { version: previous.version }, after: { version: row.version, document: validation.policy }, correlationId, at: this.clock.now(),
      });
      await this.scans.rescheduleChanged(tx, previous.policy.scanTimes, validation.policy.scanTimes, correlationId);
      return { version: row.version, policy: validation.policy };
    });
  }
}

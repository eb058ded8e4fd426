import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { BadRequestError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { DEFAULT_FOLLOW_UP_POLICY, validateFollowUpPolicy, type FollowUpPolicy } from './follow-up-policy.js';

/** The active follow-up policy: the defaults until an admin replaces it (each replacement a new version). */
@Injectable()
export class FollowUpPolicyStore {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async active(tx: Tx = this.database.db): Promise<{ version: number; policy: FollowUpPolicy }> {
    const latest = await tx.selectFrom('FollowUpPolicy').select(['version', 'document']).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (!latest) return { version: 0, policy: DEFAULT_FOLLOW_UP_POLICY };
    return { version: latest.version, policy: latest.document as unknown as FollowUpPolicy };
  }

  async replace(caller: Caller, input: unknown, correlationId: string) {
    const validation = validateFollowUpPolicy(input);
    if (!validation.ok) throw new BadRequestError('The follow-up policy is invalid; the active policy was kept.', validation.errors);
    return this.database.transaction(async (tx) => {
      const previous = await this.active(tx);
      const row = await tx
        .insertInto('FollowUpPolicy')
        .values({ document: JSON.stringify(validation.policy), createdById: caller.id, createdAt: this.clock.now() })
        .returning('version')
        .executeTakeFirstOrThrow();
      await this.audit.record(tx, {
        entityType: 'follow-up-policy', entityId: caller.id, action: 'policy.replaced', actorId: caller.id,
        before: { version: previous.version }, after: { version: row.version, document: validation.policy }, correlationId, at: this.clock.now(),
      });
      return { version: row.version, policy: validation.policy };
    });
  }
}

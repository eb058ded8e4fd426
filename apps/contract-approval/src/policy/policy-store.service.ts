import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '#libs/database';
import { AuditWriter } from '#libs/audit';
import { BadRequestError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { DEFAULT_POLICY } from './default-policy.js';
import { validatePolicy } from './policy-validator.js';
import { PolicyRepository, type PolicyRow } from './policy.repository.js';
import type { ApprovalPolicyDocument } from './policy.types.js';

export interface VersionedPolicy {
  version: number;
  document: ApprovalPolicyDocument;
  createdAt: string;
}

/** Versioned approval policy: a contract keeps the version it started with. */
@Injectable()
export class PolicyStore {
  /** A version never changes once written, so its document is read once per process. */
  private readonly documents = new Map<number, ApprovalPolicyDocument>();

  constructor(
    private readonly database: Database,
    private readonly policies: PolicyRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** The latest version; the SPEC's default policy becomes version 1 on first use. */
  async active(tx: Tx = this.database.db): Promise<VersionedPolicy> {
    const latest = await this.policies.latest(tx);
    if (latest) return { version: latest.version, document: await this.byVersion(latest.version, tx), createdAt: latest.createdAt.toISOString() };
    return this.view(await this.policies.ensureFirst(tx, DEFAULT_POLICY, this.clock.now()));
  }

  async byVersion(version: number, tx: Tx = this.database.db): Promise<ApprovalPolicyDocument> {
    const known = this.documents.get(version);
    if (known) return known;
    const document = (await this.policies.documentOf(tx, version)) as ApprovalPolicyDocument;
    this.documents.set(version, document);
    return document;
  }

  async replace(caller: Caller, input: unknown, correlationId: string): Promise<VersionedPolicy> {
    const validation = validatePolicy(input);
    if (!validation.ok) throw new BadRequestError('The approval policy is invalid; the active policy was kept.', validation.errors);
    return this.database.transaction(async (tx) => {
      const previous = await this.active(tx);
      const row = await this.policies.add(tx, { version: previous.version + 1, document: validation.policy, createdById: caller.id, at: this.clock.now() });
      await this.audit.record(tx, {
        entityType: 'approval-policy',
        entityId: caller.id,
        action: 'policy.replaced',
        actorId: caller.id,
        before: { version: previous.version, document: previous.document },
        after: { version: row.version, document: validation.policy },
        correlationId,
        at: this.clock.now(),
      });
      return this.view(row);
    });
  }

  private view(row: PolicyRow): VersionedPolicy {
    return { version: row.version, document: row.document as ApprovalPolicyDocument, createdAt: row.createdAt.toISOString() };
  }
}

import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { BadRequestError, ForbiddenError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { DEFAULT_ATTRITION_POLICY, validateAttritionPolicy, type AttritionPolicyDocument } from './attrition-policy.js';
import { AttritionPolicyRepository, type AttritionPolicyRow } from './attrition-policy.repository.js';

const POLICY_WRITERS = ['HR', 'ADMIN'];

export interface VersionedAttritionPolicy {
  version: number;
  policy: AttritionPolicyDocument;
  createdAt: string | null;
}

const DEFAULT_ROW: AttritionPolicyRow = { id: '00000000-0000-0000-0000-000000000000', version: 0, document: DEFAULT_ATTRITION_POLICY, createdAt: new Date(0) };

function view(row: AttritionPolicyRow): VersionedAttritionPolicy {
  return { version: row.version, policy: row.document, createdAt: row.version === 0 ? null : row.createdAt.toISOString() };
}

/** The attrition risk policy as data, versioned: each PUT adds a version, the scan reads the latest. */
@Injectable()
export class AttritionPolicyService {
  constructor(
    private readonly database: Database,
    private readonly repository: AttritionPolicyRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async put(caller: Caller, input: unknown, correlationId: string): Promise<VersionedAttritionPolicy> {
    if (!POLICY_WRITERS.includes(caller.role)) throw new ForbiddenError('Only HR and ADMIN may change the attrition policy.');
    const validation = validateAttritionPolicy(input);
    if (!validation.ok) throw new BadRequestError('The attrition policy is invalid; nothing was written.', validation.errors);
    return this.database.transaction(async (tx) => {
      await this.repository.lock(tx);
      const previous = await this.repository.latest(tx);
      const now = this.clock.now();
      const row = await this.repository.add(tx, { version: (previous?.version ?? 0) + 1, document: validation.policy, createdById: caller.id, at: now });
      await this.audit.record(tx, {
        entityType: 'attrition-policy', entityId: row.id, action: 'attrition-policy.published', actorId: caller.id,
        before: previous ? { version: previous.version, policy: previous.document } : undefined,
        after: { version: row.version, policy: validation.policy }, correlationId, at: now,
      });
      return view(row);
    });
  }

  async get(): Promise<VersionedAttritionPolicy> {
    return view(await this.inForce(this.database.db));
  }

  /** The latest version, or version 0 (the defaults) before the first PUT. */
  async inForce(tx: Tx): Promise<AttritionPolicyRow> {
    return (await this.repository.latest(tx)) ?? DEFAULT_ROW;
  }
}

import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../../../libs/database/src/index.js';
import { AuditWriter } from '../../../../libs/audit/src/index.js';
import { BadRequestError, type Caller } from '../../../../libs/rpc/src/index.js';
import { Clock } from '../../../../libs/time/src/clock.js';
import { DEFAULT_POLICY } from '../policy/default-policy.js';
import { validatePolicy } from '../policy/policy-validator.js';
import type { ApprovalPolicyDocument } from '../policy/policy.types.js';

export interface VersionedPolicy {
  version: number;
  document: ApprovalPolicyDocument;
  createdAt: string;
}

/** Versioned approval policy: a contract keeps the version it started with. */
@Injectable()
export class PolicyStore {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** The latest version; the SPEC's default policy becomes version 1 on first use. */
  async active(tx: Tx = this.prisma): Promise<VersionedPolicy> {
    const latest = await tx.approvalPolicy.findFirst({ orderBy: { version: 'desc' } });
    if (latest) return this.view(latest);
    await tx.$executeRaw`
      INSERT INTO "ApprovalPolicy" (version, document, "createdAt")
      VALUES (1, ${JSON.stringify(DEFAULT_POLICY)}::jsonb, ${this.clock.now()})
      ON CONFLICT (version) DO NOTHING`;
    const first = await tx.approvalPolicy.findUniqueOrThrow({ where: { version: 1 } });
    return this.view(first);
  }

  async byVersion(version: number, tx: Tx = this.prisma): Promise<ApprovalPolicyDocument> {
    const row = await tx.approvalPolicy.findUniqueOrThrow({ where: { version } });
    return row.document as unknown as ApprovalPolicyDocument;
  }

  async replace(caller: Caller, input: unknown, correlationId: string): Promise<VersionedPolicy> {
    const validation = validatePolicy(input);
    if (!validation.ok) throw new BadRequestError('The approval policy is invalid; the active policy was kept.', validation.errors);
    return this.prisma.$transaction(async (tx) => {
      const previous = await this.active(tx);
      const row = await tx.approvalPolicy.create({
        data: { version: previous.version + 1, document: validation.policy as object, createdById: caller.id, createdAt: this.clock.now() },
      });
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

  private view(row: { version: number; document: unknown; createdAt: Date }): VersionedPolicy {
    return { version: row.version, document: row.document as ApprovalPolicyDocument, createdAt: row.createdAt.toISOString() };
  }
}

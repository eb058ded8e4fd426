import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { ApprovalPolicyDocument } from './policy.types.js';

/** A stored policy version, its document as Postgres returns it (JSON). */
export interface PolicyRow {
  version: number;
  document: unknown;
  createdAt: Date;
}

/** The ApprovalPolicy rows: one per version, never changed once written. */
@Injectable()
export class PolicyRepository {
  /** The highest version's number and creation time; undefined before the first version. */
  async latest(tx: Tx): Promise<{ version: number; createdAt: Date } | undefined> {
    return tx.selectFrom('ApprovalPolicy').select(['version', 'createdAt']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  }

  /** Writes version 1 unless a concurrent writer already did, then reads it back. */
  async ensureFirst(tx: Tx, document: ApprovalPolicyDocument, at: Date): Promise<PolicyRow> {
    await tx
      .insertInto('ApprovalPolicy')
      .values({ version: 1, document: JSON.stringify(document), createdAt: at })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
    return tx.selectFrom('ApprovalPolicy').select(['version', 'document', 'createdAt']).where('version', '=', 1).executeTakeFirstOrThrow();
  }

  async documentOf(tx: Tx, version: number): Promise<unknown> {
    const row = await tx.selectFrom('ApprovalPolicy').select('document').where('version', '=', version).executeTakeFirstOrThrow();
    return row.document;
  }

  async add(tx: Tx, policy: { version: number; document: ApprovalPolicyDocument; createdById: string; at: Date }): Promise<PolicyRow> {
    return tx
      .insertInto('ApprovalPolicy')
      .values({ version: policy.version, document: JSON.stringify(policy.document), createdById: policy.createdById, createdAt: policy.at })
      .returning(['version', 'document', 'createdAt'])
      .executeTakeFirstOrThrow();
  }
}

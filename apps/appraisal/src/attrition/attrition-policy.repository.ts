import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { AttritionPolicyDocument } from './attrition-policy.js';

export interface AttritionPolicyRow {
  id: string;
  version: number;
  document: AttritionPolicyDocument;
  createdAt: Date;
}

@Injectable()
export class AttritionPolicyRepository {
  /** Serializes the versions (the unique version is the last guard). */
  async lock(tx: Tx): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('appraisal-attrition-policy'))`.execute(tx);
  }

  async latest(tx: Tx): Promise<AttritionPolicyRow | null> {
    const row = await tx.selectFrom('AttritionPolicy').select(['id', 'version', 'document', 'createdAt']).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return (row as AttritionPolicyRow | undefined) ?? null;
  }

  async add(tx: Tx, row: { version: number; document: AttritionPolicyDocument; createdById: string; at: Date }): Promise<AttritionPolicyRow> {
    const id = randomUUID();
    await tx.insertInto('AttritionPolicy').values({ id, version: row.version, document: JSON.stringify(row.document), createdById: row.createdById, createdAt: row.at }).execute();
    return { id, version: row.version, document: row.document, createdAt: row.at };
  }
}

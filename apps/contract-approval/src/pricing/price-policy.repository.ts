import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { PricePolicyDocument } from './price-policy.rules.js';

export interface PricePolicyRow {
  version: number;
  document: unknown;
  createdAt: Date;
}

/** The PricePolicy rows: one per version, never changed once written. */
@Injectable()
export class PricePolicyRepository {
  async latest(tx: Tx): Promise<PricePolicyRow | undefined> {
    return tx.selectFrom('PricePolicy').select(['version', 'document', 'createdAt']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  }

  async byVersion(tx: Tx, version: number): Promise<PricePolicyRow | undefined> {
    return tx.selectFrom('PricePolicy').select(['version', 'document', 'createdAt']).where('version', '=', version).executeTakeFirst();
  }

  /** Writes version 1 unless a concurrent writer already did, then reads it back. */
  async ensureFirst(tx: Tx, document: PricePolicyDocument, at: Date): Promise<PricePolicyRow> {
    await tx.insertInto('PricePolicy').values({ version: 1, document: JSON.stringify(document), createdAt: at }).onConflict((oc) => oc.column('version').doNothing()).execute();
    return tx.selectFrom('PricePolicy').select(['version', 'document', 'createdAt']).where('version', '=', 1).executeTakeFirstOrThrow();
  }

  /** A concurrent PUT that took the same version number fails on the key (and its transaction with it). */
  async add(tx: Tx, policy: { version: number; document: PricePolicyDocument; createdById: string; at: Date }): Promise<PricePolicyRow> {
    return tx
      .insertInto('PricePolicy')
      .values({ version: policy.version, document: JSON.stringify(policy.document), createdById: policy.createdById, createdAt: policy.at })
      .returning(['version', 'document', 'createdAt'])
      .executeTakeFirstOrThrow();
  }

  /** The customer's tier as customer follow-up last computed it (read only; null for an unknown customer). */
  async customerTier(tx: Tx, customerId: string): Promise<string | null> {
    const row = await tx.selectFrom('Customer').select('tier').where('id', '=', customerId).executeTakeFirst();
    return row?.tier ?? null;
  }
}

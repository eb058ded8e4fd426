import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { BadRequestError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { PricePolicyRepository, type PricePolicyRow } from './price-policy.repository.js';
import { DEFAULT_PRICE_POLICY, validatePricePolicy, type PricePolicyDocument } from './price-policy.rules.js';

export interface VersionedPricePolicy {
  version: number;
  document: PricePolicyDocument;
  createdAt: string;
}

/** Versioned price and discount policy: a contract keeps the version it was submitted under. */
@Injectable()
export class PricePolicyStore {
  /** A version never changes once written, so its document is read once per process. */
  private readonly documents = new Map<number, PricePolicyDocument>();

  constructor(
    private readonly database: Database,
    private readonly policies: PricePolicyRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** The latest version; the default (no prices, no bands) becomes version 1 on first use. */
  async active(tx: Tx = this.database.db): Promise<VersionedPricePolicy> {
    const row = (await this.policies.latest(tx)) ?? (await this.policies.ensureFirst(tx, DEFAULT_PRICE_POLICY, this.clock.now()));
    return this.view(row);
  }

  /** The document of a version; null for contracts submitted before price policies (no version). */
  async byVersion(version: number | null, tx: Tx = this.database.db): Promise<PricePolicyDocument | null> {
    if (version === null) return null;
    const known = this.documents.get(version);
    if (known) return known;
    const row = await this.policies.byVersion(tx, version);
    if (!row) return null;
    const document = row.document as PricePolicyDocument;
    this.documents.set(version, document);
    return document;
  }

  async replace(caller: Caller, input: unknown, correlationId: string): Promise<VersionedPricePolicy> {
    const validation = validatePricePolicy(input);
    if (!validation.ok) throw new BadRequestError('The price policy is invalid; the active policy was kept.', validation.errors);
    return this.database.transaction(async (tx) => {
      const previous = await this.active(tx);
      const now = this.clock.now();
      const row = await this.policies.add(tx, { version: previous.version + 1, document: validation.policy, createdById: caller.id, at: now });
      await this.audit.record(tx, {
        entityType: 'price-policy', entityId: caller.id, action: 'price-policy.replaced', actorId: caller.id,
        before: { version: previous.version, document: previous.document }, after: { version: row.version, document: validation.policy }, correlationId, at: now,
      });
      return this.view(row);
    });
  }

  customerTier(tx: Tx, customerId: string | null): Promise<string | null> {
    return customerId ? this.policies.customerTier(tx, customerId) : Promise.resolve(null);
  }

  private view(row: PricePolicyRow): VersionedPricePolicy {
    return { version: row.version, document: row.document as PricePolicyDocument, createdAt: row.createdAt.toISOString() };
  }
}

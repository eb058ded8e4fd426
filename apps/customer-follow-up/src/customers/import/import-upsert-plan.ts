import type { CustomerStatus, CustomerTier } from '#generated/prisma';
import { mergeContacts, type Contact } from '../customer-fields.js';
import type { ImportRow } from './customer-import.rules.js';

/** What an import may set on a customer. */
export interface CustomerState {
  code: string;
  name: string;
  ownerId: string;
  tier: CustomerTier;
  status: CustomerStatus;
  industry: string | null;
  region: string | null;
  contacts: Contact[];
}

export interface ExistingCustomer extends CustomerState {
  id: string;
  version: number;
}

export interface AcceptedRow {
  row: ImportRow;
  ownerId: string;
}

export interface PlannedUpsert {
  after: CustomerState;
  before: ExistingCustomer | null;
  /** The version the row must still have when written (0: it must not exist yet). */
  expectedVersion: number;
}

const NEW_CUSTOMER_DEFAULTS = { tier: 'C', status: 'prospect', industry: null, region: null, contacts: [] } as const;

/**
 * Applies accepted rows in file order: a later row for the same code wins field by field, contacts
 * merge by email, fields a row leaves empty keep their value. Only real changes are planned.
 */
export function planUpserts(rows: AcceptedRow[], existing: Map<string, ExistingCustomer>): PlannedUpsert[] {
  const states = new Map<string, CustomerState>();
  for (const { row, ownerId } of rows) {
    const current: CustomerState = states.get(row.code) ?? existing.get(row.code) ?? { code: row.code, name: row.name, ownerId, ...NEW_CUSTOMER_DEFAULTS, contacts: [] };
    states.set(row.code, {
      code: row.code,
      name: row.name,
      ownerId,
      tier: row.tier ?? current.tier,
      status: row.status ?? current.status,
      industry: row.industry ?? current.industry,
      region: row.region ?? current.region,
      contacts: mergeContacts(current.contacts, row.contacts),
    });
  }
  const planned: PlannedUpsert[] = [];
  for (const [code, after] of states) {
    const before = existing.get(code) ?? null;
    if (before && sameState(before, after)) continue;
    planned.push({ after, before, expectedVersion: before?.version ?? 0 });
  }
  // One order for every writer, so two imports touching the same codes cannot deadlock.
  return planned.sort((a, b) => (a.after.code < b.after.code ? -1 : a.after.code > b.after.code ? 1 : 0));
}

function sameState(a: CustomerState, b: CustomerState): boolean {
  return a.name === b.name && a.ownerId === b.ownerId && a.tier === b.tier && a.status === b.status
    && a.industry === b.industry && a.region === b.region && JSON.stringify(a.contacts) === JSON.stringify(b.contacts);
}

/** A new customer, or a new owner, tier or status: the customer's revisit plan must be made right. */
export function changesRevisitPlan(upsert: PlannedUpsert): boolean {
  const { before, after } = upsert;
  return !before || before.ownerId !== after.ownerId || before.tier !== after.tier || before.status !== after.status;
}

/** The fields that differ, for the audit trail. */
export function changedFields(before: CustomerState | null, after: CustomerState): { before: Partial<CustomerState> | null; after: Partial<CustomerState> } {
  if (!before) return { before: null, after };
  const keys = (Object.keys(after) as (keyof CustomerState)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])) as Partial<CustomerState>,
    after: Object.fromEntries(keys.map((key) => [key, after[key]])) as Partial<CustomerState>,
  };
}

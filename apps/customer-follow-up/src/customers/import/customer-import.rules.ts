import type { CustomerStatus, CustomerTier } from '#generated/prisma';
import { findHostileInput } from '#libs/platform';
import type { FieldError } from '#libs/rpc';
import {
  CONTACT_LOCALES, CUSTOMER_STATUSES, CUSTOMER_TIERS, EMAIL_PATTERN, PHONE_PATTERN, mergeContacts, type Contact, type ContactChange, type ContactLocale,
} from '../customer-fields.js';

/** The CSV header (any order; the required ones must be there) and the keys of an NDJSON row. */
export const IMPORT_COLUMNS = [
  'code', 'name', 'ownerEmail', 'tier', 'status', 'industry', 'region', 'contactName', 'contactEmail', 'contactPhone', 'contactLocale',
] as const;
export const REQUIRED_IMPORT_COLUMNS = ['code', 'name', 'ownerEmail'] as const;
/** NDJSON rows may list several contacts instead of the contact* columns. */
const NDJSON_ONLY_KEYS = ['contacts'] as const;

const LIMITS = { code: 64, name: 200, industry: 100, region: 100, contactName: 200, contactEmail: 254 } as const;

/** A staged row that passed validation; absent optional fields keep the customer's current value. */
export interface ImportRow {
  code: string;
  name: string;
  ownerEmail: string;
  tier?: CustomerTier;
  status?: CustomerStatus;
  industry?: string;
  region?: string;
  contacts: ContactChange[];
}

export type ParsedImportRow = { ok: true; row: ImportRow } | { ok: false; reason: string };

export function checkImportColumns(columns: string[]): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set<string>(IMPORT_COLUMNS);
  const seen = new Set<string>();
  for (const column of columns) {
    if (!known.has(column)) errors.push({ field: 'header', message: `unknown column "${column}"; the columns are ${IMPORT_COLUMNS.join(',')}` });
    else if (seen.has(column)) errors.push({ field: 'header', message: `column "${column}" appears twice` });
    seen.add(column);
  }
  for (const required of REQUIRED_IMPORT_COLUMNS) {
    if (!seen.has(required)) errors.push({ field: 'header', message: `the required column "${required}" is missing` });
  }
  return errors;
}

/** Validates one staged row (a JSON object: a CSV record keyed by its header, or an NDJSON line). */
export function parseImportRow(raw: string): ParsedImportRow {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const hostile = findHostileInput(value);
  if (hostile) return { ok: false, reason: `${hostile.field} ${hostile.message}` };
  const fields = value as Record<string, unknown>;
  const problems: string[] = [];
  const allowed = new Set<string>([...IMPORT_COLUMNS, ...NDJSON_ONLY_KEYS]);
  for (const key of Object.keys(fields)) if (!allowed.has(key)) problems.push(`unknown field "${key}"`);

  const text = (field: keyof typeof LIMITS | 'ownerEmail' | 'tier' | 'status' | 'contactPhone' | 'contactLocale'): string | undefined => {
    const given = fields[field];
    if (given === undefined || given === null) return undefined;
    if (typeof given !== 'string' && !(field === 'code' && typeof given === 'number')) {
      problems.push(`${field} must be text`);
      return undefined;
    }
    const trimmed = String(given).trim();
    if (trimmed === '') return undefined;
    if (field !== 'contactPhone') refuseFormula(field, String(given), problems);
    const limit = (LIMITS as Record<string, number>)[field];
    if (limit !== undefined && trimmed.length > limit) problems.push(`${field} is longer than ${limit} characters`);
    return trimmed;
  };
  const oneOf = <T extends string>(field: string, given: string | undefined, choices: readonly T[]): T | undefined => {
    if (given === undefined) return undefined;
    if ((choices as readonly string[]).includes(given)) return given as T;
    problems.push(`${field} must be one of ${choices.join(', ')} (got "${given}")`);
    return undefined;
  };

  const code = text('code');
  const name = text('name');
  const ownerEmail = text('ownerEmail')?.toLowerCase();
  if (code === undefined) problems.push('code is required');
  if (name === undefined) problems.push('name is required');
  if (ownerEmail === undefined) problems.push('ownerEmail is required');
  else if (!EMAIL_PATTERN.test(ownerEmail)) problems.push(`ownerEmail "${ownerEmail}" is not an email address`);
  const tier = oneOf('tier', text('tier'), CUSTOMER_TIERS);
  const status = oneOf('status', text('status'), CUSTOMER_STATUSES);
  const industry = text('industry');
  const region = text('region');
  const contacts = [...flatContact(text, problems), ...listedContacts(fields.contacts, problems)];

  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return { ok: true, row: { code: code!, name: name!, ownerEmail: ownerEmail!, tier, status, industry, region, contacts } };
}

/**
 * OWASP's CSV-injection guidance: a cell a spreadsheet would run as a formula is refused (its row
 * rejected, saying why) rather than stored and later exported into someone's spreadsheet. Refused,
 * not prefixed with a quote, so what is stored is always what was sent. Phone numbers are exempt:
 * their pattern allows digits and ( ) - . + only, which can form no function call.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function refuseFormula(field: string, given: string, problems: string[]): void {
  const start = FORMULA_START.exec(given) ?? FORMULA_START.exec(given.trim());
  if (start) problems.push(`${field} starts with ${JSON.stringify(start[0])}, which a spreadsheet would run as a formula; remove it`);
}

/** A row's contact: the email is the key; a name is needed only for a contact the customer does not have yet (checked when merging). */
function contactChange(contact: { name?: string; email?: string; phone?: string; locale?: string }): ContactChange {
  return {
    email: contact.email!.toLowerCase(),
    ...(contact.name !== undefined ? { name: contact.name } : {}),
    ...(contact.phone !== undefined ? { phone: contact.phone } : {}),
    ...(contact.locale !== undefined ? { locale: contact.locale as ContactLocale } : {}),
  };
}

function flatContact(text: (field: 'contactName' | 'contactEmail' | 'contactPhone' | 'contactLocale') => string | undefined, problems: string[]): ContactChange[] {
  const name = text('contactName');
  const email = text('contactEmail');
  const phone = text('contactPhone');
  const locale = text('contactLocale');
  if (name === undefined && email === undefined) {
    if (phone !== undefined || locale !== undefined) problems.push('contactPhone and contactLocale need a contactEmail');
    return [];
  }
  const before = problems.length;
  checkContact({ name, email, phone, locale }, 'contact', problems);
  return problems.length === before ? [contactChange({ name, email, phone, locale })] : [];
}

function listedContacts(value: unknown, problems: string[]): ContactChange[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push('contacts must be a list');
    return [];
  }
  const contacts: ContactChange[] = [];
  value.forEach((item: unknown, index) => {
    const label = `contacts[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${label} must be an object`);
      return;
    }
    const entry = item as Record<string, unknown>;
    for (const key of Object.keys(entry)) if (!['name', 'email', 'phone', 'locale'].includes(key)) problems.push(`${label} has an unknown field "${key}"`);
    const field = (key: string): string | undefined => {
      const given = entry[key];
      if (given === undefined || given === null) return undefined;
      if (typeof given !== 'string') {
        problems.push(`${label}.${key} must be text`);
        return undefined;
      }
      if (given.trim() !== '' && key !== 'phone') refuseFormula(`${label}.${key}`, given, problems);
      return given.trim() || undefined;
    };
    const contact = { name: field('name'), email: field('email'), phone: field('phone'), locale: field('locale') };
    const before = problems.length;
    checkContact(contact, label, problems);
    if (problems.length === before) contacts.push(contactChange(contact));
  });
  return contacts;
}

function checkContact(contact: { name?: string; email?: string; phone?: string; locale?: string }, label: string, problems: string[]): void {
  if (contact.name !== undefined && contact.name.length > LIMITS.contactName) problems.push(`${label} name is longer than ${LIMITS.contactName} characters`);
  if (contact.email === undefined) problems.push(`${label} email is required`);
  else if (contact.email.length > LIMITS.contactEmail || !EMAIL_PATTERN.test(contact.email)) problems.push(`${label} email "${contact.email}" is not an email address`);
  if (contact.phone !== undefined && !PHONE_PATTERN.test(contact.phone)) problems.push(`${label} phone "${contact.phone}" is not a phone number`);
  if (contact.locale !== undefined && !(CONTACT_LOCALES as readonly string[]).includes(contact.locale)) {
    problems.push(`${label} locale must be one of ${CONTACT_LOCALES.join(', ')} (got "${contact.locale}")`);
  }
}

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

/**
 * Rows (in file order) whose contact without a name is not a contact of their customer yet, as
 * the customer stands with the rows before them applied: such a row would create a nameless
 * contact, so it is refused; the others are kept.
 */
export function refuseNewNamelessContacts<R extends AcceptedRow>(rows: R[], existing: Map<string, ExistingCustomer>): { kept: R[]; refused: { row: R; reason: string }[] } {
  const known = new Map<string, Set<string>>();
  const kept: R[] = [];
  const refused: { row: R; reason: string }[] = [];
  for (const accepted of rows) {
    const { code, contacts } = accepted.row;
    const emails = known.get(code) ?? new Set((existing.get(code)?.contacts ?? []).map((c) => c.email));
    known.set(code, emails);
    const unknown = contacts.filter((c) => c.name === undefined && !emails.has(c.email));
    if (unknown.length > 0) {
      refused.push({ row: accepted, reason: unknown.map((c) => `contact ${c.email} is not a contact of ${code} yet, so its name is required`).join('; ') });
      continue;
    }
    for (const contact of contacts) emails.add(contact.email);
    kept.push(accepted);
  }
  return { kept, refused };
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

/** Postgres error classes that come back on every retry of the same rows: data exceptions and integrity violations. */
const REFUSED_DATA_CLASSES = ['22', '23'];
/** A unique violation is a race with another writer: the retry sees the winner's row. */
const UNIQUE_VIOLATION = '23505';

interface DriverError {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } };
}

/**
 * The SQLSTATE and message when Postgres refused the data itself (a value out of range, a check
 * constraint): retrying the batch cannot help. Null for anything else (connection, deadlock, race).
 */
export function refusedData(error: unknown): { sqlState: string; message: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, meta } = error as DriverError;
  const cause = meta?.driverAdapterError?.cause;
  const sqlState = typeof cause?.originalCode === 'string' ? cause.originalCode : typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
  if (!sqlState || sqlState === UNIQUE_VIOLATION || !REFUSED_DATA_CLASSES.includes(sqlState.slice(0, 2))) return null;
  const text = typeof cause?.originalMessage === 'string' ? cause.originalMessage : typeof message === 'string' ? message : 'no message';
  return { sqlState, message: text };
}

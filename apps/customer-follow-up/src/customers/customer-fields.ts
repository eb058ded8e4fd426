import type { CustomerStatus, CustomerTier } from '#generated/prisma';

export const CUSTOMER_TIERS = ['A', 'B', 'C'] as const satisfies readonly CustomerTier[];
export const CUSTOMER_STATUSES = ['prospect', 'active', 'dormant', 'lost'] as const satisfies readonly CustomerStatus[];
export const CONTACT_LOCALES = ['zh-CN', 'en'] as const;
export type ContactLocale = (typeof CONTACT_LOCALES)[number];

/** A customer contact as stored in Customer.contacts (emails lower-cased, so they compare as people do). */
export interface Contact {
  name: string;
  email: string;
  phone: string | null;
  locale: ContactLocale;
}

export const DEFAULT_CONTACT_LOCALE: ContactLocale = 'zh-CN';

/** Loose on purpose: the address is used to send email, not to prove it exists. */
export const EMAIL_PATTERN = /^[^\s@",;<>]+@[^\s@",;<>]+\.[^\s@",;<>]+$/;

export const PHONE_PATTERN = /^\+?[0-9()\-.\s]{3,40}$/;

export function normalizeContact(input: { name: string; email: string; phone?: string | null; locale?: string | null }): Contact {
  return {
    name: input.name.trim(),
    email: input.email.trim().toLowerCase(),
    phone: input.phone?.trim() || null,
    locale: (input.locale as ContactLocale | undefined) ?? DEFAULT_CONTACT_LOCALE,
  };
}

/** What an import row says about a contact: its email (the key), and whichever other fields the row filled. */
export interface ContactChange {
  email: string;
  name?: string;
  phone?: string;
  locale?: ContactLocale;
}

/**
 * Contacts are keyed by email: a change to a known email sets the fields it gives and keeps the
 * rest (an empty name cell keeps the name); an unknown email with a name is appended. An unknown
 * email without a name is not a contact yet: callers refuse such rows before merging.
 */
export function mergeContacts(existing: Contact[], incoming: ContactChange[]): Contact[] {
  const merged = [...existing];
  for (const change of incoming) {
    const at = merged.findIndex((c) => c.email === change.email);
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as ContactChange;
    if (at >= 0) merged[at] = { ...merged[at], ...given };
    else if (change.name !== undefined) merged.push(normalizeContact({ ...change, name: change.name }));
  }
  return merged;
}

export function contactsOf(json: unknown): Contact[] {
  return Array.isArray(json) ? (json as Contact[]) : [];
}

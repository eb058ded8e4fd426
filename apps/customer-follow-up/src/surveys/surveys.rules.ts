import { contactsOf, type Contact } from '../customers/customer-fields.js';

const DAY_MS = 24 * 3600_000;

/** risk: a countermeasure of a customer-demand risk alert (issue 13), sent at once. */
export type SurveyReason = 'complaint' | 'contract' | 'risk';

/** A survey goes to the customer's primary contact: the first one with an email address. */
export function primaryContact(contacts: unknown): Contact | null {
  return contactsOf(contacts).find((c) => typeof c.email === 'string' && c.email.trim() !== '') ?? null;
}

/** Surveys created after this instant count against the per-contact cap. */
export function capWindowStart(now: Date, capDays: number): Date {
  return new Date(now.getTime() - capDays * DAY_MS);
}

export function linkExpiry(now: Date, ttlDays: number): Date {
  return new Date(now.getTime() + ttlDays * DAY_MS);
}

export function isLowScore(score: number, threshold: number): boolean {
  return score <= threshold;
}

/** Addresses compare as people do: case and surrounding spaces do not make another contact. */
export function contactKey(email: string): string {
  return email.trim().toLowerCase();
}

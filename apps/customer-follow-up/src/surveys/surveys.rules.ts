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

/** A survey that would go to a contact: what it answers to and whom. */
export interface SurveyCandidate {
  sourceId: string;
  contactEmail: string;
}

export type SurveyDecision =
  | { kind: 'send'; surveyId: string }
  | { kind: 'already-sent' }
  | { kind: 'capped'; lastSurveyId: string; lastSurveyAt: Date };

/**
 * For candidates taken in order: a source that has its survey gets none (a source asked twice,
 * once), a contact surveyed after `since` (before, or earlier in the list) is capped by that
 * survey, everyone else gets a new one. `lastByContact` is each contact's latest survey.
 */
export function decideSurveys<C extends SurveyCandidate>(
  candidates: readonly C[],
  surveyedSources: ReadonlySet<string>,
  lastByContact: ReadonlyMap<string, { id: string; createdAt: Date }>,
  since: Date,
  now: Date,
  newId: () => string,
): { candidate: C; decision: SurveyDecision }[] {
  const last = new Map(lastByContact);
  const decided = new Set<string>();
  const result: { candidate: C; decision: SurveyDecision }[] = [];
  for (const candidate of candidates) {
    if (decided.has(candidate.sourceId)) continue;
    decided.add(candidate.sourceId);
    const previous = last.get(candidate.contactEmail);
    if (surveyedSources.has(candidate.sourceId)) {
      result.push({ candidate, decision: { kind: 'already-sent' } });
    } else if (previous && previous.createdAt > since) {
      result.push({ candidate, decision: { kind: 'capped', lastSurveyId: previous.id, lastSurveyAt: previous.createdAt } });
    } else {
      const surveyId = newId();
      last.set(candidate.contactEmail, { id: surveyId, createdAt: now });
      result.push({ candidate, decision: { kind: 'send', surveyId } });
    }
  }
  return result;
}

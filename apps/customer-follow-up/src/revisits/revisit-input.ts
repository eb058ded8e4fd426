import { BadRequestError, type FieldError } from '#libs/rpc';

import { lostReasonProblems, VISIT_OUTCOMES, type LostReason, type VisitOutcome } from '#libs/contracts';

export { DUE_FILTERS, VISIT_OUTCOMES, type DueFilter, type VisitOutcome } from '#libs/contracts';

export interface CompleteVisitInput {
  outcome: VisitOutcome;
  notes: string;
  satisfaction?: number;
  nextVisitAt?: string;
  lostReason?: LostReason;
  competitorId?: string;
}

export interface CompletedVisit {
  outcome: VisitOutcome;
  notes: string;
  satisfaction: number | null;
  nextVisitAt: Date | null;
  /** Set with outcome lost only. */
  lostReason: LostReason | null;
  competitorId: string | null;
}

/**
 * The gateway validates the shape; the rules that need the clock or span fields are checked
 * here, so a request from any edge gets the same 400 with field messages.
 */
export function parseCompletion(input: CompleteVisitInput, now: Date): CompletedVisit {
  const errors: FieldError[] = [];
  if (!VISIT_OUTCOMES.includes(input.outcome)) errors.push({ field: 'outcome', message: `outcome must be one of ${VISIT_OUTCOMES.join(', ')}` });
  if (typeof input.notes !== 'string') errors.push({ field: 'notes', message: 'notes must be a string' });
  const satisfaction = input.satisfaction ?? null;
  if (satisfaction !== null && !(Number.isInteger(satisfaction) && satisfaction >= 1 && satisfaction <= 5)) {
    errors.push({ field: 'satisfaction', message: 'satisfaction must be a whole number from 1 to 5' });
  }
  let nextVisitAt: Date | null = null;
  if (input.nextVisitAt !== undefined) {
    nextVisitAt = new Date(input.nextVisitAt);
    if (Number.isNaN(nextVisitAt.getTime())) errors.push({ field: 'nextVisitAt', message: 'nextVisitAt must be an ISO-8601 instant' });
    else if (nextVisitAt.getTime() <= now.getTime()) errors.push({ field: 'nextVisitAt', message: 'nextVisitAt must be in the future' });
    else if (input.outcome === 'lost') errors.push({ field: 'nextVisitAt', message: 'a lost customer gets no next visit; leave nextVisitAt out' });
  }
  if (input.outcome === 'lost') errors.push(...lostReasonProblems(input.lostReason, input.competitorId, 'lostReason'));
  else if (input.lostReason !== undefined || input.competitorId !== undefined) {
    errors.push({ field: 'lostReason', message: 'lostReason and competitorId are only for the outcome lost' });
  }
  if (errors.length > 0) throw new BadRequestError('The visit could not be recorded; nothing was changed.', errors);
  const lost = input.outcome === 'lost';
  return { outcome: input.outcome, notes: input.notes, satisfaction, nextVisitAt, lostReason: lost ? input.lostReason! : null, competitorId: lost ? (input.competitorId ?? null) : null };
}

// Promotion nomination rules, pure: when a streak completes, who decides, who sees.
import type { FieldError } from '#libs/rpc';
import { parsePeriod } from '../periods/period.js';
import type { PromotionPolicy } from '../templates/templates.rules.js';

export interface SignedOffAppraisal {
  appraisalId: string;
  cycleId: string;
  period: string;
  score: number;
  band: string;
}

/** Cycle period order: by first day, a year before its first quarter, a quarter before its first month. */
export function byPeriod(a: SignedOffAppraisal, b: SignedOffAppraisal): number {
  const [pa, pb] = [parsePeriod(a.period), parsePeriod(b.period)];
  if (!pa || !pb) return a.period.localeCompare(b.period);
  if (pa.firstDay !== pb.firstDay) return pa.firstDay < pb.firstDay ? -1 : 1;
  return pa.endDay === pb.endDay ? 0 : pa.endDay > pb.endDay ? -1 : 1;
}

/**
 * The streak `current` completes, oldest first, or null. The person's signed-off appraisals up to
 * `current` (by period) are read from the latest back while they are rated `policy.band`; a run
 * of N, 2N, 3N... completes a streak, so a person nominated (and perhaps declined) is nominated
 * again only after N more in a row, never at every appraisal of a long run.
 */
export function completedStreak(history: readonly SignedOffAppraisal[], current: SignedOffAppraisal, policy: PromotionPolicy): SignedOffAppraisal[] | null {
  if (current.band !== policy.band) return null;
  const upToCurrent = [...history.filter((a) => a.appraisalId !== current.appraisalId && byPeriod(a, current) <= 0), current].sort(byPeriod);
  let run = 0;
  for (let i = upToCurrent.length - 1; i >= 0 && upToCurrent[i].band === policy.band; i--) run++;
  return run % policy.streak === 0 ? upToCurrent.slice(-policy.streak) : null;
}

/** The reviewer of record or anyone above the person decides; never the person. */
export function mayDecide(callerId: string, nomination: { employeeId: string; managerId: string | null }, callerIsAbove: boolean): boolean {
  if (callerId === nomination.employeeId) return false;
  return callerId === nomination.managerId || callerIsAbove;
}

const SEE_ALL: ReadonlySet<string> = new Set(['HR', 'ADMIN']);

/** HR and ADMIN see every nomination; a manager those of their reporting line; never the person or their peers. */
export function maySee(caller: { id: string; role: string }, nomination: { employeeId: string; managerId: string | null }, callerIsAbove: boolean): boolean {
  return SEE_ALL.has(caller.role) || mayDecide(caller.id, nomination, callerIsAbove);
}

export function seesAll(caller: { role: string }): boolean {
  return SEE_ALL.has(caller.role);
}

export const MAX_REASON = 2000;

/** What is wrong with a decision's body; [] when it can be applied. */
export function decisionProblems(decision: unknown, reason: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (decision !== 'confirm' && decision !== 'decline') errors.push({ field: 'decision', message: 'must be confirm or decline' });
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length === 0 || text.length > MAX_REASON) errors.push({ field: 'reason', message: `must be 1 to ${MAX_REASON} characters` });
  return errors;
}

export function nominationEmailKey(nominationId: string, status: string, recipientId: string): string {
  return `promotion-nomination:${nominationId}:${status}:${recipientId}`;
}

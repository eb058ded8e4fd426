import type { Role } from '#generated/prisma';
import { elapsedShare, type Period } from '../periods/period.js';

/**
 * Sales targets and progress (issue 11 item 2). Amounts are decimals in BASE_CURRENCY; the rules
 * work in cents (integers) so a total of many people adds up exactly.
 */

/** A target's progress at an instant: the actual so far against a linear pace. */
export interface Progress {
  /** Target, actual and expected-by-now, in cents. */
  targetCents: number;
  actualCents: number;
  expectedCents: number;
  /** actual / target in %, two decimals; null for a zero target. */
  attainmentPct: number | null;
  /** How far into the period, in % (the person's zone). */
  elapsedPct: number;
  /** The actual is below the expected-by-now (never for a zero target, nor before the period starts). */
  behindPace: boolean;
}

/**
 * The linear pace: by `share` (0..1) of the period, `share` of the target is expected. Someone is
 * behind pace when their actual is strictly below that; meeting it exactly is on pace.
 */
export function progressOf(targetCents: number, actualCents: number, share: number): Progress {
  const expectedCents = Math.round(targetCents * share);
  return {
    targetCents,
    actualCents,
    expectedCents,
    attainmentPct: targetCents > 0 ? round2((actualCents * 100) / targetCents) : null,
    elapsedPct: round2(share * 100),
    behindPace: targetCents > 0 && actualCents < expectedCents,
  };
}

/** A person's progress in a period, the pace read in their zone at `now`. */
export function progressIn(period: Period, zone: string, now: Date, targetCents: number, actualCents: number): Progress {
  return progressOf(targetCents, actualCents, elapsedShare(period, zone, now));
}

/** A team's total: the sums, its attainment and whether the team as a whole is behind pace. */
export function teamTotal(rows: readonly Progress[]): Omit<Progress, 'elapsedPct'> & { people: number; behindCount: number } {
  const targetCents = sum(rows.map((row) => row.targetCents));
  const actualCents = sum(rows.map((row) => row.actualCents));
  const expectedCents = sum(rows.map((row) => row.expectedCents));
  return {
    people: rows.length,
    targetCents,
    actualCents,
    expectedCents,
    attainmentPct: targetCents > 0 ? round2((actualCents * 100) / targetCents) : null,
    behindPace: targetCents > 0 && actualCents < expectedCents,
    behindCount: rows.filter((row) => row.behindPace).length,
  };
}

/** "12345.6" (a decimal column as text) -> 1234560 cents. */
export function toCents(amount: string | number): number {
  return Math.round(Number(amount) * 100);
}

/** 1234560 -> 12345.6 (JSON answers carry numbers in BASE_CURRENCY). */
export function fromCents(cents: number): number {
  return cents / 100;
}

/** 1234560 -> "12345.60" (emails format decimal strings). */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Who may set a target for whom (PUT /targets/:period):
 * - ADMIN: anyone.
 * - SALES_MANAGER: the people below them in their reporting line.
 * - SALES_DIRECTOR: the people below them, their managers and (through them) the whole line: a
 *   director covers a team whose manager is absent or not yet hired.
 * - Nobody else sets targets, and nobody but ADMIN sets their own.
 * `below` is the caller's reporting line without the caller.
 */
export function maySetTarget(role: Role | string, callerId: string, below: ReadonlySet<string>, employeeId: string): boolean {
  if (role === 'ADMIN') return true;
  if (role !== 'SALES_MANAGER' && role !== 'SALES_DIRECTOR') return false;
  return employeeId !== callerId && below.has(employeeId);
}

/** Roles that may set targets at all (the gateway's @Roles list says the same). */
export const TARGET_SETTERS: readonly Role[] = ['SALES_MANAGER', 'SALES_DIRECTOR', 'ADMIN'];

/** ADMIN reads every target (SPEC: ADMIN reads everything); anyone else their own and their reporting line's. */
export function readsAllTargets(role: Role | string): boolean {
  return role === 'ADMIN';
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

import { DateTime } from 'luxon';

/**
 * An appraisal or commission period: a year (`2026`), a quarter (`2026-Q4`) or a month
 * (`2026-12`). Its bounds are local dates; where it starts and ends in time is the person's zone,
 * so a contract approved at 23:30 on 31 December in Shanghai counts in December there.
 */
export interface Period {
  text: string;
  kind: 'year' | 'quarter' | 'month';
  /** First local date, YYYY-MM-DD. */
  firstDay: string;
  /** The local date after the last, YYYY-MM-DD (exclusive). */
  endDay: string;
}

const FORMS: { kind: Period['kind']; pattern: RegExp; months: (m: RegExpMatchArray) => [number, number] | null }[] = [
  { kind: 'year', pattern: /^(\d{4})$/, months: () => [1, 12] },
  { kind: 'quarter', pattern: /^(\d{4})-Q([1-4])$/, months: (m) => [Number(m[2]) * 3 - 2, 3] },
  { kind: 'month', pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, months: (m) => [Number(m[2]), 1] },
];

/** The period `text` names, or null when it is not one of the three forms (the caller answers 400). */
export function parsePeriod(text: string): Period | null {
  for (const form of FORMS) {
    const match = form.pattern.exec(text);
    if (!match) continue;
    const year = Number(match[1]);
    if (year < 2000 || year > 2999) return null;
    const [firstMonth, length] = form.months(match)!;
    const first = DateTime.utc(year, firstMonth, 1);
    return { text, kind: form.kind, firstDay: first.toISODate()!, endDay: first.plus({ months: length }).toISODate()! };
  }
  return null;
}

/** The message a 400 gives for a period in the wrong form. */
export const PERIOD_FORMS = 'a year (2026), a quarter (2026-Q4) or a month (2026-12)';

/** The instants the period covers in `zone`: [start, end). */
export function periodBounds(period: Period, zone: string): { start: Date; end: Date } {
  return {
    start: DateTime.fromISO(period.firstDay, { zone }).toJSDate(),
    end: DateTime.fromISO(period.endDay, { zone }).toJSDate(),
  };
}

/**
 * How far into the period `now` is in `zone`, from 0 (not started) to 1 (over): the linear pace
 * a target's attainment is compared with.
 */
export function elapsedShare(period: Period, zone: string, now: Date): number {
  const { start, end } = periodBounds(period, zone);
  const share = (now.getTime() - start.getTime()) / (end.getTime() - start.getTime());
  return Math.min(1, Math.max(0, share));
}

/** Whether `inner` lies within `outer` (a quarter in its year, a month in its quarter). */
export function contains(outer: Period, inner: Period): boolean {
  return inner.firstDay >= outer.firstDay && inner.endDay <= outer.endDay;
}

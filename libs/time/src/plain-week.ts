import { isoWeekday, type LocalDay, MS_PER_DAY } from './wall-clock.js';
import type { CompiledCalendar } from './working-intervals.js';
import { steadyOffsetBetween } from './zone-offsets.js';

/**
 * Seven consecutive local days whose open hours are the calendar's regular ones: no holiday or
 * make-up day among them and one UTC offset throughout, so each worked day is open exactly
 * end - start and the week can be counted without asking luxon about each day.
 */
export interface PlainWeek {
  workingDays: number;
  workingMs: number;
  /** Days before the first worked one, and after the last one (all seven when none is worked). */
  leadingIdleDays: number;
  trailingIdleDays: number;
}

export type WeekCheck = { week: PlainWeek } | { week: null; nextCandidate: LocalDay };

/**
 * Whether the seven days from `day` form a plain week. The offset must hold from two days before
 * them to two days after, which covers every instant their open hours are computed from (see
 * zone-offsets.ts for how a change is found). When the week is not plain, `nextCandidate` is the
 * first day a plain week could start.
 */
export function plainWeekFrom(calendar: CompiledCalendar, day: LocalDay): WeekCheck {
  const irregular = firstAtOrAfter(calendar.irregularDays, day);
  if (irregular !== undefined && irregular < day + 7) return { week: null, nextCandidate: irregular + 1 };
  if (steadyOffsetBetween(calendar.zone, (day - 2) * MS_PER_DAY, (day + 9) * MS_PER_DAY) === null) return { week: null, nextCandidate: day + 7 };
  const worked = [0, 1, 2, 3, 4, 5, 6].filter((i) => calendar.days.has(isoWeekday(day + i)));
  if (worked.length === 0) return { week: { workingDays: 0, workingMs: 0, leadingIdleDays: 7, trailingIdleDays: 7 } };
  return {
    week: {
      workingDays: worked.length,
      workingMs: worked.length * (calendar.closeMs - calendar.openMs),
      leadingIdleDays: worked[0],
      trailingIdleDays: 6 - worked[worked.length - 1],
    },
  };
}

/** The first entry of an ascending list at or after `day`, by binary search. */
function firstAtOrAfter(sorted: readonly LocalDay[], day: LocalDay): LocalDay | undefined {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < day) low = middle + 1;
    else high = middle;
  }
  return sorted[low];
}

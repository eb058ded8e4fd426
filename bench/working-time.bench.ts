/*
 * bench:working-time: the cost of one deadline computation for long policy durations, before
 * (the day-by-day loops, kept as the test reference) and after (whole weeks at a time). Each
 * computation compiles its calendar afresh, as a submission reading the calendar from the
 * database does. Prints the median time per computation and checks both give the same instant.
 */
import { performance } from 'node:perf_hooks';
import { addWorkingTime, compileCalendar, parseIsoDuration, STANDARD_CALENDAR, type WorkCalendarSpec } from '#libs/time';
import { referenceAddDays, referenceAddMs } from '../libs/time/src/working-time.reference.js';
import { fmt, median, pad } from './stats.js';

/** The day-by-day arithmetic as addWorkingTime did it before: working days first, then working time. */
function before(start: Date, duration: string, calendar: WorkCalendarSpec, zone: string): Date {
  const { days, workingMs } = parseIsoDuration(duration);
  const compiled = compileCalendar(calendar, zone);
  let at = start.getTime();
  if (days > 0) at = referenceAddDays(compiled, at, days);
  if (workingMs > 0) at = referenceAddMs(compiled, at, workingMs);
  return new Date(at);
}

// Mainland China's 2026 public holidays and the weekend days worked around them.
const CN_2026: WorkCalendarSpec = {
  ...STANDARD_CALENDAR,
  name: 'cn-2026',
  holidays: ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23', '2026-04-06',
    '2026-05-01', '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};
const MONDAY_HOUR: WorkCalendarSpec = { ...STANDARD_CALENDAR, name: 'monday-hour', days: [1], start: '09:00', end: '10:00' };
const ALWAYS: WorkCalendarSpec = { ...STANDARD_CALENDAR, name: '24x7', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };

const CASES: { label: string; duration: string; calendar: WorkCalendarSpec; zone: string; runsBefore: number }[] = [
  { label: 'P90D SLA, Mon-Fri 09-18 with CN holidays, Shanghai', duration: 'P90D', calendar: CN_2026, zone: 'Asia/Shanghai', runsBefore: 200 },
  { label: 'PT2160H SLA (P90D in hours), Mon-Fri 09-18, Shanghai', duration: 'PT2160H', calendar: STANDARD_CALENDAR, zone: 'Asia/Shanghai', runsBefore: 100 },
  { label: 'P90D SLA, 24x7, New York (DST)', duration: 'P90D', calendar: ALWAYS, zone: 'America/New_York', runsBefore: 200 },
  { label: 'PT2160H SLA, one hour on Mondays, New York (41 years)', duration: 'PT2160H', calendar: MONDAY_HOUR, zone: 'America/New_York', runsBefore: 3 },
  { label: 'P36500D (refused by policies since; issue 12)', duration: 'P36500D', calendar: STANDARD_CALENDAR, zone: 'Asia/Shanghai', runsBefore: 3 },
];

const START = new Date('2026-03-02T03:00:00Z');

/** Median milliseconds per computation over `runs`, each on a fresh calendar object (compiled afresh). */
function timePerComputation(compute: typeof addWorkingTime, kase: (typeof CASES)[number], runs: number): { ms: number; result: Date } {
  const samples: number[] = [];
  let result = new Date(NaN);
  for (let run = 0; run < runs; run++) {
    const calendar = { ...kase.calendar };
    const startedAt = performance.now();
    result = compute(START, kase.duration, calendar, kase.zone);
    samples.push(performance.now() - startedAt);
  }
  return { ms: median(samples), result };
}

console.log(`${pad('case', 58)} ${pad('before ms', 11)} ${pad('after ms', 10)} ${pad('speed-up', 9)} deadline`);
for (const kase of CASES) {
  // Warm both paths (JIT, luxon's zone caches) before measuring.
  timePerComputation(before, kase, 1);
  timePerComputation(addWorkingTime, kase, 3);
  const old = timePerComputation(before, kase, kase.runsBefore);
  const now = timePerComputation(addWorkingTime, kase, Math.max(kase.runsBefore, 200));
  if (old.result.getTime() !== now.result.getTime()) {
    throw new Error(`${kase.label}: before gave ${old.result.toISOString()}, after ${now.result.toISOString()}`);
  }
  console.log(
    `${pad(kase.label, 58)} ${pad(fmt(old.ms, 3), 11)} ${pad(fmt(now.ms, 3), 10)} ${pad(`${fmt(old.ms / now.ms, 0)}x`, 9)} ${now.result.toISOString()}`,
  );
}

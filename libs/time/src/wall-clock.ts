import { DateTime, IANAZone } from 'luxon';

/** A local calendar date, as a count of days since 1970-01-01 (zone-free). */
export type LocalDay = number;

export const MS_PER_DAY = 86_400_000;
export const MS_PER_MINUTE = 60_000;
export const MINUTES_PER_DAY = 1440;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since local midnight for "HH:mm"; "24:00" only when `allowEndOfDay`. Null when malformed. */
export function parseWallClockTime(text: string, options: { allowEndOfDay?: boolean } = {}): number | null {
  if (options.allowEndOfDay === true && text === '24:00') return MINUTES_PER_DAY;
  const match = HH_MM.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** The local day for "YYYY-MM-DD", or null when it is not a real date. */
export function parseLocalDate(text: string): LocalDay | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March and maps years below 100 to 19xx: round-tripping catches both.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  return ms / MS_PER_DAY;
}

/** ISO weekday, 1 = Monday .. 7 = Sunday. */
export function isoWeekday(day: LocalDay): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Zones found valid: luxon builds an Intl.DateTimeFormat to check one, which is costly on every deadline. */
const knownZones = new Set<string>();

export function isKnownZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  const valid = IANAZone.isValidZone(zone);
  if (valid) knownZones.add(zone);
  return valid;
}

/** The local date of an instant in `zone`, and how far into that date its wall clock is. */
export function toLocal(instant: number, zone: string): { day: LocalDay; msOfDay: number } {
  const local = DateTime.fromMillis(instant, { zone });
  const day = Date.UTC(local.year, local.month - 1, local.day) / MS_PER_DAY;
  const msOfDay = ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
  return { day, msOfDay };
}

/** Every instant whose wall clock in `zone` reads `msOfDay` on `day`, earliest first: two in a fall-back overlap, none in a spring-forward gap. */
export function wallTimeOccurrences(day: LocalDay, msOfDay: number, zone: string): number[] {
  const tz = IANAZone.create(zone);
  const asUtc = day * MS_PER_DAY + msOfDay;
  const [before, after] = [tz.offset(asUtc - MS_PER_DAY), tz.offset(asUtc + MS_PER_DAY)];
  if (before === after) {
    // The common case, no change of offset nearby: one reading, checked once.
    const instant = asUtc - before * MS_PER_MINUTE;
    if (tz.offset(instant) === before) return [instant];
  }
  const offsets = new Set([before, tz.offset(asUtc), after]);
  return [...offsets]
    .map((offset) => asUtc - offset * MS_PER_MINUTE)
    .filter((instant) => tz.offset(instant) * MS_PER_MINUTE === asUtc - instant)
    .sort((a, b) => a - b);
}

/**
 * The first instant at which the wall clock in `zone` shows `msOfDay` on `day` or a later time of
 * that day: the first occurrence of that wall time, or, when a spring-forward gap skips it, the
 * moment the clock jumps over the gap. Unlike luxon's shift-forward this keeps later wall times at
 * later instants, so open hours hold exactly the instants whose clock reads inside them.
 */
export function firstInstantShowing(day: LocalDay, msOfDay: number, zone: string): number {
  const [first] = wallTimeOccurrences(day, msOfDay, zone);
  if (first !== undefined) return first;
  const tz = IANAZone.create(zone);
  const asUtc = day * MS_PER_DAY + msOfDay;
  const offsets = [tz.offset(asUtc - MS_PER_DAY), tz.offset(asUtc + MS_PER_DAY)];
  // Read with the later (larger) offset the wall time falls before the jump, with the earlier one after it.
  let before = asUtc - Math.max(...offsets) * MS_PER_MINUTE;
  let after = asUtc - Math.min(...offsets) * MS_PER_MINUTE;
  const offsetBefore = tz.offset(before);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (tz.offset(middle) === offsetBefore) before = middle;
    else after = middle;
  }
  return after;
}

/** How luxon resolves a wall time that a spring-forward gap skips: moved forward by the gap (02:30 becomes 03:30). */
export function luxonWallTimeInstant(day: LocalDay, msOfDay: number, zone: string): number {
  return DateTime.fromMillis(day * MS_PER_DAY + msOfDay, { zone: 'utc' }).setZone(zone, { keepLocalTime: true }).toMillis();
}

/** "YYYY-MM-DD" of the instant in `zone`: the local date a digest or a daily timer is keyed by. */
export function localDateOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

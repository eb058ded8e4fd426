import { DateTime } from 'luxon';

/** A window of local days in a zone, both ends included, as the UTC instants that bound it. */
export interface ReportWindow {
  from: string;
  to: string;
  zone: string;
  /** The first instant of `from` in the zone. */
  start: Date;
  /** The first instant after `to` in the zone. */
  end: Date;
}

export type ReportWindowResult = { ok: true; window: ReportWindow } | { ok: false; errors: { field: string; message: string }[] };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A report reads at most this many days at once: the figures are set-based, but a page of charts is not a data export. */
export const MAX_REPORT_DAYS = 3 * 366;

/** `from`/`to` (YYYY-MM-DD, local days in `zone`, both included); by default the twelve months up to `today`. */
export function reportWindow(input: { from?: string; to?: string }, zone: string, now: Date): ReportWindowResult {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const errors: { field: string; message: string }[] = [];
  const day = (field: 'from' | 'to', text: string | undefined, fallback: DateTime): DateTime | null => {
    if (text === undefined) return fallback;
    const parsed = DAY.test(text) ? DateTime.fromISO(text, { zone }) : null;
    if (!parsed?.isValid) {
      errors.push({ field, message: 'must be a date YYYY-MM-DD' });
      return null;
    }
    return parsed.startOf('day');
  };
  const to = day('to', input.to, today);
  const from = day('from', input.from, (to ?? today).minus({ months: 12 }).plus({ days: 1 }));
  if (from && to && from > to) errors.push({ field: 'from', message: 'must not be after to' });
  if (from && to && to.diff(from, 'days').days > MAX_REPORT_DAYS) errors.push({ field: 'from', message: `the window may span at most ${MAX_REPORT_DAYS} days` });
  if (errors.length > 0 || !from || !to) return { ok: false, errors };
  return { ok: true, window: { from: from.toISODate()!, to: to.toISODate()!, zone, start: from.toJSDate(), end: to.plus({ days: 1 }).toJSDate() } };
}

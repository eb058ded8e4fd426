import { DateTime } from 'luxon';

const FALLBACK_ZONE = 'UTC';

/** A UTC instant as toISOString writes it: the form every snapshot carries. */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

// One formatter per zone, kept: building one (and luxon's per-call offset lookup) cost more than
// the rest of rendering a digest. Null marks a zone Intl does not know.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    try {
      formatters.set(zone, new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
    } catch {
      formatters.set(zone, null);
    }
  }
  return formatters.get(zone)!;
}

/** What format() gives for the options above, "MM/DD/YYYY, HH:mm"; anything else goes through formatToParts. */
const EN_US_WALL_TIME = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}:\d{2})$/;

// format() and one match: a third of formatToParts' time, which was the hottest function of
// rendering a risk digest (ten instants per email).
function wallTime(at: Date, formatter: Intl.DateTimeFormat): string {
  const short = EN_US_WALL_TIME.exec(formatter.format(at));
  if (short) return `${short[3]}-${short[1]}-${short[2]} ${short[4]}`;
  const part: Record<string, string> = {};
  for (const { type, value } of formatter.formatToParts(at)) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

/**
 * "2026-12-01T09:00:00Z", "Asia/Shanghai" -> "2026-12-01 17:00 (Asia/Shanghai)".
 * The zone is printed because recipients forward emails across offices.
 * A bad zone falls back to UTC (and says so) rather than losing the email.
 */
export function formatInstant(iso: string, timezone: string): string {
  // Input without an offset is UTC by the API convention, not the server's local time.
  const at = UTC_ISO.test(iso) ? new Date(iso) : DateTime.fromISO(iso, { zone: 'utc' }).toJSDate();
  if (Number.isNaN(at.getTime())) return iso;
  const formatter = formatterFor(timezone);
  if (!formatter) return `${wallTime(at, formatterFor(FALLBACK_ZONE)!)} (${FALLBACK_ZONE})`;
  return `${wallTime(at, formatter)} (${timezone})`;
}

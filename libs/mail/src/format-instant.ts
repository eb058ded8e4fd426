import { DateTime } from 'luxon';

const FALLBACK_ZONE = 'UTC';

/**
 * "2026-12-01T09:00:00Z", "Asia/Shanghai" -> "2026-12-01 17:00 (Asia/Shanghai)".
 * The zone is printed because recipients forward emails across offices.
 * A bad zone falls back to UTC (and says so) rather than losing the email.
 */
export function formatInstant(iso: string, timezone: string): string {
  // Input without an offset is UTC by the API convention, not the server's local time.
  const instant = DateTime.fromISO(iso, { zone: 'utc' });
  if (!instant.isValid) return iso;
  let zoned = instant.setZone(timezone);
  let zoneLabel = timezone;
  if (!zoned.isValid) {
    zoned = instant.setZone(FALLBACK_ZONE);
    zoneLabel = FALLBACK_ZONE;
  }
  return `${zoned.toFormat('yyyy-MM-dd HH:mm')} (${zoneLabel})`;
}

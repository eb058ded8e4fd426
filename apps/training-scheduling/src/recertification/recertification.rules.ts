import { DateTime } from 'luxon';
import { MS_PER_DAY } from '#libs/time';

/** This many days before a certificate expires, the holder is asked to recertify. */
export const RECERTIFY_DAYS_BEFORE = 30;

/** When the recertification of a certificate expiring then is due (at once, if that is past). */
export function recertifyAt(expiresAt: Date, now: Date): Date {
  const due = new Date(expiresAt.getTime() - RECERTIFY_DAYS_BEFORE * MS_PER_DAY);
  return due > now ? due : now;
}

/** One recertification per certificate, ever. */
export function recertifyKey(certificateId: string): string {
  return `training-recertify:${certificateId}`;
}

/**
 * The requirement a recertification opens: due on the local date (the holder's zone) on which
 * the certificate expires, in that date's year.
 */
export function recertificationDue(expiresAt: Date, zone: string): { year: number; dueOn: string } {
  const local = DateTime.fromJSDate(expiresAt, { zone });
  return { year: local.year, dueOn: local.toISODate()! };
}

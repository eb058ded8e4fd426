import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { PersonView, TrainingSessionMailView } from './email-kinds.js';
import type { EmailAttachment } from './render-email.js';

/**
 * The iCalendar entry of a training session for one attendee (RFC 5546 iTIP): METHOD:REQUEST
 * invites or updates, METHOD:CANCEL removes. The UID is the session's, SEQUENCE its counter, so a
 * calendar replaces its entry instead of adding one. Times are written in UTC (ending in Z):
 * ical-generator's `timezone` without a VTIMEZONE generator writes the UTC clock time under the
 * TZID (docs/engineering-notes.md), and every calendar shows a UTC time in its own zone anyway.
 * Pure: DTSTAMP is the snapshot's `changedAt`, never the clock.
 */
export function trainingCalendar(method: 'REQUEST' | 'CANCEL', session: TrainingSessionMailView, attendee: PersonView): EmailAttachment {
  const calendar = ical({
    prodId: { company: 'Salesflow', product: 'training-scheduling', language: 'EN' },
    method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  calendar.createEvent({
    id: session.uid,
    sequence: session.sequence,
    stamp: new Date(session.changedAt),
    start: new Date(session.startsAt),
    end: new Date(session.endsAt),
    summary: `${session.courseTitle} (${session.courseCode})`,
    location: session.place ?? session.onlineUrl,
    url: session.onlineUrl,
    status: method === 'REQUEST' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    organizer: { name: session.organizer.name, email: session.organizer.email },
    attendees: [
      {
        name: attendee.name,
        email: attendee.email,
        role: ICalAttendeeRole.REQ,
        status: method === 'REQUEST' ? ICalAttendeeStatus.NEEDSACTION : ICalAttendeeStatus.DECLINED,
        rsvp: method === 'REQUEST',
      },
    ],
  });
  return {
    filename: method === 'REQUEST' ? 'invite.ics' : 'cancel.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: calendar.toString(),
  };
}

import { isKnownZone, parseLocalDate, parseWallClockTime } from './wall-clock.js';

export interface WorkCalendarSpec {
  name: string;
  /** When set, wins over the employee's zone. */
  timezone?: string | null;
  /** ISO weekdays, 1 = Monday .. 7 = Sunday. */
  days: number[];
  /** "HH:mm" */
  start: string;
  /** "HH:mm", may be "24:00". */
  end: string;
  /** "YYYY-MM-DD" local dates that are not worked. */
  holidays: string[];
  /** "YYYY-MM-DD" make-up working days, worked even when their weekday is not in `days`. */
  workdays: string[];
}

export type WorkCalendarSettings = Omit<WorkCalendarSpec, 'name'>;

export interface CalendarFieldError {
  field: string;
  message: string;
}

export type CalendarValidation =
  | { ok: true; value: WorkCalendarSettings }
  | { ok: false; errors: CalendarFieldError[] };

export const STANDARD_CALENDAR: WorkCalendarSpec = {
  name: 'standard',
  timezone: null,
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  holidays: [],
  workdays: [],
};

export const ALWAYS_CALENDAR: WorkCalendarSpec = {
  name: '24x7',
  timezone: null,
  days: [1, 2, 3, 4, 5, 6, 7],
  start: '00:00',
  end: '24:00',
  holidays: [],
  workdays: [],
};

export function effectiveZone(calendar: WorkCalendarSpec, employeeZone: string): string {
  return calendar.timezone ? calendar.timezone : employeeZone;
}

const KNOWN_FIELDS = ['timezone', 'days', 'start', 'end', 'holidays', 'workdays'];

/** Checks a calendar document (the body of `PUT /org/calendars/:name`), reporting every bad field. */
export function validateCalendar(input: unknown): CalendarValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: 'calendar', message: 'calendar must be a JSON object' }] };
  }
  const body = input as Record<string, unknown>;
  const errors: CalendarFieldError[] = [];

  for (const field of Object.keys(body)) {
    if (!KNOWN_FIELDS.includes(field)) {
      errors.push({ field, message: `unknown field "${field}"; allowed fields are ${KNOWN_FIELDS.join(', ')}` });
    }
  }

  const timezone = checkTimezone(body.timezone, errors);
  const days = checkDays(body.days, errors);
  const [start, end] = checkHours(body.start, body.end, errors);
  const holidays = checkDates('holidays', body.holidays, errors);
  const workdays = checkDates('workdays', body.workdays, errors);
  const holidaySet = new Set(holidays);
  workdays.forEach((date) => {
    if (holidaySet.has(date)) {
      errors.push({ field: 'workdays', message: `${date} is listed both as a holiday and as a workday` });
    }
  });

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { timezone, days, start, end, holidays, workdays } };
}

function checkTimezone(value: unknown, errors: CalendarFieldError[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !isKnownZone(value)) {
    errors.push({ field: 'timezone', message: `${JSON.stringify(value)} is not an IANA time zone such as "Asia/Shanghai"` });
    return null;
  }
  return value;
}

function checkDays(value: unknown, errors: CalendarFieldError[]): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push({ field: 'days', message: 'days must be a non-empty list of ISO weekdays (1 = Monday .. 7 = Sunday)' });
    return [];
  }
  const seen = new Set<number>();
  value.forEach((day: unknown, index) => {
    if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 7) {
      errors.push({ field: `days[${index}]`, message: `${JSON.stringify(day)} is not an ISO weekday from 1 to 7` });
    } else if (seen.has(day)) {
      errors.push({ field: `days[${index}]`, message: `weekday ${day} is listed twice` });
    } else {
      seen.add(day);
    }
  });
  return [...seen].sort((a, b) => a - b);
}

function checkHours(start: unknown, end: unknown, errors: CalendarFieldError[]): [string, string] {
  const startMinutes = typeof start === 'string' ? parseWallClockTime(start) : null;
  const endMinutes = typeof end === 'string' ? parseWallClockTime(end, { allowEndOfDay: true }) : null;
  if (startMinutes === null) {
    errors.push({ field: 'start', message: `start must be a time "HH:mm" from 00:00 to 23:59, got ${JSON.stringify(start)}` });
  }
  if (endMinutes === null) {
    errors.push({ field: 'end', message: `end must be a time "HH:mm" from 00:01 to 24:00, got ${JSON.stringify(end)}` });
  }
  if (startMinutes !== null && endMinutes !== null && endMinutes <= startMinutes) {
    errors.push({ field: 'end', message: `end (${String(end)}) must be after start (${String(start)})` });
  }
  return [String(start), String(end)];
}

function checkDates(field: 'holidays' | 'workdays', value: unknown, errors: CalendarFieldError[]): string[] {
  // Omitted lists mean "none": most calendars have no make-up days.
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push({ field, message: `${field} must be a list of dates "YYYY-MM-DD"` });
    return [];
  }
  const dates = new Set<string>();
  value.forEach((date: unknown, index) => {
    if (typeof date !== 'string' || parseLocalDate(date) === null) {
      errors.push({ field: `${field}[${index}]`, message: `${JSON.stringify(date)} is not a date "YYYY-MM-DD"` });
    } else {
      dates.add(date);
    }
  });
  return [...dates].sort();
}

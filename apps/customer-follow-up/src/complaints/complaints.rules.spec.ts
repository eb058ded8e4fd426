import { STANDARD_CALENDAR, type WorkCalendarSpec } from '#libs/time';
import { complaintSchedule } from './complaints.rules.js';

const SHANGHAI = { calendar: STANDARD_CALENDAR, zone: 'Asia/Shanghai' };
const ALWAYS: WorkCalendarSpec = { name: '24x7', timezone: null, days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00', holidays: [], workdays: [] };

describe('complaintSchedule: deadlines and reminders in the assignee working time', () => {
  // Friday 2027-03-12 14:30 in Shanghai; Monday to Friday 09:00-18:00.
  const friday = new Date('2027-03-12T06:30:00Z');

  it('counts hour deadlines over the weekend: PT8H from Friday 14:30 is Monday 13:30, its 75% reminder Monday 11:30', () => {
    const schedule = complaintSchedule(friday, { acknowledge: 'PT8H', resolve: 'P3D' }, 0.75, SHANGHAI);
    expect(schedule.ackDueAt.toISOString()).toBe('2027-03-15T05:30:00.000Z');
    expect(schedule.ackRemindAt.toISOString()).toBe('2027-03-15T03:30:00.000Z');
  });

  it('counts day deadlines in working days: P3D from Friday 14:30 is Wednesday 14:30, its 75% reminder (20h15 of 27h) Tuesday 16:45', () => {
    const schedule = complaintSchedule(friday, { acknowledge: 'PT8H', resolve: 'P3D' }, 0.75, SHANGHAI);
    expect(schedule.resolveDueAt.toISOString()).toBe('2027-03-17T06:30:00.000Z');
    expect(schedule.resolveRemindAt.toISOString()).toBe('2027-03-16T08:45:00.000Z');
  });

  it('starts counting at the next opening when the complaint arrives outside working time', () => {
    const saturday = new Date('2027-03-13T02:00:00Z');
    const schedule = complaintSchedule(saturday, { acknowledge: 'PT2H', resolve: 'PT24H' }, 0.5, SHANGHAI);
    expect(schedule.ackDueAt.toISOString()).toBe('2027-03-15T03:00:00.000Z'); // Monday 11:00
    expect(schedule.ackRemindAt.toISOString()).toBe('2027-03-15T02:00:00.000Z'); // Monday 10:00
  });

  it('keeps second-long deadlines apart from their reminders on a 24x7 calendar', () => {
    const schedule = complaintSchedule(friday, { acknowledge: 'PT2S', resolve: 'PT4S' }, 0.75, { calendar: ALWAYS, zone: 'Asia/Shanghai' });
    expect(schedule.ackRemindAt.getTime() - friday.getTime()).toBe(1500);
    expect(schedule.ackDueAt.getTime() - friday.getTime()).toBe(2000);
    expect(schedule.resolveRemindAt.getTime() - friday.getTime()).toBe(3000);
    expect(schedule.resolveDueAt.getTime() - friday.getTime()).toBe(4000);
  });
});

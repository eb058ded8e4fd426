import { STANDARD_CALENDAR, type WorkCalendarSpec } from '#libs/time';
import { complaintSchedule, deadlineKey, leastLoaded, phaseMet, phaseOfTimerKey, reminderKey } from './complaints.rules.js';

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

const ID = '0b6f1f0e-7d1c-4a53-9f0a-2f2b7f3c9d11';

describe('complaint timer keys', () => {
  it('round-trips the phase through the timer unique key', () => {
    expect(reminderKey(ID, 'ack')).toBe(`complaint-reminder:${ID}:ack`);
    expect(deadlineKey(ID, 'resolve')).toBe(`complaint-deadline:${ID}:resolve`);
    expect(phaseOfTimerKey(reminderKey(ID, 'resolve'))).toBe('resolve');
    expect(phaseOfTimerKey(deadlineKey(ID, 'ack'))).toBe('ack');
  });

  it('refuses keys that are not complaint timers', () => {
    expect(phaseOfTimerKey(`visit-overdue:${ID}`)).toBeNull();
    expect(phaseOfTimerKey(`complaint-deadline:${ID}:later`)).toBeNull();
  });
});

describe('phaseMet', () => {
  it('an acknowledged complaint met the acknowledge deadline only; a resolved one both', () => {
    expect(phaseMet({ status: 'open' }, 'ack')).toBe(false);
    expect(phaseMet({ status: 'acknowledged' }, 'ack')).toBe(true);
    expect(phaseMet({ status: 'acknowledged' }, 'resolve')).toBe(false);
    expect(phaseMet({ status: 'resolved' }, 'ack')).toBe(true);
    expect(phaseMet({ status: 'resolved' }, 'resolve')).toBe(true);
  });
});

const ann = { id: 'a', email: 'ann@x.test' };
const bob = { id: 'b', email: 'bob@x.test' };
const cai = { id: 'c', email: 'cai@x.test' };

describe('leastLoaded: who takes the next complaint', () => {
  it('picks the candidate with the fewest open complaints', () => {
    expect(leastLoaded([ann, bob, cai], new Map([['a', 3], ['b', 1], ['c', 2]]))).toBe(bob);
  });

  it('counts a candidate without complaints as zero', () => {
    expect(leastLoaded([ann, bob], new Map([['a', 1]]))).toBe(bob);
  });

  it('breaks ties by email, whatever the order the candidates come in', () => {
    const counts = new Map([['a', 2], ['b', 1], ['c', 1]]);
    expect(leastLoaded([cai, ann, bob], counts)).toBe(bob);
    expect(leastLoaded([bob, cai, ann], counts)).toBe(bob);
  });

  it('answers null when there is nobody', () => {
    expect(leastLoaded([], new Map())).toBeNull();
  });
});

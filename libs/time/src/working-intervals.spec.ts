import { STANDARD_CALENDAR, type WorkCalendarSpec } from './work-calendar.js';
import { parseLocalDate } from './wall-clock.js';
import { compileCalendar, openIntervalOn } from './working-intervals.js';

/** openIntervalOn remembers its answers per compiled calendar: the same as computing afresh, across a DST change too. */
describe('openIntervalOn', () => {
  const days = ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-10-30', '2026-11-02'].map((text) => parseLocalDate(text)!);

  it.each(['Asia/Shanghai', 'America/New_York'])('answers a day asked again as it did the first time (%s)', (zone) => {
    const remembered = compileCalendar(STANDARD_CALENDAR, zone);
    const first = days.map((day) => openIntervalOn(remembered, day));
    const again = days.map((day) => openIntervalOn(remembered, day));
    expect(again).toEqual(first);
    // A calendar object of its own compiles afresh: nothing remembered.
    const fresh = compileCalendar({ ...STANDARD_CALENDAR } as WorkCalendarSpec, zone);
    expect(fresh.intervals.size).toBe(0);
    expect(days.map((day) => openIntervalOn(fresh, day))).toEqual(first);
    expect(first.filter((interval) => interval === null)).toHaveLength(2); // the weekend
  });

  it('keeps its answers frozen, so no caller can change another caller\'s', () => {
    const interval = openIntervalOn(compileCalendar(STANDARD_CALENDAR, 'Asia/Shanghai'), days[0])!;
    expect(Object.isFrozen(interval)).toBe(true);
  });
});

import { ManualClock } from './clock.js';

describe('ManualClock', () => {
  it('stands still until advanced, then moves by exactly the amount asked', () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-03-01T00:01:30.000Z');
  });
});

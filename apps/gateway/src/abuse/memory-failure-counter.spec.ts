import { MemoryFailureCounter } from './memory-failure-counter.js';

describe('MemoryFailureCounter (the fallback while Redis is down)', () => {
  it('counts failures per key within one window', () => {
    const counter = new MemoryFailureCounter(60_000);
    expect(counter.record('a', 0)).toBe(1);
    expect(counter.record('a', 10_000)).toBe(2);
    expect(counter.record('b', 10_000)).toBe(1);
    expect(counter.read('a', 20_000)).toEqual({ count: 2, remainingMs: 40_000 });
  });

  it('forgets a key when its window ends, so a blocked client is let in again', () => {
    const counter = new MemoryFailureCounter(60_000);
    counter.record('a', 0);
    expect(counter.read('a', 60_000)).toEqual({ count: 0, remainingMs: 0 });
    expect(counter.record('a', 60_000)).toBe(1);
  });
});

import { placeFor } from './enrollments.rules.js';

describe('enrollment placement', () => {
  it('gives a seat while one is free, then the waitlist, then refuses', () => {
    expect(placeFor({ capacity: 2, waitlist: true }, 1)).toBe('CONFIRMED');
    expect(placeFor({ capacity: 2, waitlist: true }, 2)).toBe('WAITLISTED');
    expect(placeFor({ capacity: 2, waitlist: false }, 2)).toBe('FULL');
  });
});

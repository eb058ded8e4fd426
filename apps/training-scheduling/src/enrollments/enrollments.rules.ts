/** Where a new enrollment goes: a seat while one is free, else the waitlist, else refused. */
export function placeFor(session: { capacity: number; waitlist: boolean }, confirmed: number): 'CONFIRMED' | 'WAITLISTED' | 'FULL' {
  if (confirmed < session.capacity) return 'CONFIRMED';
  return session.waitlist ? 'WAITLISTED' : 'FULL';
}

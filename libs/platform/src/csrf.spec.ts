import { csrfHiddenInput, csrfTokenFor, csrfTokenMatches } from './csrf.js';

describe('CSRF tokens bound to a session', () => {
  const secret = 'k'.repeat(32);

  it('accepts the session\u2019s own token', () => {
    expect(csrfTokenMatches(secret, 'session-a', csrfTokenFor(secret, 'session-a'))).toBe(true);
  });

  it('refuses a missing token, another session\u2019s token, and one made with another key', () => {
    expect(csrfTokenMatches(secret, 'session-a', undefined)).toBe(false);
    expect(csrfTokenMatches(secret, 'session-a', '')).toBe(false);
    expect(csrfTokenMatches(secret, 'session-a', csrfTokenFor(secret, 'session-b'))).toBe(false);
    expect(csrfTokenMatches(secret, 'session-a', csrfTokenFor('o'.repeat(32), 'session-a'))).toBe(false);
    expect(csrfTokenMatches(secret, 'session-a', ['array'])).toBe(false);
  });

  it('renders a hidden input named _csrf', () => {
    expect(csrfHiddenInput(csrfTokenFor(secret, 's'))).toMatch(/^<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{43}">$/);
  });
});

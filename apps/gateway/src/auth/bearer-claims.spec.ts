import { bearerSubject } from './bearer-claims.js';

const NOW = 1_800_000_000;
const TWELVE_HOURS = 12 * 3600;

describe('bearerSubject: a bearer token must say who and must expire soon enough', () => {
  it('names the subject of a token within the maximum lifetime', () => {
    expect(bearerSubject({ sub: 'a@x.test', iat: NOW, exp: NOW + TWELVE_HOURS }, TWELVE_HOURS, NOW)).toBe('a@x.test');
  });

  it('refuses a token without exp', () => {
    expect(() => bearerSubject({ sub: 'a@x.test', iat: NOW }, TWELVE_HOURS, NOW)).toThrow(/no exp claim/);
  });

  it('refuses a token issued for longer than the maximum', () => {
    expect(() => bearerSubject({ sub: 'a@x.test', iat: NOW, exp: NOW + TWELVE_HOURS + 1 }, TWELVE_HOURS, NOW)).toThrow(/JWT_MAX_LIFETIME/);
  });

  it('counts from now when iat is missing or in the future, so a forged iat does not stretch the life', () => {
    expect(() => bearerSubject({ sub: 'a@x.test', exp: NOW + TWELVE_HOURS + 60 }, TWELVE_HOURS, NOW)).toThrow(/JWT_MAX_LIFETIME/);
    expect(() => bearerSubject({ sub: 'a@x.test', iat: NOW + 86_400, exp: NOW + 86_400 + 60 }, TWELVE_HOURS, NOW)).toThrow(/JWT_MAX_LIFETIME/);
  });

  it('refuses a token without a subject or with a string payload', () => {
    expect(() => bearerSubject({ exp: NOW + 60 }, TWELVE_HOURS, NOW)).toThrow(/no sub/);
    expect(() => bearerSubject('a@x.test', TWELVE_HOURS, NOW)).toThrow(/not a JSON object/);
  });
});

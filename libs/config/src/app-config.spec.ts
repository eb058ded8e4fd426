import { createHmac } from 'node:crypto';
import { ConfigError, configFromProcessEnv, databaseUrlFromProcessEnv, deriveLinkSecret, DEVELOPMENT_JWT_SECRET, loadConfig } from './app-config.js';

const OWN_SECRET = 'a-secret-of-this-installation-0123456789';

function messageOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('loadConfig', () => {
  it('fills the documented defaults', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/salesflow');
    expect(config.PORT).toBe(3000);
    expect(config.BASE_CURRENCY).toBe('CNY');
    expect(config.JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it('names each bad variable in one error', () => {
    const message = messageOf(() => loadConfig({ PORT: 'eighty', BASE_CURRENCY: 'yuan', REDIS_URL: 'http://x' }));
    expect(message).toContain('PORT');
    expect(message).toContain('BASE_CURRENCY');
    expect(message).toContain('REDIS_URL');
    // No NODE_ENV means production: the missing secret is named in the same error.
    expect(message).toContain('JWT_SECRET');
  });
});

describe('JWT_SECRET outside development and tests', () => {
  it.each([['development'], ['test']])('NODE_ENV=%s may use the development default', (nodeEnv) => {
    expect(loadConfig({ NODE_ENV: nodeEnv }).JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
    expect(loadConfig({ NODE_ENV: nodeEnv, JWT_SECRET: DEVELOPMENT_JWT_SECRET }).JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it.each([[undefined], ['production'], ['staging'], ['developement']])('NODE_ENV=%s refuses a missing secret, naming JWT_SECRET', (nodeEnv) => {
    expect(messageOf(() => loadConfig({ NODE_ENV: nodeEnv }))).toMatch(/JWT_SECRET: must be set/);
    expect(messageOf(() => loadConfig({ NODE_ENV: nodeEnv, JWT_SECRET: '' }))).toMatch(/JWT_SECRET: must be set/);
  });

  it('refuses the documented development value in production', () => {
    expect(messageOf(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET }))).toMatch(/JWT_SECRET: is the documented development value/);
  });

  it('accepts a secret of its own in production, and still checks its length', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: OWN_SECRET }).JWT_SECRET).toBe(OWN_SECRET);
    expect(messageOf(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' }))).toMatch(/JWT_SECRET: must be at least 16 characters/);
  });

  it('refuses a secret shorter than 32 bytes in production, counting bytes, not characters', () => {
    const thirtyOne = 'x'.repeat(31);
    expect(messageOf(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: thirtyOne }))).toMatch(/JWT_SECRET: must be at least 32 bytes/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).JWT_SECRET).toHaveLength(32);
    // 16 characters of 3 bytes each: 48 bytes.
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: '密'.repeat(16) }).JWT_SECRET).toBe('密'.repeat(16));
    expect(loadConfig({ NODE_ENV: 'test', JWT_SECRET: thirtyOne }).JWT_SECRET).toBe(thirtyOne);
  });

  it('reads NODE_ENV from the process: jest runs with NODE_ENV=test', () => {
    expect(process.env.NODE_ENV).toBe('test');
    expect(configFromProcessEnv({ JWT_SECRET: '' }).NODE_ENV).toBe('test');
  });
});

describe('the email-link key (LINK_SECRET)', () => {
  it('is derived from JWT_SECRET with HKDF when unset: neither the secret itself nor its plain HMAC', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: OWN_SECRET });
    expect(config.LINK_SECRET).toBe(deriveLinkSecret(OWN_SECRET));
    expect(config.LINK_SECRET).not.toBe(OWN_SECRET);
    expect(config.LINK_SECRET).not.toBe(createHmac('sha256', OWN_SECRET).digest('base64url'));
    expect(deriveLinkSecret(`${OWN_SECRET}-other`)).not.toBe(config.LINK_SECRET);
  });

  it('is used as given when set, and must then differ from JWT_SECRET and be 32 bytes in production', () => {
    const link = 'a-link-secret-of-this-installation-0123';
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: OWN_SECRET, LINK_SECRET: link }).LINK_SECRET).toBe(link);
    expect(messageOf(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: OWN_SECRET, LINK_SECRET: OWN_SECRET }))).toMatch(/LINK_SECRET: must differ from JWT_SECRET/);
    expect(messageOf(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: OWN_SECRET, LINK_SECRET: 'short-link-secret-1' }))).toMatch(/LINK_SECRET: must be at least 32 bytes/);
  });
});

describe('JWT_MAX_LIFETIME', () => {
  it('defaults to 12 hours, in seconds', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).JWT_MAX_LIFETIME).toBe(12 * 3600);
  });

  it.each([['90', 90], ['90s', 90], ['30m', 1800], ['2h', 7200], ['1d', 86_400]])('reads %s as %d seconds', (given, seconds) => {
    expect(loadConfig({ NODE_ENV: 'test', JWT_MAX_LIFETIME: given }).JWT_MAX_LIFETIME).toBe(seconds);
  });

  it.each([['0'], ['12 hours'], ['-1h'], ['1w']])('refuses %s, naming the variable', (given) => {
    expect(messageOf(() => loadConfig({ NODE_ENV: 'test', JWT_MAX_LIFETIME: given }))).toMatch(/JWT_MAX_LIFETIME/);
  });
});

describe('SESSION_* and OIDC_*', () => {
  it('defaults sessions to 7 days and the Secure flag to auto', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect([config.SESSION_TTL, config.SESSION_COOKIE_SECURE]).toEqual([7 * 86_400, 'auto']);
  });

  it('refuses single sign-on configured in part, naming what is missing', () => {
    const message = messageOf(() => loadConfig({ NODE_ENV: 'test', OIDC_ISSUER_URL: 'https://login.example.com' }));
    expect(message).toMatch(/OIDC_CLIENT_ID: must be set/);
    expect(message).toMatch(/OIDC_CLIENT_SECRET: must be set/);
  });

  it('refuses an http issuer in production, accepts it in test', () => {
    const oidc = { OIDC_ISSUER_URL: 'http://127.0.0.1:9999', OIDC_CLIENT_ID: 'salesflow', OIDC_CLIENT_SECRET: 'secret' };
    expect(loadConfig({ NODE_ENV: 'test', ...oidc }).OIDC_ISSUER_URL).toBe('http://127.0.0.1:9999');
    expect(messageOf(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ...oidc }))).toMatch(/OIDC_ISSUER_URL: must be https/);
  });
});

describe('the database URL alone (npm run db:migrate)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('needs no JWT secret, even in production, and still validates DATABASE_URL', () => {
    process.env.NODE_ENV = 'production';
    delete process.env.JWT_SECRET;
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/elsewhere';
    expect(databaseUrlFromProcessEnv()).toBe('postgresql://postgres@127.0.0.1:5432/elsewhere');
    delete process.env.DATABASE_URL;
    expect(databaseUrlFromProcessEnv()).toBe('postgresql://postgres@127.0.0.1:5432/salesflow');
    process.env.DATABASE_URL = 'mysql://root@localhost/x';
    expect(() => databaseUrlFromProcessEnv()).toThrow(/DATABASE_URL: must start with postgresql:\/\//);
  });
});

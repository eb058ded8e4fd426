import { ConfigError, configFromProcessEnv, databaseUrlFromProcessEnv, DEVELOPMENT_JWT_SECRET, loadConfig } from './app-config.js';

const OWN_SECRET = 'a-secret-of-this-installation';

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

  it('reads NODE_ENV from the process: jest runs with NODE_ENV=test', () => {
    expect(process.env.NODE_ENV).toBe('test');
    expect(configFromProcessEnv({ JWT_SECRET: '' }).NODE_ENV).toBe('test');
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

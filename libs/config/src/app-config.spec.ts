import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('fills the documented defaults', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/salesflow');
    expect(config.PORT).toBe(3000);
    expect(config.BASE_CURRENCY).toBe('CNY');
  });

  it('names each bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', BASE_CURRENCY: 'yuan', REDIS_URL: 'http://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', BASE_CURRENCY: 'yuan', REDIS_URL: 'http://x' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('BASE_CURRENCY');
      expect(message).toContain('REDIS_URL');
    }
  });
});

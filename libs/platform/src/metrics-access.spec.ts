import { checkMetricsAccess } from './metrics-access.js';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('checkMetricsAccess', () => {
  it('with METRICS_TOKEN set, only that bearer token passes, in every environment', () => {
    for (const NODE_ENV of ['production', 'development']) {
      expect(() => checkMetricsAccess({ NODE_ENV, METRICS_TOKEN: TOKEN }, `Bearer ${TOKEN}`)).not.toThrow();
      expect(() => checkMetricsAccess({ NODE_ENV, METRICS_TOKEN: TOKEN }, undefined)).toThrow(/METRICS_TOKEN/);
      expect(() => checkMetricsAccess({ NODE_ENV, METRICS_TOKEN: TOKEN }, `Bearer ${TOKEN}x`)).toThrow(/METRICS_TOKEN/);
    }
  });

  it('without METRICS_TOKEN, open in development and test, refused elsewhere', () => {
    expect(() => checkMetricsAccess({ NODE_ENV: 'development', METRICS_TOKEN: undefined }, undefined)).not.toThrow();
    expect(() => checkMetricsAccess({ NODE_ENV: 'test', METRICS_TOKEN: undefined }, undefined)).not.toThrow();
    expect(() => checkMetricsAccess({ NODE_ENV: 'production', METRICS_TOKEN: undefined }, 'Bearer anything')).toThrow(/Metrics are off/);
  });
});

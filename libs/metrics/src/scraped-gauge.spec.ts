import { register } from 'prom-client';
import { ScrapedGauge } from './scraped-gauge.js';

async function samplesOf(name: string) {
  const metric = register.getSingleMetric(name);
  return metric ? (await metric.get()).values : [];
}

describe('ScrapedGauge', () => {
  it('reads on scrape from the app that registered last and still runs, then from the one before it', async () => {
    const gauge = new ScrapedGauge({ name: 'test_scraped_apps', help: 'test', labelNames: ['app'] as const });
    gauge.readFrom(async () => [{ labels: { app: 'first' }, value: 1 }]);
    const stopSecond = gauge.readFrom(async () => [{ labels: { app: 'second' }, value: 2 }]);
    expect((await samplesOf('test_scraped_apps')).map((sample) => sample.labels.app)).toEqual(['second']);
    stopSecond();
    expect((await samplesOf('test_scraped_apps')).map((sample) => sample.labels.app)).toEqual(['first']);
  });

  it('a failing read shows no value (NaN without labels, no sample with them), is counted, and the scrape still answers', async () => {
    const plain = new ScrapedGauge({ name: 'test_scraped_failing', help: 'test' });
    plain.readFrom(async () => [{ value: 5 }]);
    expect((await samplesOf('test_scraped_failing')).map((sample) => sample.value)).toEqual([5]);
    plain.readFrom(() => Promise.reject(new Error('Postgres is down')));
    const labelled = new ScrapedGauge({ name: 'test_scraped_failing_labelled', help: 'test', labelNames: ['queue'] as const });
    labelled.readFrom(() => Promise.reject(new Error('Redis is down')));
    const first = await register.metrics();
    // prom-client writes NaN as "Nan"; Prometheus reads it case-insensitively.
    expect(first).toMatch(/^test_scraped_failing nan$/im);
    expect(first).not.toMatch(/^test_scraped_failing_labelled/m);
    // The first scrape's failures show in the next one (the counter is written before the gauges are read).
    const next = await register.metrics();
    expect(next).toContain('salesflow_metric_read_failures_total{metric="test_scraped_failing"} 1');
    expect(next).toContain('salesflow_metric_read_failures_total{metric="test_scraped_failing_labelled"} 1');
  });
});

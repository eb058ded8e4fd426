import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { register } from 'prom-client';
import '#libs/metrics';

const ROOT = process.cwd();
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Panel {
  title: string;
  datasource: { uid: string };
  targets: { expr: string }[];
}

const dashboard = JSON.parse(read('ops/grafana/salesflow-dashboard.json')) as { uid: string; panels: Panel[] };
// What the code registers, read from prom-client's registry once the metrics module is loaded.
const registered = new Map(register.getMetricsAsArray().map((metric) => [metric.name, (metric as unknown as { type: string }).type]));
const HISTOGRAM_SERIES = /_(bucket|sum|count)$/;

/** The registered metric a series name belongs to (`x_bucket` of histogram `x` is `x`), or undefined. */
function metricOf(series: string): string | undefined {
  if (registered.has(series)) return series;
  const base = series.replace(HISTOGRAM_SERIES, '');
  return registered.get(base) === 'histogram' ? base : undefined;
}

const queried = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/\bsalesflow_\w+/g) ?? []));

describe('the Grafana dashboard (ops/grafana/salesflow-dashboard.json)', () => {
  it('queries only metrics the code registers', () => {
    expect(queried.length).toBeGreaterThan(0);
    expect(queried.filter((series) => metricOf(series) === undefined)).toEqual([]);
  });

  it('shows every metric of the catalogue in libs/metrics', () => {
    const shown = new Set(queried.map(metricOf));
    const catalogue = [...registered.keys()].filter((name) => name.startsWith('salesflow_'));
    expect(catalogue.filter((name) => !shown.has(name))).toEqual([]);
  });

  it('reads every panel from the data source Grafana is provisioned with', () => {
    const provisioned = load(read('ops/grafana/provisioning/datasources/prometheus.yml')) as { datasources: { uid: string }[] };
    const uids = provisioned.datasources.map((source) => source.uid);
    expect(dashboard.panels.filter((panel) => !uids.includes(panel.datasource.uid)).map((panel) => panel.title)).toEqual([]);
  });

  it('is mounted where the dashboard provider looks, and Prometheus scrapes the port the services serve metrics on', () => {
    const compose = load(read('docker-compose.yml')) as { services: Record<string, { volumes?: string[]; environment?: Record<string, string> }> };
    const provider = load(read('ops/grafana/provisioning/dashboards/salesflow.yml')) as { providers: { options: { path: string } }[] };
    const mounts = compose.services.grafana.volumes ?? [];
    expect(mounts).toContain(`./ops/grafana/salesflow-dashboard.json:${provider.providers[0].options.path}/salesflow-dashboard.json:ro`);
    expect(mounts).toContain('./ops/grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(compose.services.prometheus.volumes).toContain('./ops/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    const prometheus = load(read('ops/prometheus.yml')) as { scrape_configs: { job_name: string; dns_sd_configs: { port: number }[] }[] };
    const services = prometheus.scrape_configs.find((job) => job.job_name === 'services');
    expect(String(services?.dns_sd_configs[0].port)).toBe(compose.services.notifier.environment?.METRICS_PORT);
  });
});

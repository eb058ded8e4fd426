import { Counter, Gauge } from 'prom-client';

export interface Reading<L extends string> {
  labels?: Partial<Record<L, string>>;
  value: number;
}

export type Reader<L extends string> = () => Promise<Reading<L>[]>;

/**
 * A scrape must answer even when Postgres or Redis does not: a failed or slow read leaves its
 * gauge without samples (NaN for a gauge without labels) and counts in the failures counter,
 * which shows it from the next scrape on (prom-client reads the counter before the gauge).
 */
export const SCRAPE_READ_TIMEOUT_MS = 2000;

const readFailures = new Counter({
  name: 'salesflow_metric_read_failures_total',
  help: 'Scrapes in which a gauge read from Postgres or Redis failed or took too long (the gauge showed no value).',
  labelNames: ['metric'],
});

function withinScrape<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${SCRAPE_READ_TIMEOUT_MS} ms`)), SCRAPE_READ_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * A gauge read when Prometheus scrapes (prom-client's `collect`), not on a timer. The metric is
 * one per process; the reader comes from the app that registered one last and still runs (tests
 * start several apps in one process, all-in-one hosts every service in one).
 */
export class ScrapedGauge<L extends string = never> {
  private readonly readers: Reader<L>[] = [];
  readonly name: string;

  constructor(config: { name: string; help: string; labelNames?: readonly L[] }) {
    const readers = this.readers;
    this.name = config.name;
    new Gauge<L>({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames ?? [],
      async collect() {
        this.reset();
        const read = readers.at(-1);
        if (!read) return;
        try {
          for (const reading of await withinScrape(read(), config.name)) this.set(reading.labels ?? {}, reading.value);
        } catch {
          readFailures.inc({ metric: config.name });
          // A gauge without labels always shows a value (0 after reset): NaN says "unknown", not "none".
          if (!config.labelNames?.length) this.set(NaN);
        }
      },
    });
  }

  /** Reads this gauge from `reader` until the returned function is called (at shutdown). */
  readFrom(reader: Reader<L>): () => void {
    this.readers.push(reader);
    return () => {
      const at = this.readers.indexOf(reader);
      if (at >= 0) this.readers.splice(at, 1);
    };
  }
}

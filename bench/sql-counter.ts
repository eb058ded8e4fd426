// Counts the SQL statements the app sends (by wrapping pg.Client#query), so a phase can report
// round trips per item. The benchmark's own clients are excluded. Cheap: one Map update a query.
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const counts = new Map<string, number>();
const shapes = new Map<string, string>();
const excluded = new WeakSet<object>();
let installed = false;

/** Prisma sends BEGIN, Kysely `begin`: counted as one kind. */
const TRANSACTION_CONTROL = /^(begin|commit|rollback)$/i;

function shape(text: string): string {
  const trimmed = text.trim();
  if (TRANSACTION_CONTROL.test(trimmed)) return trimmed.toUpperCase();
  return text
    .replace(/\s+/g, ' ')
    .replace(/"public"\./g, '')
    .replace(/\$\d+/g, '?')
    .trim()
    .slice(0, 110);
}

export function installSqlCounter(): void {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: object, ...args: unknown[]) {
    if (!excluded.has(this)) {
      const first = args[0] as string | { text?: string } | undefined;
      const text = typeof first === 'string' ? first : first?.text;
      if (text) {
        let key = shapes.get(text);
        if (key === undefined) {
          key = shape(text);
          if (shapes.size < 10_000) shapes.set(text, key);
        }
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (trace) {
          const entry: TracedStatement = { sql: key, start: performance.now(), end: NaN };
          trace.push(entry);
          const last = args.length - 1;
          if (typeof args[last] === 'function') {
            const callback = args[last] as (...a: unknown[]) => unknown;
            args[last] = (...a: unknown[]) => {
              entry.end = performance.now();
              return callback(...a);
            };
          }
          const result = original.apply(this, args);
          if (result && typeof (result as Promise<unknown>).then === 'function') {
            (result as Promise<unknown>).then(
              () => (entry.end = performance.now()),
              () => (entry.end = performance.now()),
            );
          }
          return result;
        }
      }
    }
    return original.apply(this, args);
  };
}

export interface TracedStatement {
  sql: string;
  start: number;
  end: number;
}

let trace: TracedStatement[] | undefined;

/** Records every statement (start, when its result reached JS) while `work` runs. */
export async function traceSql<T>(work: () => Promise<T>): Promise<{ result: T; statements: TracedStatement[]; started: number; ended: number }> {
  trace = [];
  const started = performance.now();
  try {
    const result = await work();
    return { result, statements: trace, started, ended: performance.now() };
  } finally {
    trace = undefined;
  }
}

export function excludeFromSqlCount(client: object): void {
  excluded.add(client);
}

export type SqlSnapshot = Map<string, number>;

export function sqlSnapshot(): SqlSnapshot {
  return new Map(counts);
}

/** Statements sent between two snapshots, most frequent first. */
export function sqlDelta(before: SqlSnapshot, after: SqlSnapshot): { total: number; transactions: number; top: [string, number][] } {
  const delta: [string, number][] = [];
  for (const [key, n] of after) {
    const d = n - (before.get(key) ?? 0);
    if (d > 0) delta.push([key, d]);
  }
  delta.sort((a, b) => b[1] - a[1]);
  return {
    total: delta.reduce((sum, [, n]) => sum + n, 0),
    transactions: delta.find(([k]) => k === 'BEGIN')?.[1] ?? 0,
    top: delta,
  };
}

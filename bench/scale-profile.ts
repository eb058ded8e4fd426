// Where the digest's time goes, for `npm run bench:scale`: a sampled CPU profile of the app's main
// thread summarized by package and by function, BullMQ's own job timings, and one digest job
// alone with every SQL statement timed.
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, type ConnectionOptions } from 'bullmq';
import { median, percentile } from './stats.js';
import type { TracedStatement } from './sql-counter.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export class CpuProfiler {
  private readonly session = new Session();

  async start(): Promise<void> {
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await this.session.post('Profiler.start');
  }

  /** With BENCH_CPU_PROF=<dir>, also written as <dir>/<name>.cpuprofile. */
  async stop(name = 'scale-digest'): Promise<CpuProfile> {
    const { profile } = await this.session.post('Profiler.stop');
    this.session.disconnect();
    const dir = process.env.BENCH_CPU_PROF;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    }
    return profile as CpuProfile;
  }
}

/** The package or part of salesflow a frame belongs to. */
function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/((?:apps|libs)\/[^/]+(?:\/src\/[^/]+)?)/.exec(url) ?? /\/dist\/(generated|bench)\//.exec(url);
  if (own) return `salesflow ${own[1].replace('/src', '')}`;
  if (url.startsWith('node:')) return 'node core';
  return url.split('/').slice(-2).join('/');
}

/** Self time by package and by function, in ms, largest first. */
export function summarize(profile: CpuProfile, top = 12): { totalMs: number; byModule: [string, number][]; byFunction: [string, number][] } {
  const samples = profile.samples?.length ?? 0;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerHit = samples > 0 ? totalMs / samples : 0;
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * msPerHit;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const module = moduleOf(url, functionName);
    modules.set(module, (modules.get(module) ?? 0) + ms);
    const name = `${functionName || '(anonymous)'} ${module}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs, byModule: sorted(modules), byFunction: sorted(functions) };
}

export interface JobTimings {
  jobs: number;
  waitP50: number;
  waitP95: number;
  runP50: number;
  runP95: number;
  /** Epoch ms: when the first of these jobs was added, started and finished, and the last finished. */
  firstAdded: number;
  firstStarted: number;
  firstFinished: number;
  lastFinished: number;
}

/** From the completed jobs BullMQ keeps (the last 1000 per queue): time waiting in the queue and time being processed, ms. */
export async function jobTimings(connection: ConnectionOptions, prefix: string, queueName: string, jobName: string, since = 0): Promise<JobTimings> {
  const queue = new Queue(queueName, { connection, prefix });
  try {
    const jobs = (await queue.getJobs(['completed'], 0, 999)).filter((job) => job.name === jobName && job.processedOn && job.finishedOn && job.timestamp >= since);
    const wait = jobs.map((job) => job.processedOn! - job.timestamp);
    const run = jobs.map((job) => job.finishedOn! - job.processedOn!);
    const first = (values: number[]) => (values.length > 0 ? Math.min(...values) : NaN);
    return {
      jobs: jobs.length, waitP50: median(wait), waitP95: percentile(wait, 95), runP50: median(run), runP95: percentile(run, 95),
      firstAdded: first(jobs.map((job) => job.timestamp)), firstStarted: first(jobs.map((job) => job.processedOn!)),
      firstFinished: first(jobs.map((job) => job.finishedOn!)), lastFinished: jobs.length > 0 ? Math.max(...jobs.map((job) => job.finishedOn!)) : NaN,
    };
  } finally {
    await queue.close();
  }
}

/** How much of a traced piece of work had a statement in flight (Postgres, network, driver), the rest being JavaScript. */
export function sqlCoverage(statements: TracedStatement[], started: number, ended: number): { totalMs: number; inSqlMs: number; statements: number } {
  let covered = 0;
  let cursor = started;
  const inWork = statements.filter((s) => s.start <= ended).sort((a, b) => a.start - b.start);
  for (const s of inWork) {
    const end = Number.isFinite(s.end) ? Math.min(s.end, ended) : s.start;
    covered += Math.max(0, end - Math.max(s.start, cursor));
    cursor = Math.max(cursor, end);
  }
  return { totalMs: ended - started, inSqlMs: covered, statements: inWork.length };
}

// The CPU and profile lines the service benchmarks print the same way.
import os from 'node:os';
import type { CpuProfiler } from './scale-profile.js';
import { summarize } from './scale-profile.js';
import { fmt, pad } from './stats.js';

const log = (line: string) => console.log(line);

/** Where the CPU of a phase went (cpuSeconds), per item of `unit`; the SMTP sink thread apart. */
export function printCpu(c: Record<string, number>, wall: number, items: number, unit: string): void {
  const cores = os.cpus().length;
  const total = c.appMain + c.appOther + c.postgres + c.redis + c.nats;
  const per = (s: number) => `${fmt((s * 1000) / Math.max(1, items), 2)} ms/${unit}`;
  log(`  CPU (${fmt(wall, 1)} s wall, ${cores} cores = ${fmt(cores * wall, 1)} CPU-s): this system ${fmt(total, 1)} CPU-s = ${fmt((100 * total) / (cores * wall), 0)}% of the machine; the SMTP sink ${fmt(c.smtpSink ?? 0, 1)} s; other Postgres databases (other sessions) ${fmt(Math.max(0, c.postgresOther), 1)} s; the whole machine busy ${fmt(c.machine, 1)} s`);
  log(`    app main thread ${fmt(c.appMain, 2)} s (${per(c.appMain)}) | app other threads (GC, libuv) ${fmt(c.appOther - (c.smtpSink ?? 0), 2)} s | postgres ${fmt(c.postgres, 2)} s (${per(c.postgres)}) | redis ${fmt(c.redis, 2)} s (${per(c.redis)}) | nats ${fmt(c.nats, 2)} s`);
}

/** The app main thread's sampled profile of a phase: self time by module, then the hottest functions. */
export function printProfile(profile: Awaited<ReturnType<CpuProfiler['stop']>> | null, items: number, unit: string): void {
  if (!profile) return;
  const summary = summarize(profile, 10);
  log(`  app main thread, sampled CPU profile over ${fmt(summary.totalMs / 1000, 1)} s (self time; "(idle)" is the event loop waiting):`);
  for (const [name, ms] of summary.byModule) log(`    ${pad(name, 44)} ${fmt(ms, 0)} ms = ${fmt((100 * ms) / summary.totalMs, 0)}%, ${fmt(ms / Math.max(1, items), 3)} ms/${unit}`);
  log('  hottest functions:');
  for (const [name, ms] of summary.byFunction.slice(0, 8)) log(`    ${pad(name.slice(0, 96), 96)} ${fmt(ms, 0)} ms`);
}

// BENCH_CPU_PROF=<dir>: a V8 CPU profile of the app's main thread for each measured phase only
// (no start-up, no set-up), written as <dir>/phase-<n>.cpuprofile for Chrome DevTools or speedscope.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROF;
let session: Session | undefined;

export async function startProfile(): Promise<void> {
  if (!dir) return;
  if (!session) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
  }
  await session.post('Profiler.start');
}

export async function stopProfile(name: string): Promise<string | undefined> {
  if (!dir || !session) return undefined;
  const { profile } = await session.post('Profiler.stop');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

// Where the CPU goes, from /proc: this process's main thread (the app's event loop), its other
// threads (libuv pool, GC), the bench's own threads (load generator, SMTP sink: not the system,
// but on the same two cores), and the Postgres, Redis and NATS servers.
// Postgres backends serving the benchmark's own database are told apart from the rest (other
// databases on this shared machine, and the server's background processes).
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;
const SERVERS: Record<string, string> = { postgres: 'postgres', 'redis-server': 'redis', 'nats-server': 'nats' };

export type CpuSnapshot = Record<string, number>;

function ticks(statPath: string): number {
  try {
    const stat = readFileSync(statPath, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * `children`: processes of the system that the bench started (notifier processes), counted apart.
 * `benchThreads`: this process's threads that are the bench's, by name (counted under that name).
 */
export function cpuSnapshot(database?: string, children: number[] = [], benchThreads: Record<string, number> = {}): CpuSnapshot {
  const snapshot: CpuSnapshot = { appMain: 0, appOther: 0, children: 0, postgres: 0, postgresOther: 0, redis: 0, nats: 0, machine: machineBusyTicks() };
  const benchThreadName = new Map(Object.entries(benchThreads).map(([name, tid]) => [tid, name]));
  for (const pid of children) snapshot.children += ticks(`/proc/${pid}/stat`);
  for (const tid of readdirSync('/proc/self/task')) {
    const t = ticks(`/proc/self/task/${tid}/stat`);
    const benchThread = benchThreadName.get(Number(tid));
    if (Number(tid) === process.pid) snapshot.appMain += t;
    else if (benchThread) snapshot[benchThread] = (snapshot[benchThread] ?? 0) + t;
    else snapshot.appOther += t;
  }
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    let comm: string;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    let kind = SERVERS[comm];
    if (!kind) continue;
    if (kind === 'postgres') {
      let cmdline: string;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      const mine = database !== undefined && cmdline.includes(` ${database} `);
      const walOrCheckpoint = /: (walwriter|checkpointer|background writer)/.test(cmdline);
      if (!mine && !walOrCheckpoint) kind = 'postgresOther';
    }
    snapshot[kind] += ticks(`/proc/${pid}/stat`);
  }
  return snapshot;
}

/** Busy ticks of the whole machine (every process, kernel included), to tell how much others used. */
function machineBusyTicks(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return user + nice + system + irq + softirq + steal;
  } catch {
    return 0;
  }
}

/** CPU seconds spent per component between two snapshots. */
export function cpuSeconds(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] - (before[k] ?? 0)) / TICKS_PER_SECOND]));
}

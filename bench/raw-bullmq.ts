// The ceiling: BullMQ with no-op jobs on the same Redis, in the same process, same run.
import { performance } from 'node:perf_hooks';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';

export interface RawBullmqResult {
  jobs: number;
  addPerSec: number;
  processPerSec: number;
}

export async function rawBullmq(connection: ConnectionOptions, prefix: string, jobs = 20_000, concurrency = 50): Promise<RawBullmqResult> {
  const name = 'noop';
  const queue = new Queue(name, { connection, prefix });
  try {
    const addStart = performance.now();
    for (let i = 0; i < jobs; i += 1000) {
      const count = Math.min(1000, jobs - i);
      await queue.addBulk(Array.from({ length: count }, (_, k) => ({ name, data: { i: i + k }, opts: { removeOnComplete: true, removeOnFail: true } })));
    }
    const addSeconds = (performance.now() - addStart) / 1000;

    let done = 0;
    let finished!: () => void;
    const allDone = new Promise<void>((resolve) => (finished = resolve));
    const processStart = performance.now();
    const worker = new Worker(name, async () => undefined, { connection, prefix, concurrency });
    worker.on('completed', () => {
      if (++done === jobs) finished();
    });
    worker.on('error', () => undefined);
    const timedOut = await Promise.race([allDone.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 60_000))]);
    const processSeconds = (performance.now() - processStart) / 1000;
    await worker.close();
    if (timedOut) throw new Error(`raw BullMQ: only ${done}/${jobs} no-op jobs done in 60 s`);
    return { jobs, addPerSec: jobs / addSeconds, processPerSec: jobs / processSeconds };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

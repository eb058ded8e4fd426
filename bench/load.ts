import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  token: string;
  body?: unknown;
}

export interface LoadResult {
  status: number;
  /** Latency in ms; for the open loop, counted from when the request was due. */
  ms: number;
  /** Open loop only: how late the request left its schedule. */
  lateMs: number;
  id?: string;
  error?: string;
}

export type LoadCommand =
  | { seq: number; kind: 'closed'; base: string; requests: LoadRequest[]; concurrency: number; maxMs: number }
  | { seq: number; kind: 'open'; base: string; requests: LoadRequest[]; ratePerSec: number };

type Distribute<T> = T extends unknown ? Omit<T, 'seq' | 'base'> : never;

/** Handle on the load generator thread. */
export class LoadGenerator {
  private readonly worker = new Worker(new URL('./load.worker.js', import.meta.url));
  private seq = 0;
  /** The generator thread's kernel id, to count its CPU apart from the system's (cpu-meter.ts). */
  readonly threadId: Promise<number>;

  constructor(private readonly base: string) {
    this.worker.on('error', (error) => console.error(`load generator: ${error.message}`));
    this.threadId = new Promise((resolve) => {
      const hello = (m: { seq: number; threadId?: number }) => {
        if (m.seq !== 0) return;
        this.worker.off('message', hello);
        resolve(m.threadId ?? 0);
      };
      this.worker.on('message', hello);
    });
  }

  run(command: Distribute<LoadCommand>): Promise<LoadResult[]> {
    const seq = ++this.seq;
    return new Promise((resolve) => {
      const listener = (m: { seq: number; results: LoadResult[] }) => {
        if (m.seq !== seq) return;
        this.worker.off('message', listener);
        resolve(m.results);
      };
      this.worker.on('message', listener);
      this.worker.postMessage({ ...command, seq, base: this.base });
    });
  }

  /** Stops sending after `maxMs`, so a slow system still finishes in bounded time. */
  closed(requests: LoadRequest[], concurrency: number, maxMs = 60_000): Promise<LoadResult[]> {
    return this.run({ kind: 'closed', requests, concurrency, maxMs });
  }

  open(requests: LoadRequest[], ratePerSec: number): Promise<LoadResult[]> {
    return this.run({ kind: 'open', requests, ratePerSec });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

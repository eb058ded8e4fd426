import { Worker } from 'node:worker_threads';

/** Handle on the SMTP sink thread. */
export class BenchSmtpSink {
  private constructor(
    private readonly worker: Worker,
    readonly port: number,
    /** The sink thread's kernel id, to count its CPU apart from the system's (cpu-meter.ts). */
    readonly threadId: number,
  ) {}

  /** `keepLast`: keep the last message's raw text for lastMessage() (costs a copy per message). */
  static async start({ keepLast = false }: { keepLast?: boolean } = {}): Promise<BenchSmtpSink> {
    const worker = new Worker(new URL('./smtp-sink.worker.js', import.meta.url), { workerData: { keepLast } });
    const { port, threadId } = await new Promise<{ port: number; threadId: number }>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m: { type: string; port?: number; threadId?: number; message?: string }) => {
        if (m.type === 'ready') resolve({ port: m.port!, threadId: m.threadId ?? 0 });
        if (m.type === 'error') console.error(`SMTP sink: ${m.message}`);
      });
    });
    return new BenchSmtpSink(worker, port, threadId);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private ask<T>(type: string, reply: string): Promise<T> {
    return new Promise<T>((resolve) => {
      const listener = (m: { type: string } & T) => {
        if (m.type !== reply) return;
        this.worker.off('message', listener);
        resolve(m);
      };
      this.worker.on('message', listener);
      this.worker.postMessage({ type });
    });
  }

  async received(): Promise<number> {
    return (await this.ask<{ received: number }>('count', 'count')).received;
  }

  /** The raw text of the last message received (empty unless started with keepLast). */
  async lastMessage(): Promise<string> {
    return (await this.ask<{ raw: string }>('last', 'last')).raw;
  }

  async stop(): Promise<void> {
    await Promise.race([this.ask('stop', 'stopped'), new Promise((r) => setTimeout(r, 2000))]);
    await this.worker.terminate();
  }
}

import { Worker } from 'node:worker_threads';

/** Handle on the SMTP sink thread. */
export class BenchSmtpSink {
  private constructor(
    private readonly worker: Worker,
    readonly port: number,
  ) {}

  static async start(): Promise<BenchSmtpSink> {
    const worker = new Worker(new URL('./smtp-sink.worker.js', import.meta.url));
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m: { type: string; port?: number; message?: string }) => {
        if (m.type === 'ready') resolve(m.port!);
        if (m.type === 'error') console.error(`SMTP sink: ${m.message}`);
      });
    });
    return new BenchSmtpSink(worker, port);
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

  async stop(): Promise<void> {
    await Promise.race([this.ask('stop', 'stopped'), new Promise((r) => setTimeout(r, 2000))]);
    await this.worker.terminate();
  }
}

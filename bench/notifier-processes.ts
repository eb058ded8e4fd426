// Notifier processes beside the bench's app (BENCH_NOTIFIERS=N): the production split, where
// sending runs in notifier replicas of its own (`npm run start:notifier`) and the rest of the
// system does not share its event loop with SMTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import type { AppConfig } from '#libs/config';
import { QUEUES } from '#libs/queue';
import { redisOptionsFromUrl } from '#libs/workflow';
import { benchEnvOf } from './bench-config.js';

const NOTIFIER_MAIN = fileURLToPath(new URL('../apps/notifier/src/main.js', import.meta.url));

export class NotifierProcesses {
  private constructor(private readonly children: ChildProcess[]) {}

  /** Starts `count` notifier processes on the bench's configuration and waits until each has a worker on the bulk queue. */
  static async start(count: number, config: AppConfig): Promise<NotifierProcesses> {
    const env = benchEnvOf(config);
    const children = Array.from({ length: count }, () =>
      spawn(process.execPath, [NOTIFIER_MAIN], { env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 'ignore', 'inherit'] }),
    );
    const processes = new NotifierProcesses(children);
    const queue = new Queue(QUEUES.notifierBulk, { connection: redisOptionsFromUrl(config.REDIS_URL), prefix: config.QUEUE_PREFIX });
    try {
      for (let waited = 0; (await queue.getWorkersCount()) < count; waited += 100) {
        if (waited > 30_000) throw new Error(`Only ${await queue.getWorkersCount()} of ${count} notifier processes started within 30 s`);
        if (children.some((child) => child.exitCode !== null)) throw new Error('A notifier process exited at start');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } catch (error) {
      await processes.stop();
      throw error;
    } finally {
      await queue.close();
    }
    return processes;
  }

  get pids(): number[] {
    return this.children.flatMap((child) => (child.pid ? [child.pid] : []));
  }

  /** SIGTERM: each finishes or releases its running sends (graceful shutdown), then exits. */
  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const exited = once(child, 'exit');
        const timeout = new Promise((resolve) => setTimeout(resolve, 15_000).unref());
        if ((await Promise.race([exited.then(() => 'exited'), timeout])) !== 'exited') child.kill('SIGKILL');
      }),
    );
  }
}

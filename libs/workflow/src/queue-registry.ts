import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { DEFAULT_JOB_OPTIONS, QueueName } from '#libs/queue';
import { redisOptionsFromUrl } from './redis-options.js';

/**
 * Producer-side queues. Offline queueing is off so a Redis outage fails fast and the outbox
 * row simply stays unpublished for the next relay pass.
 */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        prefix: this.config.QUEUE_PREFIX,
        connection: { ...redisOptionsFromUrl(this.config.REDIS_URL), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      // Errors surface on the calls that fail; an idle reconnect must not crash the process.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}

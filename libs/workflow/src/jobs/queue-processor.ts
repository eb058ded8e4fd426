import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { JobEnvelope, QueueName } from '#libs/queue';
import { JobDispatcher } from './job-dispatcher.js';
import { SERVED_QUEUE } from './on-job.decorator.js';

export interface QueueProcessorOptions {
  /** Jobs run at once by this process's worker; from config when it is tunable. */
  concurrency: number | ((config: AppConfig) => number);
  /**
   * BullMQ's job lock (renewed by the live worker every half of it) and stalled-job check: the
   * jobs of a killed process go back to the queue within about their sum. BullMQ's defaults are
   * 30 s each.
   */
  stalled?: { lockDurationMs: number; stalledIntervalMs: number };
}

/**
 * The one processor class of a queue: every job goes to its `@OnJob` method through the
 * dispatcher, so features never write a processor or a switch over job names. A service module
 * lists `queueProcessor(QUEUES.x, {...})` among its providers for each queue it consumes.
 */
export function queueProcessor(queue: QueueName, options: QueueProcessorOptions): Type<WorkerHost> {
  const fixed = typeof options.concurrency === 'number' ? options.concurrency : 1;

  const stalled = options.stalled ? { lockDuration: options.stalled.lockDurationMs, stalledInterval: options.stalled.stalledIntervalMs } : {};

  @Processor(queue, { concurrency: fixed, ...stalled })
  @Injectable()
  class QueueProcessor extends WorkerHost implements OnApplicationBootstrap {
    constructor(
      @Inject(JobDispatcher) private readonly dispatcher: JobDispatcher,
      @Inject(APP_CONFIG) private readonly config: AppConfig,
    ) {
      super();
    }

    private readonly logger = new Logger(`QueueProcessor(${queue})`);

    /** The decorator's options are fixed when the class is made; a configured concurrency applies once the worker exists. */
    onApplicationBootstrap(): void {
      if (typeof options.concurrency === 'function') this.worker.concurrency = options.concurrency(this.config);
    }

    /**
     * BullMQ emits a worker's own errors (Redis gone, a job's key removed under it) as 'error'
     * events: without a listener they reach the console as "Unhandled error" stack traces, outside
     * the structured log. Registered with the worker when it is made (none in the medium tier).
     */
    @OnWorkerEvent('error')
    onWorkerError(error: Error): void {
      this.logger.warn(`The ${queue} worker reported an error (it keeps running): ${error.message}`);
    }

    process(job: Job<JobEnvelope & Record<string, unknown>>, token?: string) {
      return this.dispatcher.dispatch(job, token);
    }
  }

  Object.defineProperty(QueueProcessor, 'name', { value: `QueueProcessor(${queue})` });
  Reflect.defineMetadata(SERVED_QUEUE, queue, QueueProcessor);
  return QueueProcessor;
}

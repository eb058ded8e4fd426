import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { currentJobName, QUEUE_JOBS, type JobEnvelope, type JobName, type QueueName } from '#libs/queue';
import { DeadJobHooks, type DeadJobHook } from '../dead-job-hooks.js';
import { OutboxJobRunner } from '../outbox-job.runner.js';
import type { FinishedOutcome } from '../outbox-outcome.js';
import type { JobHandler } from './job-context.js';
import { ON_JOB, ON_JOB_DEATH, SERVED_QUEUE } from './on-job.decorator.js';

interface Found {
  handler: JobHandler;
  where: string;
}

/**
 * Finds the `@OnJob` methods of this process and hands each job to the one for its name, through
 * the outbox runner (outcome recorded, permanent failures and exhausted retries dead-lettered).
 * At start it checks that every job a served queue carries has exactly one handler, so a
 * forgotten or doubled handler stops the process with its name instead of failing jobs later.
 */
@Injectable()
export class JobDispatcher implements OnModuleInit, OnApplicationBootstrap {
  private handlers?: Map<string, Found>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly runner: OutboxJobRunner,
    private readonly deadJobHooks: DeadJobHooks,
  ) {}

  /** Every provider exists by now: handlers and dead-job hooks are known before any engine pass runs. */
  onModuleInit(): void {
    this.discover();
  }

  onApplicationBootstrap(): void {
    const handlers = this.discover();
    const missing = this.servedQueues()
      .flatMap((queue) => QUEUE_JOBS[queue].map((job) => ({ queue, job })))
      .filter(({ job }) => !handlers.has(job));
    if (missing.length > 0) {
      throw new Error(`No @OnJob handler for ${missing.map(({ queue, job }) => `${job} (queue ${queue})`).join(', ')}: every job of a served queue needs exactly one.`);
    }
  }

  /** `token` is the worker's lock on the job: with it a handler may put the job back (RetryLaterError). */
  dispatch(job: Job<JobEnvelope & Record<string, unknown>>, token?: string): Promise<FinishedOutcome> {
    const found = this.discover().get(currentJobName(job.name));
    if (!found) return Promise.reject(new Error(`No @OnJob handler for job ${job.name} in this process.`));
    const { outboxId, correlationId, ...payload } = job.data;
    const context = { outboxId, correlationId, queue: job.queueName };
    return this.runner.run(job, () => found.handler(payload as Parameters<JobHandler>[0], context), token);
  }

  /** The queues this process consumes: those with a processor made by `queueProcessor`. */
  private servedQueues(): QueueName[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => (wrapper.metatype ? (Reflect.getMetadata(SERVED_QUEUE, wrapper.metatype) as QueueName | undefined) : undefined))
      .filter((queue): queue is QueueName => queue !== undefined);
  }

  private discover(): Map<string, Found> {
    if (this.handlers) return this.handlers;
    const handlers = new Map<string, Found>();
    const deaths = new Map<string, string>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const target = instance[method];
        if (typeof target !== 'function') continue;
        const where = `${instance.constructor.name}.${method}`;
        const job = this.reflector.get<JobName | undefined>(ON_JOB, target);
        if (job) {
          const twin = handlers.get(job);
          if (twin) throw new Error(`Job ${job} has two @OnJob handlers: ${twin.where} and ${where}.`);
          handlers.set(job, { handler: (target as JobHandler).bind(instance), where });
        }
        const dying = this.reflector.get<JobName | undefined>(ON_JOB_DEATH, target);
        if (dying) {
          const twin = deaths.get(dying);
          if (twin) throw new Error(`Job ${dying} has two @OnJobDeath handlers: ${twin} and ${where}.`);
          deaths.set(dying, where);
          this.deadJobHooks.register(dying, (target as DeadJobHook).bind(instance));
        }
      }
    }
    this.handlers = handlers;
    return handlers;
  }
}

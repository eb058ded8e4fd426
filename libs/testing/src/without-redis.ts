import { BullRegistrar, getQueueToken } from '@nestjs/bullmq';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { ALL_QUEUES } from '#libs/queue';
import { EngineLoop, OutboxReconciler, QueueRegistry } from '#libs/workflow';

function noRedis(what: string): never {
  throw new Error(`${what} needs Redis, which the medium tier does not connect to: assert on the outbox rows, or write an e2e test.`);
}

/**
 * Replaces every provider that would open a Redis connection, so a feature module starts on the
 * database alone:
 * - BullRegistrar (@nestjs/bullmq) creates a Worker, which connects at once, for each @Processor
 *   class when the module initialises (e.g. FollowUpUrgentProcessor, NotifierUrgentProcessor);
 * - each `BullModule.registerQueue` queue (e.g. in FollowUpCoreModule) is a Queue, which connects
 *   when constructed;
 * - QueueRegistry and OutboxReconciler talk to Redis when used, and EngineLoop would use them on
 *   its intervals; without it nothing moves unless the test says so (e.g. TimerSweeper.sweep()).
 */
export function withoutRedis(builder: TestingModuleBuilder): TestingModuleBuilder {
  let replaced = builder
    .overrideProvider(BullRegistrar).useValue({ register: () => undefined })
    .overrideProvider(EngineLoop).useValue({ stop: async () => undefined })
    .overrideProvider(QueueRegistry).useValue({ get: (name: string) => noRedis(`The queue ${name}`), onApplicationShutdown: async () => undefined })
    .overrideProvider(OutboxReconciler).useValue({ reconcile: async () => noRedis('The outbox reconciler') });
  for (const name of ALL_QUEUES) {
    replaced = replaced.overrideProvider(getQueueToken(name)).useValue({ name, opts: {} });
  }
  return replaced;
}

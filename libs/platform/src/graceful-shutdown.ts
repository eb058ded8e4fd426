import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { PrismaService } from '#libs/database';
import { EngineLoop, ShutdownState } from '#libs/workflow';

/**
 * Shutdown in the order that loses nothing: stop looking for new work, let workers finish the
 * jobs they hold (BullMQ's close waits for them; a long batch releases what it has not started),
 * and only then close the database.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly engine: EngineLoop,
    private readonly prisma: PrismaService,
    private readonly shutdown: ShutdownState,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.shutdown.begin();
    await this.engine.stop();
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .flatMap((host) => {
        try {
          return [host.worker];
        } catch {
          return [];
        }
      });
    await Promise.all(workers.map((worker) => worker.close()));
    if (signal) this.logger.log(`Stopped on ${signal}: ${workers.length} workers finished their jobs.`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

import { Controller, Get, Inject } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import nodemailer, { type TransportOptions } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { SERVICE_PINGS, schemaRef } from '#libs/contracts';
import { ApiAnswers } from '../http/api-answers.js';
import { PrismaService } from '#libs/database';
import { redisOptionsFromUrl, withTimeout } from '#libs/workflow';
import { Public } from '../auth/roles.decorator.js';
import { ServiceClient } from '../http/service-client.js';

const TIMEOUT_MS = 2000;


/** Liveness and readiness of everything a request depends on: 503 naming what is down. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly prisma: PrismaService,
    private readonly services: ServiceClient,
  ) {}

  @Get()
  // Its own swagger answers come from a require() that fails silently under jest's ESM; ours are documented once, below.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @Public('Health of Postgres, Redis, NATS (and the services behind it) and SMTP')
  @ApiAnswers(200, 'HealthReport')
  @ApiResponse({ status: 503, description: 'Something is down: the same report, naming it.', schema: schemaRef('HealthReport') })
  check() {
    return this.health.check([
      () => this.probe('postgres', () => this.prisma.$queryRaw`SELECT 1`),
      () => this.probe('redis', () => this.pingRedis()),
      () => this.probe('nats', () => Promise.all(SERVICE_PINGS.map((contract) => this.services.ping(contract)))),
      () => this.probe('smtp', () => this.verifySmtp()),
    ]);
  }

  private async probe(key: string, work: () => Promise<unknown>) {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(work(), TIMEOUT_MS, key);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  private async pingRedis(): Promise<void> {
    const redis = new Redis({ ...redisOptionsFromUrl(this.config.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  }

  private async verifySmtp(): Promise<void> {
    const transport = nodemailer.createTransport({ url: this.config.SMTP_URL, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, ignoreTLS: true } as TransportOptions);
    try {
      await transport.verify();
    } finally {
      transport.close();
    }
  }
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpException, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { checkMetricsAccess } from './metrics-access.js';

/** prom-client's process metrics register once per process, whoever asks first. */
export function collectProcessMetricsOnce(): void {
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
}

/**
 * GET /metrics on METRICS_PORT, for a service replica that serves no HTTP API (the gateway and
 * all-in-one answer /metrics on their API port), so Prometheus scrapes every process. The same
 * METRICS_TOKEN rule as the gateway's /metrics applies.
 */
@Injectable()
export class MetricsEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsEndpoint.name);
  private server?: Server;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The port it listens on, or undefined when METRICS_PORT is not set. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === undefined) return;
    collectProcessMetricsOnce();
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      try {
        checkMetricsAccess(this.config, request.headers.authorization);
      } catch (refused) {
        response.writeHead(refused instanceof HttpException ? refused.getStatus() : 403).end();
        return;
      }
      register.metrics().then(
        (text) => response.writeHead(200, { 'Content-Type': register.contentType }).end(text),
        (error: Error) => response.writeHead(500).end(error.message),
      );
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.config.METRICS_PORT, () => resolve()));
    this.server = server;
    this.logger.log(`Serving /metrics on port ${this.port}.`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { ConfigModule, type AppConfig, configFromProcessEnv } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { NotificationsModule } from '#libs/notifications';
import { OrgModule } from '#libs/org';
import { Clock, TimeModule } from '#libs/time';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import { GracefulShutdown } from './graceful-shutdown.js';
import { redactRequest, REDACTED, SECRET_HEADER_PATHS } from './log-redaction.js';
import { MetricsEndpoint } from './metrics-endpoint.js';
import { BullRootModule, WorkflowModule, type EngineTimings } from '#libs/workflow';

export interface PlatformOptions {
  config?: AppConfig;
  clock?: Clock;
  engine?: Partial<EngineTimings>;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: DestinationStream;
}

export const CORRELATION_HEADER = 'x-correlation-id';

/** Request logging: a correlation id on every line, and no credential or email-link token in any. */
function httpLogOptions(config: AppConfig): PinoHttpOptions {
  return {
    level: config.LOG_LEVEL,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers[CORRELATION_HEADER];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    customProps: (request: IncomingMessage) => ({ correlationId: (request as IncomingMessage & { id: string }).id }),
    autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' || request.url === '/metrics' },
    redact: { paths: SECRET_HEADER_PATHS, censor: REDACTED },
    serializers: { req: redactRequest },
  };
}

/** What every salesflow process runs: config, logging, clock, database, the workflow engine. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions = {}): DynamicModule {
    const config = options.config ?? configFromProcessEnv();
    return {
      module: PlatformModule,
      imports: [
        DiscoveryModule,
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: options.logStream ? [httpLogOptions(config), options.logStream] : httpLogOptions(config) }),
        TimeModule.forRoot(options.clock),
        DatabaseModule,
        BullRootModule,
        WorkflowModule.forRoot(options.engine),
        NotificationsModule,
        OrgModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }, GracefulShutdown, MetricsEndpoint],
      exports: [BullRootModule],
    };
  }
}

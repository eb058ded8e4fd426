import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { openApiComponents } from '#libs/contracts';
import { PrefixedNatsServer } from '#libs/rpc';
import { markFormBody } from './form-body.js';
import { refuseHostileInput } from './hostile-input.middleware.js';
import { createValidationPipe } from './validation.pipe.js';

type RootModule = Parameters<typeof NestFactory.create>[0];

function natsStrategy(config: AppConfig): MicroserviceOptions {
  return { strategy: new PrefixedNatsServer(config.QUEUE_PREFIX, { servers: [config.NATS_URL], gracefulShutdown: true, gracePeriod: 2000 }) };
}

/** An HTTP app (gateway or all-in-one); `serveNats` also answers the services' NATS subjects. */
export async function createHttpApp(root: RootModule, options: { serveNats: boolean }): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(root, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // The parsers Nest would add at init, added here so the checks below run on what they parsed.
  app.useBodyParser('json');
  app.useBodyParser('urlencoded', { extended: true });
  app.use(refuseHostileInput, markFormBody);
  app.enableShutdownHooks();
  app.useGlobalPipes(createValidationPipe());
  const config = app.get<AppConfig>(APP_CONFIG);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('salesflow')
      .setDescription('Workflow automation for sales organizations. Each operation lists the roles that may call it.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  // The answer shapes come from the zod schemas the services' answer types are inferred from.
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...openApiComponents() } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  if (options.serveNats) {
    app.connectMicroservice(natsStrategy(config), { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  return app;
}

/** A service replica with no HTTP: it answers its NATS subjects and runs its workers. */
export async function createServiceApp(root: RootModule, config: AppConfig): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(root, { ...natsStrategy(config), bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}

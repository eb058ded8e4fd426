import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { configFromProcessEnv } from '#libs/config';
import { createHttpApp, createServiceApp } from './bootstrap.js';
import { PlatformModule, type PlatformOptions } from './platform.module.js';

@Module({})
class ServiceRootModule {}

/** The root module of a process: the platform (config, logging, database, engine) and the given service modules. */
export function serviceRoot(services: Type[], options: PlatformOptions = {}): DynamicModule {
  return { module: ServiceRootModule, imports: [PlatformModule.forRoot(options), ...services] };
}

export interface ServiceMainOptions {
  /** Serve HTTP on PORT (the gateway, the all-in-one process). */
  http?: boolean;
  /** With `http`, also answer the services' NATS subjects in this process (all-in-one). */
  serveNats?: boolean;
  /** Defaults for this kind of process, under what the environment says. */
  configDefaults?: Record<string, string>;
}

/**
 * Everything a `main.ts` does: read and validate the configuration, build the process around the
 * service modules, and serve until a signal stops it (graceful shutdown in the platform). A
 * service replica answers its NATS subjects and runs its queues' workers; `http` makes it serve
 * the API.
 */
export async function createServiceMain(services: Type | Type[], options: ServiceMainOptions = {}): Promise<void> {
  const config = configFromProcessEnv(options.configDefaults);
  const root = serviceRoot(Array.isArray(services) ? services : [services], { config });
  if (options.http) {
    const app = await createHttpApp(root, { serveNats: options.serveNats ?? false });
    await app.listen(config.PORT);
    return;
  }
  const app = await createServiceApp(root, config);
  await app.listen();
}

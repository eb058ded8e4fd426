import 'reflect-metadata';
import { createServiceMain } from '#libs/platform';
import { GatewayModule } from './gateway.module.js';

await createServiceMain(GatewayModule, { http: true });

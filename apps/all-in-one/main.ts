import 'reflect-metadata';
import { createServiceMain } from '#libs/platform';
import { ALL_SERVICES } from './all-in-one.module.js';

// The five services share one pool here; run apart, each has DATABASE_POOL_SIZE of its own.
await createServiceMain(ALL_SERVICES, { http: true, serveNats: true, configDefaults: { DATABASE_POOL_SIZE: '20' } });

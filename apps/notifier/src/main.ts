import 'reflect-metadata';
import { configFromProcessEnv } from '#libs/config';
import { createServiceApp } from '#libs/platform';
import { NotifierAppModule } from './notifier-app.module.js';

const config = configFromProcessEnv();
const app = await createServiceApp(NotifierAppModule.forRoot({ config }), config);
await app.listen();

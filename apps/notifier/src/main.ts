import 'reflect-metadata';
import { configFromProcessEnv } from '../../../libs/config/src/index.js';
import { createServiceApp } from '../../../libs/platform/src/index.js';
import { NotifierAppModule } from './notifier-app.module.js';

const config = configFromProcessEnv();
const app = await createServiceApp(NotifierAppModule.forRoot({ config }), config);
await app.listen();

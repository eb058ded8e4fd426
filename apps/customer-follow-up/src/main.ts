import 'reflect-metadata';
import { configFromProcessEnv } from '../../../libs/config/src/index.js';
import { createServiceApp } from '../../../libs/platform/src/index.js';
import { CustomerFollowUpAppModule } from './customer-follow-up-app.module.js';

const config = configFromProcessEnv();
const app = await createServiceApp(CustomerFollowUpAppModule.forRoot({ config }), config);
await app.listen();

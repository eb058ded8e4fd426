import 'reflect-metadata';
import { configFromProcessEnv } from '#libs/config';
import { createServiceApp } from '#libs/platform';
import { CustomerFollowUpAppModule } from './customer-follow-up-app.module.js';

const config = configFromProcessEnv();
const app = await createServiceApp(CustomerFollowUpAppModule.forRoot({ config }), config);
await app.listen();

import 'reflect-metadata';
import { createServiceMain } from '#libs/platform';
import { CustomerFollowUpModule } from './customer-follow-up.module.js';

await createServiceMain(CustomerFollowUpModule);

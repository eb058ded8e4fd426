import 'reflect-metadata';
import { createServiceMain } from '#libs/platform';
import { NotifierModule } from './notifier.module.js';

await createServiceMain(NotifierModule);

import 'reflect-metadata';
import { createServiceMain } from '#libs/platform';
import { AppraisalModule } from './appraisal.module.js';

await createServiceMain(AppraisalModule);

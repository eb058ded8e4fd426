import 'reflect-metadata';
import { createServiceMain } from '#libs/platform';
import { TrainingSchedulingModule } from './training-scheduling.module.js';

await createServiceMain(TrainingSchedulingModule);

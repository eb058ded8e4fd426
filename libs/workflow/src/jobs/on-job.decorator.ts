import { SetMetadata } from '@nestjs/common';
import type { JobName } from '#libs/queue';

export const ON_JOB = 'salesflow:on-job';
export const ON_JOB_DEATH = 'salesflow:on-job-death';
/** On a processor class made by `queueProcessor`: the queue it consumes. */
export const SERVED_QUEUE = 'salesflow:served-queue';

/**
 * Marks the method that handles every job of this name, wherever it is queued. The method gets
 * the job's payload (ids only) and its context, and returns 'done' or 'skipped'. Exactly one
 * method per job name in a process: JobDispatcher refuses to start otherwise.
 */
export const OnJob = (name: JobName): MethodDecorator => SetMetadata(ON_JOB, name);

/**
 * Marks the method that books the domain's rows when a job of this name dies for good (a
 * permanent error, retries exhausted, or found failed by the reconciler), in the transaction of
 * its dead letter: `(tx, error, payload) => Promise<void>`.
 */
export const OnJobDeath = (name: JobName): MethodDecorator => SetMetadata(ON_JOB_DEATH, name);

export * from './on-job.decorator.js';
export * from './job-context.js';
export * from './job-dispatcher.js';
export * from './queue-processor.js';

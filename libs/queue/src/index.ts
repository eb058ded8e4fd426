export * from './queues.js';
export * from './events.js';

export * from './redis-cleanup.js';
export * from './smtp-sink.js';
export * from './template-database.js';
export * from './test-database.js';
export * from './wait-for.js';

export * from './feature-testing-module.js';
export * from './redis-cleanup.js';
export * from './smtp-sink.js';
export * from './template-database.js';
export * from './test-config.js';
export * from './test-database.js';
export * from './wait-for.js';
export * from './without-redis.js';

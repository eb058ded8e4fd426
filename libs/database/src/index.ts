export * from './prisma.service.js';
export * from './database.service.js';
export * from './outbox-signal.js';
export * from './outbox.writer.js';
export * from './database.module.js';
export * from './idempotency.js';
export * from './unique-violation.js';

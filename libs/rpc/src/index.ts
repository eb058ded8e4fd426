export * from './domain-errors.js';
export * from './prefixed-nats.js';
export * from './rpc-envelope.js';
export * from './rpc-exception.filter.js';
export * from './rpc-handler.js';
export * from './page.js';
export * from './is-uuid.js';
export * from './unavailable.js';

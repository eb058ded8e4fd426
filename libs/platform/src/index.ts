export * from './all-exceptions.filter.js';
export * from './bootstrap.js';
export * from './platform.module.js';
export * from './service-main.js';
export * from './form-body.js';
export * from './hostile-input.js';
export * from './metrics-endpoint.js';

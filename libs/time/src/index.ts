export * from './clock.js';
export * from './policy-duration.js';
export * from './time.module.js';
export * from './wall-clock.js';
export * from './work-calendar.js';
export * from './working-intervals.js';
export * from './working-time.js';
export * from './deadline-moments.js';

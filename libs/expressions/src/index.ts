export * from './filtrex-inspector.js';
export * from './filtrex-problems.js';

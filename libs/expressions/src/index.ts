export * from './filtrex-inspector.js';

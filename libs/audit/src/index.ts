export * from './audit.writer.js';

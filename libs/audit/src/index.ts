export * from './audit.writer.js';
export * from './audit.reader.js';

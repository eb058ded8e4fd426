export * from './scraped-gauge.js';
export * from './salesflow-metrics.js';

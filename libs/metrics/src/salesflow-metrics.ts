import { Histogram } from 'prom-client';
import { ScrapedGauge } from './scraped-gauge.js';

/**
 * Every metric salesflow registers besides prom-client's defaults and the notifier's send
 * counters, in one place, so the Grafana dashboard can be checked against it. Names and labels
 * carry no ids, emails or tokens: routes are templates, jobs and patterns are names.
 */

const FAST = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SLOW = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

function seconds<L extends string>(name: string, help: string, labelNames: readonly L[], buckets = FAST): Histogram<L> {
  return new Histogram({ name, help, labelNames, buckets });
}

export const httpRequestDuration = seconds(
  'salesflow_http_request_duration_seconds',
  'HTTP requests answered by the gateway, by method, route template and status code.',
  ['method', 'route', 'status'],
);

export const natsRequestDuration = seconds(
  'salesflow_nats_request_duration_seconds',
  'Requests the gateway sent over NATS, by pattern and outcome (ok, or the error status).',
  ['pattern', 'outcome'],
);

export const jobDuration = seconds(
  'salesflow_job_duration_seconds',
  'Queue jobs run by the shared job runner, by queue, job name and outcome (done, skipped, retry, dead).',
  ['queue', 'job', 'outcome'],
);

export const timerLateness = seconds(
  'salesflow_timer_lateness_seconds',
  'How late timers fired: the sweep that fired them minus their due time, by timer kind.',
  ['kind'],
  SLOW,
);

export const queueJobs = new ScrapedGauge({
  name: 'salesflow_queue_jobs',
  help: 'Jobs in each BullMQ queue by state (waiting, active, delayed, failed), read on scrape.',
  labelNames: ['queue', 'state'] as const,
});

export const outboxWaiting = new ScrapedGauge({
  name: 'salesflow_outbox_waiting',
  help: 'Outbox rows not done: stage unpublished (waiting for the relay) or published (a job in flight), read on scrape.',
  labelNames: ['stage'] as const,
});

export const outboxOldestAge = new ScrapedGauge({
  name: 'salesflow_outbox_oldest_waiting_age_seconds',
  help: 'Age of the oldest outbox row not done, by stage (unpublished, published), read on scrape.',
  labelNames: ['stage'] as const,
});

export const timersDue = new ScrapedGauge({
  name: 'salesflow_timers_due',
  help: 'Timers due and not fired yet, read on scrape.',
});

export const emailsByStatus = new ScrapedGauge({
  name: 'salesflow_emails',
  help: 'Emails in the send ledger by status (queued, sending, sent, retrying, unknown, dead, suppressed), read on scrape.',
  labelNames: ['status'] as const,
});

export const deadLetters = new ScrapedGauge({
  name: 'salesflow_dead_letters',
  help: 'Dead letters not retried yet, by queue, read on scrape.',
  labelNames: ['queue'] as const,
});

import { MetricsEndpoint } from '#libs/platform';
import { ALL_QUEUES } from '#libs/queue';
import { waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { parseSamples, scrape, valueOf, type Sample } from '../support/prometheus-text.js';
import { ALWAYS, putPolicy } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

const T0 = new Date('2027-03-10T02:00:00Z');
const HOUR = 3600_000;
// A reminder at half of a one-hour SLA: due 30 minutes after the submission.
const POLICY = { reminderAt: 0.5, stages: [{ name: 'manager', when: 'discountPct > 5', approvers: ['manager'], mode: 'all', sla: 'PT1H' }] };

describe('Prometheus metrics: each present, and moving when its event happens', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    env: { METRICS_PORT: '0' },
    async setUp() {
      await seedOrg(system, { calendar: ALWAYS });
      await putPolicy(system, POLICY);
    },
  });

  const submit = (title: string) => system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title, discountPct: 8 }).expect(201);
  /** Runs `work` while the SMTP server answers the manager's emails with `code`. */
  async function whileManagerMailGets(code: number, message: string, work: () => Promise<unknown>): Promise<void> {
    system.smtp.respondWith(({ to }) => (to.includes(ORG.manager) ? { code, message } : undefined));
    try {
      await work();
    } finally {
      system.smtp.respondWith(() => undefined);
    }
  }
  const grows = (what: string, before: number, read: (samples: Sample[]) => number) =>
    waitFor(what, () => scrape(system), (samples) => read(samples) > before);

  it('submitting a contract counts the HTTP request under its route template and the NATS request under its pattern', async () => {
    const before = await scrape(system);
    const http = { method: 'POST', route: '/contracts', status: '201' };
    const nats = { pattern: 'contract-approval.contracts.submit', outcome: 'ok' };
    const submitted = await submit('Counted order');
    const after = await scrape(system);
    expect(valueOf(after, 'salesflow_http_request_duration_seconds_count', http)).toBe(valueOf(before, 'salesflow_http_request_duration_seconds_count', http) + 1);
    expect(valueOf(after, 'salesflow_nats_request_duration_seconds_count', nats)).toBe(valueOf(before, 'salesflow_nats_request_duration_seconds_count', nats) + 1);

    await system.as(ORG.rep).get(`/contracts/${submitted.body.id}`).expect(200);
    const read = await scrape(system);
    expect(valueOf(read, 'salesflow_http_request_duration_seconds_count', { method: 'GET', route: '/contracts/:id', status: '200' })).toBeGreaterThan(0);
    // Labels carry templates and names only: never an id from a URL.
    expect(read.some((sample) => Object.values(sample.labels).some((value) => value.includes(submitted.body.id)))).toBe(false);
  });

  it('an email-link page is counted under its template, never with the token in a label', async () => {
    const token = 'metricsprobetoken0123456789abcdef';
    const answer = await system.http.get(`/actions/${token}`);
    const samples = await scrape(system);
    expect(valueOf(samples, 'salesflow_http_request_duration_seconds_count', { route: '/actions/:token', status: String(answer.status) })).toBeGreaterThan(0);
    expect(samples.some((sample) => Object.values(sample.labels).some((value) => value.includes(token)))).toBe(false);
  });

  it('a refused request is counted too, with its status', async () => {
    const before = valueOf(await scrape(system), 'salesflow_http_request_duration_seconds_count', { route: '/contracts', status: '401' });
    await system.http.post('/contracts').send({}).expect(401);
    expect(valueOf(await scrape(system), 'salesflow_http_request_duration_seconds_count', { route: '/contracts', status: '401' })).toBe(before + 1);
  });

  it('an email sent moves the ledger\u2019s sent count and the notifier job\u2019s duration count', async () => {
    const before = await scrape(system);
    const sentBefore = valueOf(before, 'salesflow_emails', { status: 'sent' });
    const jobsBefore = valueOf(before, 'salesflow_job_duration_seconds_count', { queue: 'notifier-urgent', job: 'notification.send', outcome: 'done' });
    await submit('Mailed order');
    await grows('one more email sent in the ledger', sentBefore, (samples) => valueOf(samples, 'salesflow_emails', { status: 'sent' }));
    await grows('one more notification.send job done', jobsBefore, (samples) =>
      valueOf(samples, 'salesflow_job_duration_seconds_count', { queue: 'notifier-urgent', job: 'notification.send', outcome: 'done' }));
  });

  it('a timer firing late is observed with how late it fired (clock moved 3 h past a reminder due at +30 min)', async () => {
    const kind = { kind: 'approval.remind' };
    const before = await scrape(system);
    await submit('Late reminder');
    clock.advance(3 * HOUR);
    const after = await grows('the reminder fired', valueOf(before, 'salesflow_timer_lateness_seconds_count', kind), (samples) =>
      valueOf(samples, 'salesflow_timer_lateness_seconds_count', kind));
    // Earlier submissions' reminders were due earlier still; this one alone adds 2.5 h.
    const added = valueOf(after, 'salesflow_timer_lateness_seconds_sum', kind) - valueOf(before, 'salesflow_timer_lateness_seconds_sum', kind);
    expect(added).toBeGreaterThanOrEqual(2.5 * 3600);
  });

  it('an email the SMTP server refuses for good shows as a dead email and a dead letter of the notifier queue', async () => {
    const before = await scrape(system);
    await whileManagerMailGets(550, '5.1.1 No such mailbox', async () => {
      await submit('Undeliverable order');
      await grows('a dead email', valueOf(before, 'salesflow_emails', { status: 'dead' }), (samples) => valueOf(samples, 'salesflow_emails', { status: 'dead' }));
      await grows('a dead letter on notifier-urgent', valueOf(before, 'salesflow_dead_letters', { queue: 'notifier-urgent' }), (samples) =>
        valueOf(samples, 'salesflow_dead_letters', { queue: 'notifier-urgent' }));
    });
  });

  it('shows queue depth for every queue and state, the outbox backlog and its oldest age, and timers due', async () => {
    const samples = await scrape(system);
    for (const queue of ALL_QUEUES) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(samples.some((sample) => sample.name === 'salesflow_queue_jobs' && sample.labels.queue === queue && sample.labels.state === state)).toBe(true);
      }
    }
    for (const stage of ['unpublished', 'published']) {
      expect(samples.some((sample) => sample.name === 'salesflow_outbox_waiting' && sample.labels.stage === stage)).toBe(true);
      expect(samples.some((sample) => sample.name === 'salesflow_outbox_oldest_waiting_age_seconds' && sample.labels.stage === stage)).toBe(true);
    }
    expect(samples.some((sample) => sample.name === 'salesflow_timers_due')).toBe(true);
    expect(valueOf(samples, 'salesflow_metric_read_failures_total')).toBe(0);
  });

  it('a process also serves its metrics on METRICS_PORT (how a service replica without HTTP is scraped)', async () => {
    const port = system.app.get(MetricsEndpoint).port;
    expect(port).toBeGreaterThan(0);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    const samples = parseSamples(await response.text());
    expect(samples.some((sample) => sample.name === 'salesflow_job_duration_seconds_count')).toBe(true);
    expect(samples.some((sample) => sample.name === 'process_cpu_user_seconds_total')).toBe(true);
  });

  it('an email the SMTP server puts off keeps its job in flight: the published outbox backlog and its oldest age show it', async () => {
    const before = await scrape(system);
    await whileManagerMailGets(451, '4.3.0 Mailbox busy, try again later', async () => {
      await submit('Postponed order');
      await grows('an email retrying', valueOf(before, 'salesflow_emails', { status: 'retrying' }), (samples) => valueOf(samples, 'salesflow_emails', { status: 'retrying' }));
      const inFlight = await grows('a published outbox row not done', 0, (samples) => valueOf(samples, 'salesflow_outbox_waiting', { stage: 'published' }));
      expect(valueOf(inFlight, 'salesflow_outbox_oldest_waiting_age_seconds', { stage: 'published' })).toBeGreaterThan(0);
    });
  });
});

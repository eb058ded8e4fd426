// `npm run bench`: the whole system in this process (all-in-one) against Postgres, Redis and
// NATS, with a database, queue prefix and SMTP sink of its own. Prints figures; asserts nothing.
//
// Environment knobs (for short or profiled runs): BENCH_SUBMISSIONS (500), BENCH_TRANSITIONS (500),
// BENCH_RATE (the open-loop rate; default: half the submissions/s phase 2 measured, else 50), BENCH_SECONDS (10), BENCH_CONCURRENCY (20), BENCH_RAW_JOBS (20000),
// BENCH_POOL (DATABASE_POOL_SIZE, default: the app's default), BENCH_ONLY (comma list of 2,3,4),
// BENCH_SQL_DETAIL=1 (list the statements sent per phase), BENCH_PHASE_S (15: time box of a
// closed-loop phase), BENCH_WAIT_S (20: how long to wait for the last emails),
// BENCH_CPU_PROF=<dir> (a CPU profile of the app's main thread per measured phase),
// BENCH_NOTIFIERS=N (sending in N notifier processes of their own: the production split, not the
// all-in-one target), BENCH_READS (2000: requests of the read floor, phase 5),
// BENCH_DATABASE_URL (the Postgres server to create the bench database on; e.g.
// postgresql://postgres@localhost/postgres?host=/var/run/postgresql for its Unix socket).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { AllInOneModule } from '../apps/all-in-one/all-in-one.module.js';
import type { AppConfig } from '#libs/config';
import { createHttpApp } from '#libs/platform';
import { QUEUES } from '#libs/queue';
import { redisOptionsFromUrl } from '#libs/workflow';
import { createBenchDatabase, type BenchDatabase } from './bench-db.js';
import { cpuSeconds, cpuSnapshot, type CpuSnapshot } from './cpu-meter.js';
import { NotifierProcesses } from './notifier-processes.js';
import { LoadGenerator, type LoadRequest, type LoadResult } from './load.js';
import { startProfile, stopProfile } from './profiler.js';
import { rawBullmq } from './raw-bullmq.js';
// By path: #libs/testing is the test harness (jest, smtp-server), left out of the build; this one file is not.
import { deleteRedisPrefix } from '../libs/testing/src/redis-cleanup.js';
import { BenchSmtpSink } from './smtp-sink.js';
import { excludeFromSqlCount, installSqlCounter, sqlDelta, sqlSnapshot, traceSql, type SqlSnapshot } from './sql-counter.js';
import { fmt, median, pad, percentile } from './stats.js';
import { runBench } from './bench-run.js';
import { benchConfig } from './bench-config.js';
import { cleanupStep } from './cleanup-step.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SUBMISSIONS = env('BENCH_SUBMISSIONS', 500);
const TRANSITIONS = env('BENCH_TRANSITIONS', 500);
const FIXED_RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
const SECONDS = env('BENCH_SECONDS', 10);
const CONCURRENCY = env('BENCH_CONCURRENCY', 20);
const RAW_JOBS = env('BENCH_RAW_JOBS', 20_000);
const NOTIFIERS = env('BENCH_NOTIFIERS', 0);
const READS = env('BENCH_READS', 2000);
const ONLY = new Set((process.env.BENCH_ONLY ?? '2,3,4,5').split(','));
const WAIT_MS = env('BENCH_WAIT_S', 20) * 1000;
/** No new request leaves after this long in a closed-loop phase: a slow system still finishes in bounded time. */
const PHASE_MS = env('BENCH_PHASE_S', 15) * 1000;
/** Phase 2's end-to-end submissions/s, which sets phase 4's rate. */
let measuredSubmissionRate: number | undefined;
const BUDGET_MS = env('BENCH_BUDGET_S', 150) * 1000;
const JWT_SECRET = `bench-${randomBytes(12).toString('hex')}`;
const ADMIN = 'bench-admin@salesflow.bench';
const MANAGERS = 10;
const REPS_PER_MANAGER = 5;

const log = (line = '') => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const token = (email: string) => jwt.sign({ sub: email }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '2h' });

interface Rep {
  email: string;
  token: string;
  manager: { email: string; token: string };
}

/** Every piece of state the run creates, so cleanup can undo all of it, once. */
const state: {
  db?: BenchDatabase;
  smtp?: BenchSmtpSink;
  app?: INestApplication;
  load?: LoadGenerator;
  notifiers?: NotifierProcesses;
  poll?: pg.Client;
  probeQueue?: Queue;
  config?: AppConfig;
  prefixes: string[];
} = { prefixes: [] };

let cleaned: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    const step = (what: string, work: () => Promise<unknown> | undefined, limitMs = 15_000) => cleanupStep(what, work, limitMs);
    await step('load generator', () => state.load?.stop());
    await step('probe queue', () => state.probeQueue?.close());
    // After an overload, graceful shutdown waits for transactions still queued for a connection.
    await step('app', () => state.app?.close(), 30_000);
    await step('notifier processes', () => state.notifiers?.stop(), 30_000);
    await step('poll client', () => state.poll?.end());
    await step('SMTP sink', () => state.smtp?.stop());
    for (const prefix of state.prefixes) await step(`Redis keys ${prefix}:*`, () => deleteRedisPrefix(state.config?.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix));
    await step('database', () => state.db?.drop());
  })();
  return cleaned;
}

// ---------------------------------------------------------------- measuring helpers

interface PhaseMeter {
  stop(): { cpu: Record<string, number>; loopP50: number; loopP99: number; loopMax: number; wallSeconds: number; sql: ReturnType<typeof sqlDelta> };
}

/** The bench's own threads (load generator, SMTP sink), counted apart from the system's. */
const benchThreads: Record<string, number> = {};

function snapshot(): CpuSnapshot {
  return cpuSnapshot(state.db?.name, state.notifiers?.pids ?? [], benchThreads);
}

function startMeter(): PhaseMeter {
  const before: CpuSnapshot = snapshot();
  const sqlBefore: SqlSnapshot = sqlSnapshot();
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const started = performance.now();
  return {
    stop() {
      loop.disable();
      return {
        cpu: cpuSeconds(before, snapshot()),
        // The histogram records the whole timer interval; the lag is what exceeds it.
        loopP50: Math.max(0, loop.percentile(50) / 1e6 - LOOP_RESOLUTION_MS),
        loopP99: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
        loopMax: Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS),
        wallSeconds: (performance.now() - started) / 1000,
        sql: sqlDelta(sqlBefore, sqlSnapshot()),
      };
    },
  };
}

function printMeter(label: string, m: ReturnType<PhaseMeter['stop']>, items: number): void {
  const c = m.cpu;
  const total = c.appMain + c.appOther + c.children + c.postgres + c.redis + c.nats;
  const bench = (c.loadGenerator ?? 0) + (c.smtpSink ?? 0);
  const perItem = (s: number) => `${fmt((s * 1000) / items, 2)} ms`;
  log(`  CPU during ${label} (${fmt(m.wallSeconds)} s wall, 2 cores = ${fmt(2 * m.wallSeconds)} CPU-s): this system ${fmt(total, 2)} CPU-s = ${fmt((100 * total) / (2 * m.wallSeconds), 0)}% of the machine; other Postgres databases (other sessions, approx.) ${fmt(Math.max(0, c.postgresOther), 2)} CPU-s`);
  const rest = Math.max(0, c.machine - total - bench);
  log(`    the bench's own threads (HTTP load generator ${fmt(c.loadGenerator ?? 0, 2)} s, ${perItem(c.loadGenerator ?? 0)}/item; SMTP sink ${fmt(c.smtpSink ?? 0, 2)} s, ${perItem(c.smtpSink ?? 0)}/item) = ${fmt((100 * bench) / (2 * m.wallSeconds), 0)}% of the machine`);
  log(`    everything else on the machine (other sessions and kernel: noise when large) ${fmt(rest, 2)} CPU-s = ${fmt((100 * rest) / (2 * m.wallSeconds), 0)}% of the machine`);
  log(`    app main thread ${fmt(c.appMain, 2)} s (${perItem(c.appMain)}/item) | app other threads (GC, libuv) ${fmt(c.appOther, 2)} s (${perItem(c.appOther)}/item)${NOTIFIERS > 0 ? ` | ${NOTIFIERS} notifier process(es) ${fmt(c.children, 2)} s (${perItem(c.children)}/item)` : ''}`);
  log(`    postgres (this database + WAL/checkpointer) ${fmt(c.postgres, 2)} s (${perItem(c.postgres)}/item) | redis ${fmt(c.redis, 2)} s (${perItem(c.redis)}/item) | nats ${fmt(c.nats, 2)} s`);
  log(`    app event-loop delay: p50 ${fmt(m.loopP50)} ms, p99 ${fmt(m.loopP99)} ms, max ${fmt(m.loopMax)} ms`);
  log(`  SQL sent by the app: ${m.sql.total} statements (${fmt(m.sql.total / items)} per item), ${m.sql.transactions} transactions (${fmt(m.sql.transactions / items, 2)} per item)`);
  if (process.env.BENCH_SQL_DETAIL) for (const [text, n] of m.sql.top.slice(0, 40)) log(`    ${pad(fmt(n / items, 2), 6)} ${text}`);
}

function httpSummary(label: string, results: LoadResult[]): void {
  const ok = results.filter((r) => r.status >= 200 && r.status < 300);
  const bad = results.length - ok.length;
  const ms = ok.map((r) => r.ms);
  log(`  HTTP ${label}: ${ok.length}/${results.length} 2xx; latency p50 ${fmt(median(ms))} ms, p95 ${fmt(percentile(ms, 95))} ms, p99 ${fmt(percentile(ms, 99))} ms, max ${fmt(Math.max(...ms))} ms`);
  if (bad > 0) {
    const samples = [...new Set(results.filter((r) => !(r.status >= 200 && r.status < 300)).map((r) => `${r.status} ${r.error ?? ''}`))].slice(0, 3);
    log(`  WARNING: ${bad} requests failed, e.g. ${samples.join(' | ')}`);
    problems.push(`${label}: ${bad} failed requests`);
  }
}

const problems: string[] = [];
const LOOP_RESOLUTION_MS = 5;

/**
 * One request alone on an otherwise quiet system, with every SQL statement it causes timed: how
 * much of its latency has a statement in flight, and how much is JavaScript between statements.
 */
async function traceOne(label: string, send: () => Promise<Response>, settleMs = 1500): Promise<void> {
  await sleep(settleMs); // let the engine's loops go quiet
  const { result: response, statements, started, ended } = await traceSql(async () => {
    const r = await send();
    await r.text();
    return r;
  });
  const inRequest = statements.filter((s) => s.start <= ended);
  // Time with at least one statement in flight (Postgres + network + driver), the rest is JS.
  let covered = 0;
  let cursor = started;
  for (const s of [...inRequest].sort((a, b) => a.start - b.start)) {
    const end = Number.isFinite(s.end) ? Math.min(s.end, ended) : s.start;
    covered += Math.max(0, end - Math.max(s.start, cursor));
    cursor = Math.max(cursor, end);
  }
  const total = ended - started;
  log(`  One ${label} alone (status ${response.status}): ${fmt(total)} ms, ${inRequest.length} SQL statements (${inRequest.filter((s) => s.sql === 'BEGIN').length} BEGINs; includes the engine's own polling meanwhile)`);
  log(`    a statement in flight ${fmt(covered)} ms (${fmt((100 * covered) / total, 0)}%); JavaScript with none in flight ${fmt(total - covered)} ms (${fmt((100 * (total - covered)) / total, 0)}%): ${fmt(total / Math.max(1, inRequest.length), 2)} ms per statement in all`);
  if (process.env.BENCH_SQL_DETAIL) {
    for (const s of inRequest) log(`      +${pad(fmt(s.start - started), 7)} ${pad(fmt(s.end - s.start, 2), 6)} ${s.sql.slice(0, 90)}`);
  }
}

/** Waits until every approval-request email of `stage` for these contracts is `sent`; returns when the last one was sent. */
async function waitForRequestsSent(contractIds: string[], stage: string): Promise<{ sent: number; lastSentAt: number | null }> {
  const deadline = Date.now() + WAIT_MS;
  let seen = { sent: 0, lastSentAt: null as number | null };
  while (Date.now() < deadline) {
    const { rows } = await state.poll!.query<{ sent: string; last: number | null }>(
      `SELECT count(*) FILTER (WHERE status = 'sent') AS sent,
              (extract(epoch FROM max("sentAt")) * 1000)::float8 AS last
         FROM "Notification"
        WHERE kind = 'approval-request'
          AND split_part("idempotencyKey", ':', 2) = ANY($1::text[])
          AND split_part("idempotencyKey", ':', 4) = $2`,
      [contractIds, stage],
    );
    seen = { sent: Number(rows[0].sent), lastSentAt: rows[0].last };
    if (seen.sent >= contractIds.length) return seen;
    await sleep(100);
  }
  log(`  WARNING: after ${WAIT_MS / 1000} s only ${seen.sent}/${contractIds.length} ${stage} emails were sent`);
  const ledger = await state.poll!.query(`SELECT status, count(*)::int AS n FROM "Notification" GROUP BY status ORDER BY status`);
  const outbox = await state.poll!.query(
    `SELECT count(*) FILTER (WHERE "publishedAt" IS NULL)::int AS unpublished, count(*) FILTER (WHERE "publishedAt" IS NOT NULL AND "doneAt" IS NULL)::int AS in_queue,
            count(*) FILTER (WHERE "doneAt" IS NOT NULL)::int AS done FROM "Outbox"`,
  );
  log(`    ledger by status: ${JSON.stringify(ledger.rows)}; outbox: ${JSON.stringify(outbox.rows[0])}`);
  problems.push(`${stage} emails: ${seen.sent}/${contractIds.length} sent within ${WAIT_MS / 1000} s`);
  return seen;
}

/**
 * Where the time goes for each email, from timestamps the system writes anyway: the start
 * (contract created, or the manager's step decided), the outbox row (published), the BullMQ job
 * (picked up, finished) and the ledger (sent).
 */
async function breakdown(contractIds: string[], stage: string, startColumn: 'submitted' | 'decided'): Promise<void> {
  const { rows } = await state.poll!.query<{ outbox_id: string; start: number; published: number; sent: number }>(
    `SELECT o.id AS outbox_id,
            (extract(epoch FROM ${startColumn === 'submitted' ? 'c."createdAt"' : 's."decidedAt"'}) * 1000)::float8 AS start,
            (extract(epoch FROM o."publishedAt") * 1000)::float8 AS published,
            (extract(epoch FROM n."sentAt") * 1000)::float8 AS sent
       FROM "Notification" n
       JOIN "Outbox" o ON o.payload->>'notificationId' = n.id::text
       JOIN "Contract" c ON c.id = split_part(n."idempotencyKey", ':', 2)::uuid
       LEFT JOIN "ApprovalStage" g ON g."contractId" = c.id AND g.round = c.round AND g.name = 'manager'
       LEFT JOIN "ApprovalStep" s ON s."stageId" = g.id
      WHERE n.kind = 'approval-request' AND n.status = 'sent'
        AND c.id = ANY($1::uuid[]) AND split_part(n."idempotencyKey", ':', 4) = $2`,
    [contractIds, stage],
  );
  // BullMQ keeps the last 1000 completed jobs per queue: enough for a sample of this phase.
  const sample = rows.slice(-400);
  const jobs = await Promise.all(sample.map((r) => state.probeQueue!.getJob(`ob-${r.outbox_id}`)));
  const segments: [string, number[]][] = [
    [startColumn === 'submitted' ? 'submit tx start -> outbox published (tx, commit, relay pick-up)' : 'decision -> outbox published (tx, commit, relay pick-up)', []],
    ['published -> job picked up by a notifier worker (BullMQ wait)', []],
    ['picked up -> ledger sent (claim, render, SMTP)', []],
    ['ledger sent -> job finished (mark sent, outbox done)', []],
    ['total: start -> email sent', []],
  ];
  let matched = 0;
  sample.forEach((row, i) => {
    const job = jobs[i];
    segments[4][1].push(row.sent - row.start);
    segments[0][1].push(row.published - row.start);
    if (!job?.processedOn || !job.finishedOn) return;
    matched++;
    segments[1][1].push(job.processedOn - row.published);
    segments[2][1].push(row.sent - job.processedOn);
    segments[3][1].push(job.finishedOn - row.sent);
  });
  log(`  Where the time goes (${rows.length} emails from the ledger; BullMQ timings for ${matched} still kept in Redis), ms:`);
  log(`    ${pad('segment', 66)}  p50      p95`);
  for (const [name, values] of segments) log(`    ${pad(name, 66)} ${pad(fmt(median(values)), 8)} ${fmt(percentile(values, 95))}`);
}

// ---------------------------------------------------------------- the run

function contractBody(i: number, discountPct: number) {
  return {
    customerName: `Customer ${i % 97}`,
    title: `Bench order ${i}`,
    amount: 50_000 + (i % 50) * 100,
    currency: 'CNY',
    discountPct,
    paymentTermDays: 30,
  };
}

function submissions(reps: Rep[], count: number, discountPct: number, offset: number): LoadRequest[] {
  return Array.from({ length: count }, (_, i) => {
    const rep = reps[(offset + i) % reps.length];
    return { method: 'POST', path: '/contracts', token: rep.token, body: contractBody(offset + i, discountPct) };
  });
}

function idsOf(results: LoadResult[]): string[] {
  return results.filter((r) => r.status === 201 || r.status === 200).map((r) => r.id!).filter(Boolean);
}

async function seed(base: string): Promise<Rep[]> {
  const director = { email: 'director@salesflow.bench', name: 'Dana Director', role: 'SALES_DIRECTOR', team: 'East' };
  const employees: object[] = [director];
  const reps: Rep[] = [];
  for (let m = 0; m < MANAGERS; m++) {
    const manager = `manager${m}@salesflow.bench`;
    employees.push({ email: manager, name: `Manager ${m}`, role: 'SALES_MANAGER', managerEmail: director.email, team: 'East', locale: m % 2 ? 'zh-CN' : 'en' });
    for (let r = 0; r < REPS_PER_MANAGER; r++) {
      const email = `rep${m}-${r}@salesflow.bench`;
      employees.push({ email, name: `Rep ${m}-${r}`, role: 'SALES_SPECIALIST', managerEmail: manager, team: 'East', region: 'Shanghai' });
      reps.push({ email, token: token(email), manager: { email: manager, token: token(manager) } });
    }
  }
  const response = await fetch(`${base}/org/employees`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token(ADMIN)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ employees }),
  });
  if (!response.ok) throw new Error(`Seeding the organization failed: ${response.status} ${await response.text()}`);
  return reps;
}

async function main(): Promise<void> {
  const runStart = performance.now();
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  log('salesflow approval benchmark');
  log(`  machine: ${(await import('node:os')).cpus().length} cores, Node ${process.version}, load average before start ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  installSqlCounter();
  state.db = await createBenchDatabase(ROOT, process.env.BENCH_DATABASE_URL || undefined);
  log(`  database ${state.db.name}: ${state.db.how}`);
  state.smtp = await BenchSmtpSink.start();

  // 1. The ceiling: raw BullMQ on the same Redis, before the app starts.
  const rawPrefix = `${prefix}-raw`;
  state.prefixes.push(rawPrefix);
  const config = benchConfig({
    databaseUrl: state.db.url, prefix, smtpUrl: state.smtp.url, jwtSecret: JWT_SECRET, admin: ADMIN, poolSize: process.env.BENCH_POOL,
  });
  state.config = config;
  state.prefixes.push(prefix);
  log();
  log(`1. Raw BullMQ no-op throughput (${RAW_JOBS} jobs, addBulk in chunks of 1000, one Worker at concurrency 50)`);
  const raw = await rawBullmq(redisOptionsFromUrl(config.REDIS_URL), rawPrefix, RAW_JOBS, 50);
  log(`  addBulk ${fmt(raw.addPerSec, 0)} jobs/s; processing ${fmt(raw.processPerSec, 0)} jobs/s`);

  // The whole system, all in one process.
  const engine = { relayMs: 50, sweepMs: 200, reconcileMs: 1000 };
  state.app = await createHttpApp(AllInOneModule.forRoot({ config, engine }, { withNotifier: NOTIFIERS === 0 }), { serveNats: true });
  if (NOTIFIERS > 0) state.notifiers = await NotifierProcesses.start(NOTIFIERS, config);
  await state.app.listen(0, '127.0.0.1');
  const port = (state.app.getHttpServer().address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  state.poll = new pg.Client({ connectionString: state.db.url });
  excludeFromSqlCount(state.poll);
  await state.poll.connect();
  state.probeQueue = new Queue(QUEUES.notifierUrgent, { connection: redisOptionsFromUrl(config.REDIS_URL), prefix });
  state.load = new LoadGenerator(base);
  Object.assign(benchThreads, { loadGenerator: await state.load.threadId, smtpSink: state.smtp.threadId });
  log();
  log(`System: all-in-one on ${base}, DATABASE_POOL_SIZE ${config.DATABASE_POOL_SIZE}, QUEUE_PREFIX ${prefix}, engine ${JSON.stringify(engine)}, LOG_LEVEL warn`);

  const reps = await seed(base);
  log(`  organization: 1 director, ${MANAGERS} managers, ${reps.length} reps; default policy (discount > 5: manager; > 15: + director)`);

  // Warm-up: JIT, connection pools, the policy's first version, prepared statements.
  const warm = await state.load.closed(submissions(reps, 40, 8, 100_000), CONCURRENCY, PHASE_MS);
  await waitForRequestsSent(idsOf(warm), 'manager');
  log(`  warm-up: ${idsOf(warm).length} submissions, all emailed`);

  // 2. Submissions end to end.
  if (ONLY.has('2')) {
    log();
    log(`2. Contract submissions end to end: ${SUBMISSIONS} contracts (discount 8 -> manager stage; no new request after ${PHASE_MS / 1000} s), HTTP concurrency ${CONCURRENCY}, until every approver email is 'sent'`);
    await startProfile();
    const meter = startMeter();
    const t0 = Date.now();
    const results = await state.load.closed(submissions(reps, SUBMISSIONS, 8, 0), CONCURRENCY, PHASE_MS);
    if (results.length < SUBMISSIONS) log(`  (time box reached: ${results.length} of ${SUBMISSIONS} submissions sent)`);
    const httpDone = Date.now();
    const ids = idsOf(results);
    const { sent, lastSentAt } = await waitForRequestsSent(ids, 'manager');
    const m = meter.stop();
    const profile2 = await stopProfile('phase-2');
    const seconds = ((lastSentAt ?? Date.now()) - t0) / 1000;
    const rate = sent / seconds;
    measuredSubmissionRate = rate;
    httpSummary('POST /contracts', results);
    log(`  HTTP phase alone: ${fmt(ids.length / ((httpDone - t0) / 1000))} submissions/s`);
    log(`  => ${fmt(rate)} submissions/s end to end (${sent} emails sent in ${fmt(seconds, 2)} s); ratio to raw BullMQ: ${fmt(rate / raw.processPerSec, 4)} (1 : ${fmt(raw.processPerSec / rate, 0)})`);
    printMeter('phase 2', m, sent);
    if (profile2) log(`  CPU profile: ${profile2}`);
    await breakdown(ids, 'manager', 'submitted');
  }

  // 3. Stage transitions: manager approves, the director's request email goes out.
  if (ONLY.has('3')) {
    log();
    log(`3. Stage transitions: ${TRANSITIONS} contracts routed manager -> director (discount 20); each manager approves (HTTP concurrency ${CONCURRENCY}; no new request after ${PHASE_MS / 1000} s) until every director email is 'sent'`);
    const setup = await state.load.closed(submissions(reps, TRANSITIONS, 20, 200_000), CONCURRENCY, PHASE_MS);
    const ids = idsOf(setup);
    await waitForRequestsSent(ids, 'manager');
    log(`  set-up: ${ids.length} contracts pending at their manager, manager emails sent`);
    const ownerOf = new Map<string, Rep>();
    setup.forEach((r, i) => r.id && ownerOf.set(r.id, reps[(200_000 + i) % reps.length]));
    const decisions: LoadRequest[] = ids.map((id) => ({ method: 'POST', path: `/contracts/${id}/decisions`, token: ownerOf.get(id)!.manager.token, body: { decision: 'approve' } }));
    await startProfile();
    const meter = startMeter();
    const t0 = Date.now();
    const results = await state.load.closed(decisions, CONCURRENCY, PHASE_MS);
    if (results.length < decisions.length) log(`  (time box reached: ${results.length} of ${decisions.length} decisions sent)`);
    const httpDone = Date.now();
    const approved = ids.filter((_, i) => results[i]?.status === 200);
    const { sent, lastSentAt } = await waitForRequestsSent(approved, 'director');
    const m = meter.stop();
    const profile3 = await stopProfile('phase-3');
    const seconds = ((lastSentAt ?? Date.now()) - t0) / 1000;
    const rate = sent / seconds;
    httpSummary('POST /contracts/:id/decisions', results);
    log(`  HTTP phase alone: ${fmt(approved.length / ((httpDone - t0) / 1000))} decisions/s`);
    log(`  => ${fmt(rate)} stage transitions/s end to end (${sent} director emails sent in ${fmt(seconds, 2)} s); ratio to raw BullMQ: ${fmt(rate / raw.processPerSec, 4)} (1 : ${fmt(raw.processPerSec / rate, 0)}); target 500/s: ${rate >= 500 ? 'met' : `NOT met (${fmt((100 * rate) / 500, 0)}% of target)`}`);
    printMeter('phase 3', m, sent);
    if (profile3) log(`  CPU profile: ${profile3}`);
    await breakdown(approved, 'director', 'decided');
    // One more of each, alone, with its SQL timed.
    const rep = reps[0];
    const submitted = await (await fetch(`${base}/contracts`, {
      method: 'POST', headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'application/json' }, body: JSON.stringify(contractBody(900_000, 20)),
    })).json() as { id: string };
    await traceOne('submission (POST /contracts)', () => fetch(`${base}/contracts`, {
      method: 'POST', headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'application/json' }, body: JSON.stringify(contractBody(900_001, 20)),
    }));
    await traceOne('decision (POST /contracts/:id/decisions)', () => fetch(`${base}/contracts/${submitted.id}/decisions`, {
      method: 'POST', headers: { authorization: `Bearer ${rep.manager.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'approve' }),
    }));
  }

  // 4. Submission latency, open loop, at half of the capacity phase 2 measured: a latency figure
  // at a load the machine can carry (above capacity the queue only grows).
  if (ONLY.has('4')) {
    const RATE = FIXED_RATE ?? (measuredSubmissionRate ? Math.max(1, Math.round(measuredSubmissionRate / 2)) : 50);
    const count = Math.round(RATE * SECONDS);
    log();
    log(`4. Submission latency, open loop: ${RATE} submissions/s for ${SECONDS} s (${FIXED_RATE ? 'BENCH_RATE' : 'half the end-to-end capacity of phase 2'}; ${count} requests on a timer, latency counted from when each was due)`);
    await startProfile();
    const meter = startMeter();
    const results = await state.load.open(submissions(reps, count, 8, 300_000), RATE);
    const m = meter.stop();
    const profile4 = await stopProfile('phase-4');
    const ok = results.filter((r) => r.status === 201 || r.status === 200);
    const ms = ok.map((r) => r.ms);
    const late = results.filter((r) => r.lateMs > 5).length;
    httpSummary('POST /contracts (open loop)', results);
    const p99 = percentile(ms, 99);
    log(`  => p50 ${fmt(median(ms))} ms, p95 ${fmt(percentile(ms, 95))} ms, p99 ${fmt(p99)} ms at ${RATE}/s; goal p99 < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'}`);
    log(`  (${late} requests left the load generator more than 5 ms late; the generator runs on its own thread)`);
    printMeter('phase 4', m, ok.length);
    if (profile4) log(`  CPU profile: ${profile4}`);
    const ids = idsOf(results);
    const { sent } = await waitForRequestsSent(ids, 'manager');
    log(`  emails for these submissions: ${sent}/${ids.length} sent`);
    await breakdown(ids, 'manager', 'submitted');
  }

  // 5. The floor: a read through the same layers (HTTP, JWT, NATS, one transaction of reads), no writes, no email.
  if (ONLY.has('5')) {
    log();
    log(`5. The request floor: GET /contracts/:id, ${READS} requests, HTTP concurrency ${CONCURRENCY} (gateway, JWT, NATS hop, the contract and its route read; nothing written, no email)`);
    const { rows } = await state.poll!.query<{ id: string; ownerId: string }>(`SELECT id, "ownerId" FROM "Contract" ORDER BY "createdAt" LIMIT 50`);
    const tokenOf = new Map(reps.map((rep) => [rep.email, rep.token]));
    const owners = await state.poll!.query<{ id: string; email: string }>(`SELECT id, email FROM "Employee"`);
    const emailOf = new Map(owners.rows.map((e) => [e.id, e.email]));
    const reads: LoadRequest[] = Array.from({ length: READS }, (_, i) => {
      const contract = rows[i % rows.length];
      return { method: 'GET', path: `/contracts/${contract.id}`, token: tokenOf.get(emailOf.get(contract.ownerId)!)! };
    });
    await startProfile();
    const meter = startMeter();
    const t0 = Date.now();
    const results = await state.load.closed(reads, CONCURRENCY, PHASE_MS);
    const seconds = (Date.now() - t0) / 1000;
    const m = meter.stop();
    const profile5 = await stopProfile('phase-5');
    httpSummary('GET /contracts/:id', results);
    log(`  => ${fmt(results.length / seconds)} reads/s`);
    printMeter('phase 5', m, results.length);
    if (profile5) log(`  CPU profile: ${profile5}`);
  }

  log();
  log(`SMTP sink received ${await state.smtp.received()} messages in total. Run time ${fmt((performance.now() - runStart) / 1000)} s.`);
}

await runBench(main, cleanup, BUDGET_MS, problems);

// `npm run bench:scale` (issue 3 item 8): 1,000,000 customers with revisit plans across 10,000
// owners in a database of the bench's own, a queue prefix of its own and an SMTP sink. Prints
// figures; asserts nothing. Minutes, not hours.
//
//  1. Seeding time (INSERT ... SELECT generate_series, 100,000 rows a statement per table).
//  2. Redis memory before and after seeding: plans are rows, not jobs, so it must not grow.
//  3. One timer sweep (TimerSweeper.sweep) and the digest's due-visit query with 100,000 and
//     with 1,000,000 plans, the same number due: the cost should follow what is due.
//  4. The morning digest for every owner (timers armed beforehand, timed from when they come due),
//     the whole system running all-in-one, into the SMTP
//     sink, with raw BullMQ no-op throughput measured in the same run.
//  5. The managers' risk digest (issue 13): BENCH_MANAGERS (2000) managers above the owners, 12 open
//     alerts per owner (60 per manager: ten listed, the rest counted), every manager's digest due at
//     once; target 400 emails/s. BENCH_RISK_DIGEST=0 skips it.
//  6. The daily scans as they run, writes included (alerts, countermeasure tasks and their timers,
//     the critical ones' emails, the audit, the digests armed): the customer-risk scan twice (the
//     first run, then a day later, when its alerts exist), and the competition scan, each with
//     where its SQL time went. Opt-in (BENCH_SCAN_WRITES=1, with BENCH_BUDGET_S=3600): a first
//     run that raises 150,000 alerts writes ~3.4 million rows and takes minutes.
//
// Business time is a frozen clock (Thursday 2027-03-11 08:30 in Shanghai): only what the bench
// arms becomes due, so nothing else (a daily scan, tomorrow's digests) runs during a measurement.
//
// Knobs: BENCH_CUSTOMERS (1000000), BENCH_SMALL (100000), BENCH_OWNERS (10000), BENCH_DUE (1000),
// BENCH_RAW_JOBS (20000), BENCH_DIGEST_WAIT_S (300), BENCH_POOL (DATABASE_POOL_SIZE, 20: see below),
// BENCH_BUDGET_S (900: the watchdog), BENCH_SQL_DETAIL=1 (statements per email),
// BENCH_RISK_SCAN=0 (skip timing the risk scan's reads), BENCH_CONTRACTS (1000000: the competition scan's contracts;
// 0 skips it), BENCH_SCANS_ONLY=1 (stop after the scans: no BullMQ or digest phase), BENCH_PROFILE=0 (no CPU profile of the digest phase), BENCH_CPU_PROF=<dir> (also write it as a .cpuprofile),
// BENCH_DATABASE_URL (the Postgres server to create the bench database on).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Logger, type INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import pg from 'pg';
import { AllInOneModule } from '../apps/all-in-one/all-in-one.module.js';
import { RISK_SCAN_SLICE, RiskScanService } from '../apps/customer-follow-up/src/risk/risk-scan.service.js';
import { CompetitionScanService } from '../apps/customer-follow-up/src/risk/competition-scan.service.js';
import { RevisitDigestService } from '../apps/customer-follow-up/src/revisits/revisit-digest.service.js';
import { RevisitsRepository } from '../apps/customer-follow-up/src/revisits/revisits.repository.js';
import { RiskDigestRepository } from '../apps/customer-follow-up/src/risk/risk-digest.repository.js';
import type { AppConfig } from '#libs/config';
import { Database, OutboxSignal, PrismaService } from '#libs/database';
import { createHttpApp } from '#libs/platform';
import { QUEUES, TIMER_BATCH_SIZES } from '#libs/queue';
import { ManualClock } from '#libs/time';
import { redisOptionsFromUrl, TimerSweeper } from '#libs/workflow';
import { createBenchDatabase, type BenchDatabase } from './bench-db.js';
import { cpuSeconds, cpuSnapshot } from './cpu-meter.js';
import { rawBullmq } from './raw-bullmq.js';
import { runDigest } from './scale-digest.js';
import { armRiskDigestTimers, RISK_DIGEST, seedManagers, seedOpenAlerts } from './scale-risk-digest.js';
import { CpuProfiler, jobTimings, sqlCoverage, summarize } from './scale-profile.js';
import { analyze, armDigestTimers, markScheduleCheckDone, seedCustomers, seedOwners, seedTraceOwner, type SeedShape } from './scale-seed.js';
import { explainDueQuery, measureDueQuery, measureSweep, retireDueTimers, type SweepFigures } from './scale-sweep.js';
import { measureRiskScanReads } from './scale-risk-scan.js';
import { measureCompetitionScan, seedCompetition } from './scale-competition.js';
import { NotifierProcesses } from './notifier-processes.js';
// By path: #libs/testing is the test harness (jest, smtp-server), left out of the build; this one file is not.
import { deleteRedisPrefix } from '../libs/testing/src/redis-cleanup.js';
import { BenchSmtpSink } from './smtp-sink.js';
import { installSqlCounter, sqlDelta, sqlSnapshot, traceSql, type TracedStatement } from './sql-counter.js';
import { fmt, pad } from './stats.js';
import { runBench } from './bench-run.js';
import { benchClients, benchConfig } from './bench-config.js';
import { cleanupStep } from './cleanup-step.js';
import { redisUsage } from './redis-usage.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CUSTOMERS = env('BENCH_CUSTOMERS', 1_000_000);
const SMALL = Math.min(CUSTOMERS, env('BENCH_SMALL', 100_000));
const OWNERS = env('BENCH_OWNERS', 10_000);
const DUE = env('BENCH_DUE', 1_000);
const CONTRACTS = env('BENCH_CONTRACTS', 1_000_000);
const TIER_DROPS = 20_000;
const SCAN_TARGET_S = 60;
const RAW_JOBS = env('BENCH_RAW_JOBS', 20_000);
const DIGEST_WAIT_MS = env('BENCH_DIGEST_WAIT_S', 300) * 1000;
const BUDGET_MS = env('BENCH_BUDGET_S', 900) * 1000;
const TARGET_EMAILS_PER_SECOND = 500;
const MANAGERS = env('BENCH_MANAGERS', 2_000);
const ALERTS_PER_OWNER = 12;
const TARGET_RISK_DIGESTS_PER_SECOND = 400;
/** Notifier processes of their own (0: the notifier runs inside the all-in-one app). */
const NOTIFIERS = env('BENCH_NOTIFIERS', 0);
/** Owners per digest job, as the sweeper batches their timers. */
const DIGEST_BATCH = TIMER_BATCH_SIZES['revisit.digest']!;

/** Thursday 2027-03-11 08:30 in Shanghai: the owners' digest time. */
const NOW = new Date('2027-03-11T00:30:00Z');
const LOCAL_DATE = '2027-03-11';
const ZONE = 'Asia/Shanghai';
const SHAPE: SeedShape = { owners: OWNERS, due: DUE, now: NOW };

const log = (line = '') => console.log(line);
const seconds = (since: number) => (performance.now() - since) / 1000;

const state: { db?: BenchDatabase; smtp?: BenchSmtpSink; app?: INestApplication; notifiers?: NotifierProcesses; client?: pg.Client; prisma?: PrismaService; redis?: Redis; config?: AppConfig; prefixes: string[] } = { prefixes: [] };

let cleaned: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    const step = cleanupStep;
    await step('app', () => state.app?.close());
    await step('notifier processes', () => state.notifiers?.stop());
    await step('sweep Prisma client', () => state.prisma?.$disconnect());
    await step('bench client', () => state.client?.end());
    await step('SMTP sink', () => state.smtp?.stop());
    for (const prefix of state.prefixes) await step(`Redis keys ${prefix}:*`, () => deleteRedisPrefix(state.config?.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix));
    await step('Redis client', async () => state.redis?.disconnect());
    await step('database', () => state.db?.drop());
  })();
  return cleaned;
}

async function redisMemory(label: string): Promise<number> {
  const { used, keys } = await redisUsage(state.redis!, state.config!.QUEUE_PREFIX);
  log(`  Redis ${pad(label, 34)} used_memory ${fmt(used / 1048576, 2)} MiB; keys under this run's prefix: ${keys}`);
  return used;
}

async function tableSizes(): Promise<string> {
  const { rows } = await state.client!.query<{ name: string; rows: string; size: string }>(
    `SELECT relname AS name, n_live_tup AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size
       FROM pg_stat_user_tables WHERE relname IN ('Customer', 'Visit', 'Timer') ORDER BY relname`,
  );
  return rows.map((r) => `${r.name} ${r.size}`).join(', ');
}

async function sweepFigures(label: string, sweeper: TimerSweeper, visits: RevisitsRepository, ownerBatches: string[][]): Promise<SweepFigures> {
  const sweep = await measureSweep(sweeper, state.client!, NOW);
  const query = await measureDueQuery(visits, new Database(state.prisma!).db, ownerBatches, NOW, ZONE);
  log(`  ${pad(label, 18)} sweep with ${sweep.fired} due: ${fmt(sweep.dueSweepMs, 1)} ms | sweep with none due: ${fmt(sweep.idleSweepMs, 2)} ms | due-visit query per batch of ${DIGEST_BATCH} owners: median ${fmt(query.dueQueryMedianMs, 2)} ms, p95 ${fmt(query.dueQueryP95Ms, 2)} ms (${fmt(query.dueVisitsPerOwner, 2)} due visits per owner)`);
  return { ...sweep, ...query };
}

/** BullMQ's job timings, the CPU profile, and one digest job alone with its SQL timed. */
async function whereTheTimeGoes(profile: Awaited<ReturnType<CpuProfiler['stop']>> | null, sent: number, armedAt: number): Promise<void> {
  const connection = redisOptionsFromUrl(state.config!.REDIS_URL);
  log('  Where the time goes:');
  for (const [label, queue, job] of [['digest jobs (followup-bulk)', QUEUES.followUpBulk, 'revisit.digest'], ['send-batch jobs (notifier-bulk)', QUEUES.notifierBulk, 'notification.send-batch']] as const) {
    const t = await jobTimings(connection, state.config!.QUEUE_PREFIX, queue, job, armedAt);
    log(`    ${pad(label, 32)} last ${t.jobs} completed: waiting in the queue p50 ${fmt(t.waitP50, 0)} ms, p95 ${fmt(t.waitP95, 0)} ms; running p50 ${fmt(t.runP50, 1)} ms, p95 ${fmt(t.runP95, 1)} ms`);
    const at = (epochMs: number) => `${fmt((epochMs - armedAt) / 1000, 2)} s`;
    log(`    ${pad('', 32)} after 08:30: first added ${at(t.firstAdded)}, first started ${at(t.firstStarted)}, first finished ${at(t.firstFinished)}, last finished ${at(t.lastFinished)}`);
  }
  log(`    (followup-bulk worker concurrency 4 jobs of ${DIGEST_BATCH} owners; the notifier sends ${state.config!.NOTIFIER_CONCURRENCY} emails at once over ${state.config!.SMTP_MAX_CONNECTIONS} SMTP connections, whatever batch they belong to)`);
  if (profile) logProfile(profile, sent);
}

function logProfile(profile: NonNullable<Awaited<ReturnType<CpuProfiler['stop']>>>, sent: number): void {
  const summary = summarize(profile);
  const share = (ms: number) => `${fmt(ms, 0)} ms = ${fmt((100 * ms) / summary.totalMs, 0)}%, ${fmt(ms / Math.max(1, sent), 2)} ms/email`;
  log(`    app main thread, sampled CPU profile over ${fmt(summary.totalMs / 1000, 1)} s (self time; "(idle)" is the event loop waiting for I/O):`);
  for (const [name, ms] of summary.byModule) log(`      ${pad(name, 44)} ${share(ms)}`);
  log('    hottest functions:');
  for (const [name, ms] of summary.byFunction) log(`      ${pad(name.slice(0, 90), 90)} ${fmt(ms, 0)} ms`);
}

/** One digest composed alone on the quiet system (an owner outside the measured run), every statement timed. */
async function traceOneDigest(ownerId: string): Promise<void> {
  const { rows } = await state.client!.query<{ id: string }>(
    `INSERT INTO "Timer" (id, kind, "subjectId", "dueAt", "uniqueKey", queue, "firedAt", "createdAt")
     VALUES (gen_random_uuid(), 'revisit.digest', $1::uuid, $2::timestamp, 'scale-bench-trace', 'followup-bulk', $2::timestamp, $2::timestamp) RETURNING id`,
    [ownerId, NOW.toISOString()],
  );
  const digest = state.app!.get(RevisitDigestService);
  const traced = await traceSql(() => digest.fire([rows[0].id], null));
  const c = sqlCoverage(traced.statements, traced.started, traced.ended);
  log(`  one digest job alone, before the run (${traced.result}; an owner with ${fmt(CUSTOMERS / OWNERS, 0)} customers, one visit due): ${fmt(c.totalMs, 1)} ms, ${c.statements} SQL statements in ${traced.statements.filter((st) => st.sql === 'BEGIN').length} transaction(s); a statement in flight ${fmt(c.inSqlMs, 1)} ms (${fmt((100 * c.inSqlMs) / c.totalMs, 0)}%), JavaScript between them ${fmt(c.totalMs - c.inSqlMs, 1)} ms`);
  for (const st of traced.statements) log(`      +${pad(fmt(st.start - traced.started, 1), 6)} ms ${pad(fmt(st.end - st.start, 2), 6)} ms  ${st.sql.slice(0, 100)}`);
}

/** 5: every manager's risk digest due at once, with the system (and the morning digest's state) as phase 4 left it. */
async function riskDigestPhase(clock: ManualClock): Promise<void> {
  const client = state.client!;
  const alertCount = Math.min(CUSTOMERS, ALERTS_PER_OWNER * OWNERS);
  log();
  log(`5. The managers' risk digest: ${MANAGERS.toLocaleString('en')} managers above the ${OWNERS.toLocaleString('en')} owners, ${alertCount.toLocaleString('en')} open alerts (${fmt(alertCount / MANAGERS, 0)} per manager: ten in full with two links each, the rest counted), every digest due at once`);
  const seedStart = performance.now();
  await seedManagers(client, MANAGERS);
  const alerts = await seedOpenAlerts(client, alertCount, NOW);
  await client.query('ANALYZE "Employee"; ANALYZE "RiskAlert"; ANALYZE "RiskTask"');
  // Settle the database the earlier phases bulk-loaded (millions of rows): autovacuum working
  // through them during the measurement took up to a third of the machine. At 08:00 in production
  // nothing has just loaded two million rows.
  const settleStart = performance.now();
  await client.query('VACUUM (ANALYZE)');
  log(`  VACUUM (ANALYZE) of the whole bench database first: ${fmt(seconds(settleStart), 1)} s`);
  log(`  seeded in ${fmt(seconds(seedStart), 1)} s (${alerts.toLocaleString('en')} alerts)`);
  // The batch's one read alone (before the run, nothing sent): how much of a job it is.
  const batch = (await client.query<{ id: string }>(`SELECT id FROM "Employee" WHERE email LIKE 'manager%@scale.bench' ORDER BY id LIMIT $1`, [TIMER_BATCH_SIZES['risk.digest']!])).rows.map((r) => r.id);
  const digestReads = state.app!.get(RiskDigestRepository);
  const readTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await state.app!.get(Database).transaction((tx) => digestReads.topOpenAlerts(tx, batch, clock.now(), 10));
    readTimes.push(performance.now() - t0);
  }
  log(`  the digest's read for one batch of ${batch.length} managers alone (their lines' worst ten and totals), 5 runs: ${readTimes.map((t) => fmt(t, 0)).join(', ')} ms`);
  if (process.env.BENCH_EXPLAIN_RISK_DIGEST) {
    const compiled = digestReads.topOpenAlertsQuery(batch, clock.now(), 10).compile(state.app!.get(Database).db);
    await client.query('SET jit = off'); // as topOpenAlerts runs it
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, compiled.parameters as unknown[]);
    await client.query('RESET jit');
    for (const row of plan.rows) log(`      ${row['QUERY PLAN']}`);
  }
  const due = new Date(clock.now().getTime() + 1);
  const armed = await armRiskDigestTimers(client, due, LOCAL_DATE);
  if (armed !== MANAGERS) log(`  WARNING: armed ${armed} risk digest timers, expected ${MANAGERS}`);
  const cpuBefore = cpuSnapshot(state.db!.name, state.notifiers?.pids ?? []);
  const sqlBefore = sqlSnapshot();
  const profiler = process.env.BENCH_PROFILE === '0' ? null : new CpuProfiler();
  await profiler?.start();
  const { result: run, statements } = await traceSql(() => runDigest(client, async () => clock.set(due), due, MANAGERS, DIGEST_WAIT_MS, RISK_DIGEST));
  const profile = profiler ? await profiler.stop() : null;
  const cpu = cpuSeconds(cpuBefore, cpuSnapshot(state.db!.name, state.notifiers?.pids ?? []));
  const sql = sqlDelta(sqlBefore, sqlSnapshot());
  const wall = run.lastSentAt ?? DIGEST_WAIT_MS / 1000;
  const rate = run.sent / wall;
  for (const stage of run.stages) log(`  ${pad(stage.name, 52)} ${stage.reachedAt === null ? `not reached (${stage.count})` : `all ${MANAGERS} after ${fmt(stage.reachedAt, 2)} s`}`);
  log(`  first email sent after ${fmt(run.firstSentAt ?? NaN, 2)} s; emails/s per 15-second window: ${run.windows.map((w) => fmt(w, 0)).join(', ')}`);
  log(`  => ${fmt(rate, 0)} risk digest emails/s end to end (${run.sent} sent in ${fmt(wall, 2)} s); target ${TARGET_RISK_DIGESTS_PER_SECOND}/s: ${rate >= TARGET_RISK_DIGESTS_PER_SECOND ? 'met' : `NOT met (${fmt((100 * rate) / TARGET_RISK_DIGESTS_PER_SECOND, 0)}% of target)`}`);
  const total = cpu.appMain + cpu.appOther + cpu.children + cpu.postgres + cpu.redis + cpu.nats;
  log(`  CPU: this system ${fmt(total, 1)} CPU-s over ${fmt(wall, 1)} s (app main ${fmt(cpu.appMain, 1)}, app other threads ${fmt(cpu.appOther, 1)},${NOTIFIERS > 0 ? ` notifier process(es) ${fmt(cpu.children, 1)},` : ''} postgres ${fmt(cpu.postgres, 1)}, redis ${fmt(cpu.redis, 1)}); SQL: ${sql.total} statements (${fmt(sql.total / Math.max(1, run.sent), 1)} per email)`);
  const t = await jobTimings(redisOptionsFromUrl(state.config!.REDIS_URL), state.config!.QUEUE_PREFIX, QUEUES.followUpBulk, 'risk.digest', Date.now() - wall * 1000 - 5000);
  log(`  risk.digest jobs (${TIMER_BATCH_SIZES['risk.digest']} managers each): ${t.jobs} completed, running p50 ${fmt(t.runP50, 0)} ms, p95 ${fmt(t.runP95, 0)} ms`);
  logStatementTime(statements, wall);
  if (profile) logProfile(profile, run.sent);
}

/** Where a phase's time went in SQL: the statement shapes with the most time between send and result (the app's other work, e.g. the outbox relay, included). */
function logStatementTime(statements: TracedStatement[], wallSeconds: number): void {
  const byShape = new Map<string, { n: number; ms: number }>();
  for (const { sql, start, end } of statements) {
    const entry = byShape.get(sql) ?? { n: 0, ms: 0 };
    entry.n++;
    entry.ms += Number.isNaN(end) ? 0 : end - start;
    byShape.set(sql, entry);
  }
  const top = [...byShape].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
  const total = [...byShape.values()].reduce((sum, e) => sum + e.ms, 0);
  log(`    SQL: ${statements.length.toLocaleString('en')} statements, ${fmt(total / 1000, 1)} s waiting on them (of ${fmt(wallSeconds, 1)} s wall; concurrent work counts in both); by time:`);
  for (const [sql, { n, ms }] of top) log(`      ${pad(`${fmt(ms / 1000, 1)} s`, 9)} ${pad(n.toLocaleString('en'), 8)} ${sql}`);
}

/**
 * Between two daily scans a day passes: the first run's emails go out and autovacuum works through
 * the rows it wrote. Run back to back, the next scan would be measured against both (a first run
 * writes millions of rows and asks for 150,000 emails).
 */
async function aDayPasses(client: pg.Client): Promise<void> {
  const started = performance.now();
  const unsent = async () => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Notification" WHERE status IN ('queued', 'sending', 'retrying')`)).rows[0].n);
  while ((await unsent()) > 0 && seconds(started) < 900) await new Promise((resolve) => setTimeout(resolve, 2000));
  const sentIn = seconds(started);
  const vacuumStart = performance.now();
  await client.query('VACUUM (ANALYZE)');
  log(`  a day passes: the first run's emails sent ${fmt(sentIn, 0)} s after it ended (${await unsent()} left), then VACUUM (ANALYZE) ${fmt(seconds(vacuumStart), 1)} s`);
}

/** Phase 6: the scans as the daily timers run them, writes included, timed from the first read to the last commit. */
async function scansWithWritesPhase(clock: ManualClock): Promise<void> {
  const client = state.client!;
  const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0].n);
  const written = async () => ({ alerts: await count('SELECT count(*) AS n FROM "RiskAlert"'), tasks: await count('SELECT count(*) AS n FROM "RiskTask"'), timers: await count('SELECT count(*) AS n FROM "Timer"') });
  log();
  log(`6. The daily scans with their writes (alerts, countermeasure tasks and their timers, emails of critical alerts, audit, digests armed)`);
  const risk = state.app!.get(RiskScanService);
  for (const [label, at] of [['first run', clock.now()], ['the next day (its alerts exist)', new Date(clock.now().getTime() + 24 * 3600_000)]] as const) {
    if (label !== 'first run') await aDayPasses(client);
    const before = await written();
    const started = performance.now();
    const { result: summary, statements } = await traceSql(() => risk.scan(at, null));
    const wall = seconds(started);
    const after = await written();
    log(`  customer-risk scan, ${label}: ${fmt(wall, 1)} s; ${summary.candidates.toLocaleString('en')} candidates, ${summary.flagged.toLocaleString('en')} flags, ${summary.raised.toLocaleString('en')} new alerts, ${summary.emailed.toLocaleString('en')} emails asked for, ${summary.digestReaders.toLocaleString('en')} digests armed; rows written: +${(after.alerts - before.alerts).toLocaleString('en')} alerts, +${(after.tasks - before.tasks).toLocaleString('en')} tasks, +${(after.timers - before.timers).toLocaleString('en')} timers; target ${SCAN_TARGET_S} s: ${wall < SCAN_TARGET_S ? 'met' : 'NOT met'}`);
    logStatementTime(statements, wall);
  }
  if (CONTRACTS > 0) {
    const started = performance.now();
    const summary = await state.app!.get(CompetitionScanService).scan(clock.now(), null);
    const wall = seconds(started);
    log(`  market competition scan: ${fmt(wall, 1)} s; ${JSON.stringify(summary).slice(0, 200)}; target ${SCAN_TARGET_S} s: ${wall < SCAN_TARGET_S ? 'met' : 'NOT met'}`);
  }
}

async function main(): Promise<void> {
  const runStart = performance.now();
  // The standalone sweeper below logs through Nest's static logger; keep its debug lines out of the figures.
  Logger.overrideLogger(['error', 'warn']);
  const os = await import('node:os');
  log('salesflow scale benchmark (issue 3 item 8)');
  log(`  machine: ${os.cpus().length} cores, Node ${process.version}, load average before start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(`  shape: ${CUSTOMERS.toLocaleString('en')} customers with one planned visit and its escalation timer each, ${OWNERS.toLocaleString('en')} owners; ${DUE} escalation timers due; business time frozen at ${NOW.toISOString()} (08:30 in ${ZONE})`);

  installSqlCounter();
  state.db = await createBenchDatabase(ROOT, process.env.BENCH_DATABASE_URL || undefined);
  log(`  database ${state.db.name}: ${state.db.how}`);
  state.smtp = await BenchSmtpSink.start();
  const prefix = `scale${randomBytes(4).toString('hex')}`;
  state.config = benchConfig({
    // All four services share this one pool here; run apart, each has DATABASE_POOL_SIZE (10) of its
    // own. With 10 shared, the notifier's sent-marks queued behind 500 ms digest transactions.
    databaseUrl: state.db.url, prefix, smtpUrl: state.smtp.url, jwtSecret: `bench-${randomBytes(16).toString('hex')}`, admin: 'bench-admin@scale.bench', poolSize: process.env.BENCH_POOL ?? '20',
  });
  state.prefixes.push(prefix);
  ({ redis: state.redis, client: state.client } = await benchClients(state.config));

  const clock = new ManualClock(NOW);
  state.prisma = new PrismaService(state.config);
  const database = new Database(state.prisma);
  const sweeper = new TimerSweeper(database, clock, new OutboxSignal());
  const visits = new RevisitsRepository();
  const allOwners = (await state.client.query<{ id: string }>(`SELECT md5('scale-owner-' || i)::uuid AS id FROM generate_series(0, $1::int - 1) i`, [OWNERS])).rows.map((r) => r.id);
  const ownerBatches = Array.from({ length: Math.ceil(allOwners.length / DIGEST_BATCH) }, (_, i) => allOwners.slice(i * DIGEST_BATCH, (i + 1) * DIGEST_BATCH));

  // 1 + 2: seeding, with Redis memory around it.
  log();
  log('1. Seeding and Redis memory');
  const memoryBefore = await redisMemory('before seeding');
  const seedStart = performance.now();
  await seedOwners(state.client, SHAPE);
  await seedCustomers(state.client, 0, SMALL, SHAPE);
  const smallSeconds = seconds(seedStart);
  const analyzeStart = performance.now();
  await analyze(state.client);
  const analyzeSmall = seconds(analyzeStart);
  log(`  seeded ${OWNERS.toLocaleString('en')} owners and ${SMALL.toLocaleString('en')} customers + visits + timers in ${fmt(smallSeconds, 1)} s (${fmt((3 * SMALL) / smallSeconds, 0)} rows/s); ANALYZE ${fmt(analyzeSmall, 1)} s`);
  await redisMemory(`after ${SMALL.toLocaleString('en')} plans`);

  log();
  log(`2. Finding what is due, with the same ${DUE} escalation timers due and ${OWNERS.toLocaleString('en')} owners with 1-2 due visits each`);
  const small = await sweepFigures(`${SMALL.toLocaleString('en')} plans:`, sweeper, visits, ownerBatches);

  const bigStart = performance.now();
  let lastReport = performance.now();
  await seedCustomers(state.client, SMALL, CUSTOMERS, SHAPE, (done) => {
    if (performance.now() - lastReport > 15_000) {
      lastReport = performance.now();
      log(`    ... ${done.toLocaleString('en')} customers seeded (${fmt(seconds(bigStart), 0)} s)`);
    }
  });
  const bigSeconds = seconds(bigStart);
  const analyzeBigStart = performance.now();
  await analyze(state.client);
  const analyzeBig = seconds(analyzeBigStart);
  const seedSeconds = smallSeconds + bigSeconds;
  log(`  seeded the other ${(CUSTOMERS - SMALL).toLocaleString('en')} customers + visits + timers in ${fmt(bigSeconds, 1)} s; ANALYZE ${fmt(analyzeBig, 1)} s`);
  log(`  => seeding time for ${CUSTOMERS.toLocaleString('en')} customers with plans: ${fmt(seedSeconds, 1)} s (${fmt((3 * CUSTOMERS) / seedSeconds, 0)} rows/s over 3 tables), plus ${fmt(analyzeSmall + analyzeBig, 1)} s ANALYZE; sizes: ${await tableSizes()}`);
  const memoryAfter = await redisMemory(`after ${CUSTOMERS.toLocaleString('en')} plans`);
  log(`  => Redis used_memory changed by ${fmt((memoryAfter - memoryBefore) / 1024, 1)} KiB while ${CUSTOMERS.toLocaleString('en')} plans were seeded (used_memory is server-wide: other sessions on this Redis move it too; the keys of this run stayed at 0)`);

  const big = await sweepFigures(`${CUSTOMERS.toLocaleString('en')} plans:`, sweeper, visits, ownerBatches);
  log(`  => sweep ${fmt(big.dueSweepMs / small.dueSweepMs, 2)}x and idle sweep ${fmt(big.idleSweepMs / small.idleSweepMs, 2)}x for ${fmt(CUSTOMERS / SMALL, 0)}x the plans (target: the same order)`);
  log(`  => due-visit query ${fmt(big.dueQueryMedianMs / small.dueQueryMedianMs, 2)}x (median) for ${fmt(CUSTOMERS / SMALL, 0)}x the plans, ${fmt(CUSTOMERS / OWNERS, 0)} instead of ${fmt(SMALL / OWNERS, 0)} customers per owner. Its plan for one batch:`);
  for (const line of (await explainDueQuery(state.client, ownerBatches[0], NOW, ZONE)).split('\n')) log(`      ${line.length > 140 ? `${line.slice(0, 137)}...` : line}`);
  if (process.env.BENCH_RISK_SCAN !== '0') {
    const scan = await measureRiskScanReads(database.db, NOW);
    log(`  the daily customer-risk scan's reads over all ${CUSTOMERS.toLocaleString('en')} customers (${scan.slices} slices of ${RISK_SCAN_SLICE}, one aggregate statement each, writes left out): ${fmt(scan.seconds, 1)} s; per slice median ${fmt(scan.sliceMedianMs, 0)} ms, p95 ${fmt(scan.sliceP95Ms, 0)} ms; ${scan.candidates.toLocaleString('en')} candidates (every seeded tier-A customer: no contract, no visit)`);
  }
  if (CONTRACTS > 0) {
    const seedStart = performance.now();
    await seedCompetition(state.client, CONTRACTS, CUSTOMERS, OWNERS, TIER_DROPS, NOW);
    log(`  seeded ${CONTRACTS.toLocaleString('en')} contracts (${(CONTRACTS / 5).toLocaleString('en')} director stages, ${TIER_DROPS.toLocaleString('en')} tier drops in the audit trail) in ${fmt(seconds(seedStart), 1)} s`);
    const competition = await measureCompetitionScan(database.db, NOW);
    const rules = Object.entries(competition.perRuleMs).map(([rule, ms]) => `${rule} ${fmt(ms / 1000, 2)} s`).join(', ');
    log(`  the daily market competition scan over ${CONTRACTS.toLocaleString('en')} contracts and ${CUSTOMERS.toLocaleString('en')} customers (one statement per rule, writes left out): ${fmt(competition.seconds, 1)} s (${rules}); ${competition.candidates} candidate segments, ${competition.flagged} flags; target ${SCAN_TARGET_S} s: ${competition.seconds < SCAN_TARGET_S ? 'met' : 'NOT met'}`);
  }
  await retireDueTimers(state.client, NOW);
  if (process.env.BENCH_SCANS_ONLY === '1') {
    log(`Stopped after the scans (BENCH_SCANS_ONLY=1). Run time ${fmt(seconds(runStart), 0)} s.`);
    return;
  }
  await state.prisma.$disconnect();
  state.prisma = undefined;

  // 3: raw BullMQ, then the digest with the whole system.
  log();
  log(`3. Raw BullMQ no-op throughput (${RAW_JOBS} jobs, addBulk in chunks of 1000, one Worker at concurrency 50), same Redis, same run`);
  const rawPrefix = `${prefix}-raw`;
  state.prefixes.push(rawPrefix);
  const raw = await rawBullmq(redisOptionsFromUrl(state.config.REDIS_URL), rawPrefix, RAW_JOBS, 50);
  log(`  addBulk ${fmt(raw.addPerSec, 0)} jobs/s; processing ${fmt(raw.processPerSec, 0)} jobs/s`);

  log();
  log(`4. The morning digest for ${OWNERS.toLocaleString('en')} owners (each with visits due today among ${fmt(CUSTOMERS / OWNERS, 0)} customers), ${NOTIFIERS > 0 ? `the app with ${NOTIFIERS} notifier process(es) of their own` : 'all-in-one'}, into the SMTP sink`);
  await markScheduleCheckDone(state.client, NOW);
  const traceOwner = await seedTraceOwner(state.client, SHAPE, Math.round(CUSTOMERS / OWNERS));
  const engine = { relayMs: 50, sweepMs: 200, reconcileMs: 1000 };
  const bootStart = performance.now();
  state.app = await createHttpApp(AllInOneModule.forRoot({ config: state.config, clock, engine }, { withNotifier: NOTIFIERS === 0 }), { serveNats: true });
  await state.app.init();
  if (NOTIFIERS > 0) state.notifiers = await NotifierProcesses.start(NOTIFIERS, state.config);
  log(`  system started in ${fmt(seconds(bootStart), 1)} s: DATABASE_POOL_SIZE ${state.config.DATABASE_POOL_SIZE}, QUEUE_PREFIX ${prefix}, engine ${JSON.stringify(engine)}, LOG_LEVEL warn (no info line per email); the day's schedule check is marked done (it runs at 00:00 UTC, not at 08:30)`);
  await new Promise((resolve) => setTimeout(resolve, 2000)); // let start-up work settle
  await traceOneDigest(traceOwner);
  // The owners' timers exist before 08:30 (each digest arms the next day's): they are armed here
  // one millisecond after the frozen clock, and the measured run starts when the clock reaches them.
  const digestDue = new Date(NOW.getTime() + 1);
  const armed = await armDigestTimers(state.client, digestDue, LOCAL_DATE);
  if (armed !== OWNERS) log(`  WARNING: armed ${armed} digest timers, expected ${OWNERS}`);
  await new Promise((resolve) => setTimeout(resolve, 1000)); // the traced digest's email goes out
  const profiler = process.env.BENCH_PROFILE === '0' ? null : new CpuProfiler();
  await profiler?.start();
  const children = state.notifiers?.pids ?? [];
  const cpuBefore = cpuSnapshot(state.db.name, children);
  const sqlBefore = sqlSnapshot();
  let armedAt = Date.now();
  const run = await runDigest(state.client, async () => {
    armedAt = Date.now();
    clock.set(digestDue);
  }, NOW, OWNERS, DIGEST_WAIT_MS);
  const cpu = cpuSeconds(cpuBefore, cpuSnapshot(state.db.name, children));
  const sql = sqlDelta(sqlBefore, sqlSnapshot());
  const profile = profiler ? await profiler.stop() : null;
  const wall = run.lastSentAt ?? DIGEST_WAIT_MS / 1000;
  const rate = run.sent / wall;
  for (const stage of run.stages) log(`  ${pad(stage.name, 52)} ${stage.reachedAt === null ? `not reached (${stage.count})` : `all ${OWNERS} after ${fmt(stage.reachedAt, 2)} s`}`);
  log(`  first email sent after ${fmt(run.firstSentAt ?? NaN, 2)} s; emails/s per 15-second window: ${run.windows.map((w) => fmt(w, 0)).join(', ')}`);
  if (run.sent < OWNERS) log(`  (time box of ${DIGEST_WAIT_MS / 1000} s reached with ${run.sent} of ${OWNERS} emails sent: the rate below is over the time box; BENCH_DIGEST_WAIT_S moves it)`);
  log(`  => ${fmt(rate, 0)} digest emails/s end to end (${run.sent} sent in ${fmt(wall, 2)} s); target ${TARGET_EMAILS_PER_SECOND}/s: ${rate >= TARGET_EMAILS_PER_SECOND ? 'met' : `NOT met (${fmt((100 * rate) / TARGET_EMAILS_PER_SECOND, 0)}% of target)`}; ratio to raw BullMQ: ${fmt(rate / raw.processPerSec, 4)} (1 : ${fmt(raw.processPerSec / rate, 0)})`);
  const total = cpu.appMain + cpu.appOther + cpu.children + cpu.postgres + cpu.redis + cpu.nats;
  const per = (s: number) => `${fmt((s * 1000) / Math.max(1, run.sent), 2)} ms/email`;
  log(`  CPU (${fmt(wall, 1)} s wall, 2 cores = ${fmt(2 * wall, 1)} CPU-s): this system ${fmt(total, 1)} CPU-s = ${fmt((100 * total) / (2 * wall), 0)}% of the machine; other Postgres databases (other sessions) ${fmt(Math.max(0, cpu.postgresOther), 1)} CPU-s`);
  log(`    app main thread ${fmt(cpu.appMain, 1)} s (${per(cpu.appMain)}) | app other threads (SMTP sink, GC, libuv) ${fmt(cpu.appOther, 1)} s |${NOTIFIERS > 0 ? ` ${NOTIFIERS} notifier process(es) ${fmt(cpu.children, 1)} s (${per(cpu.children)}) |` : ''} postgres ${fmt(cpu.postgres, 1)} s (${per(cpu.postgres)}) | redis ${fmt(cpu.redis, 1)} s (${per(cpu.redis)}) | nats ${fmt(cpu.nats, 1)} s`);
  log(`  SQL sent by the app: ${sql.total} statements (${fmt(sql.total / Math.max(1, run.sent), 1)} per digest email), ${sql.transactions} transactions (${fmt(sql.transactions / Math.max(1, run.sent), 2)} per email)`);
  const top = process.env.BENCH_SQL_DETAIL ? sql.top.slice(0, 30) : sql.top.slice(0, 12);
  for (const [text, n] of top) log(`    ${pad(fmt(n / Math.max(1, run.sent), 2), 6)} ${text}`);
  await whereTheTimeGoes(profile, run.sent, armedAt);
  if (process.env.BENCH_RISK_DIGEST !== '0') await riskDigestPhase(clock);
  if (process.env.BENCH_SCAN_WRITES === '1') await scansWithWritesPhase(clock);

  log();
  const ledger = (await state.client!.query<{ emails: number; reclaimed: number; resent: number }>(
    `SELECT count(*)::int AS emails, count(*) FILTER (WHERE attempts > 1)::int AS reclaimed, count(*) FILTER (WHERE "resentAfterInterrupt")::int AS resent FROM "Notification"`,
  )).rows[0];
  log(`Ledger: ${ledger.emails} emails, ${ledger.reclaimed} claimed more than once, ${ledger.resent} sent again after an interrupted send (each a possible duplicate, flagged).`);
  log(`SMTP sink received ${await state.smtp.received()} messages. Run time ${fmt(seconds(runStart), 0)} s.`);
}

await runBench(main, cleanup, BUDGET_MS);

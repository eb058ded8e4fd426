// `npm run bench:training` (issue 10 item 14): the training service at the size of a large sales
// organization, in a database of the bench's own, a queue prefix of its own and an SMTP sink.
// Prints figures; asserts nothing (a failed check is printed under "Problems").
//
//  1. Raw BullMQ no-op throughput on this Redis, same run (the floor of any queue-driven figure).
//  2. 10,000 employees and 8 mandatory courses seeded set-based; a plan of 8 rules published with
//     PUT /training-plans/:year through the gateway (HTTP, JWT, NATS, PlansService: what HR does):
//     time, SQL statements (what the publish sent, apart from the engine's polling meanwhile), each
//     statement timed, and the result checked (~80,000 requirements, none duplicated, 3 overdue
//     timers each). Then a republish with one rule changed: only the difference written.
//  3. 5,000 confirmed attendees in 50 sessions of 100 seats (sessions created with POST /sessions,
//     seats written set-based); every session moved by an hour (PATCH /sessions/:id): each attendee
//     and the trainer get an invitation with an .ics (METHOD:REQUEST, same UID, SEQUENCE 1) through
//     the outbox, BullMQ and the notifier into the sink. Emails/s from the first request to the
//     last message the sink accepted; one message parsed back.
//  4. Redis used_memory before, after the publish and after the invitations drained.
//
// Business time is a frozen clock (Monday 2027-03-01 10:00 in Shanghai): the plan's due dates and
// the sessions' reminders are in the future, so nothing else becomes due during a measurement.
//
// Knobs: BENCH_EMPLOYEES (10000), BENCH_SESSIONS (50), BENCH_SEATS (100), BENCH_RAW_JOBS (20000),
// BENCH_CONCURRENCY (4: PATCH requests in flight), BENCH_WAIT_S (180: time box for the emails),
// BENCH_POOL (DATABASE_POOL_SIZE, 20), BENCH_BUDGET_S (900), BENCH_PROFILE=0 (no CPU profile),
// BENCH_CPU_PROF=<dir> (also write the profiles as .cpuprofile), BENCH_SQL_DETAIL=1 (every statement
// of the publish), BENCH_DATABASE_URL (the Postgres server to create the bench database on).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Logger, type INestApplication } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { Redis } from 'ioredis';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { AllInOneModule } from '../apps/all-in-one/all-in-one.module.js';
import type { AppConfig } from '#libs/config';
import { createHttpApp } from '#libs/platform';
import { ManualClock } from '#libs/time';
import { redisOptionsFromUrl } from '#libs/workflow';
import { createBenchDatabase, type BenchDatabase } from './bench-db.js';
import { cpuSeconds, cpuSnapshot, type CpuSnapshot } from './cpu-meter.js';
import { rawBullmq } from './raw-bullmq.js';
import { CpuProfiler, sqlCoverage } from './scale-profile.js';
// By path: #libs/testing is the test harness (jest, smtp-server), left out of the build; this one file is not.
import { deleteRedisPrefix } from '../libs/testing/src/redis-cleanup.js';
import { BenchSmtpSink } from './smtp-sink.js';
import { installSqlCounter, sqlDelta, sqlSnapshot, traceSql, type TracedStatement } from './sql-counter.js';
import { fmt, pad } from './stats.js';
import { expectedRequirements, people, planV1, planV2, seedCourses, seedEmployees, seedEnrollments, type TrainingShape } from './training-seed.js';
import { runBench } from './bench-run.js';
import { benchClients, benchConfig } from './bench-config.js';
import { cleanupStep } from './cleanup-step.js';
import { benchRequest, type BenchAnswer } from './bench-http.js';
import { printCpu, printProfile } from './bench-report.js';
import { redisUsage } from './redis-usage.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const EMPLOYEES = env('BENCH_EMPLOYEES', 10_000);
const SESSIONS = env('BENCH_SESSIONS', 50);
const SEATS = env('BENCH_SEATS', 100);
const RAW_JOBS = env('BENCH_RAW_JOBS', 20_000);
const CONCURRENCY = env('BENCH_CONCURRENCY', 4);
const WAIT_MS = env('BENCH_WAIT_S', 180) * 1000;
const BUDGET_MS = env('BENCH_BUDGET_S', 900) * 1000;
const PROFILE = process.env.BENCH_PROFILE !== '0';
const TARGET_PUBLISH_S = 30;
const TARGET_EMAILS_PER_SECOND = 400;

/** Monday 2027-03-01 10:00 in Shanghai. */
const NOW = new Date('2027-03-01T02:00:00Z');
const YEAR = 2027;
const ADMIN = 'bench-admin@training.bench';
const JWT_SECRET = `bench-${randomBytes(12).toString('hex')}`;
const SHAPE: TrainingShape = { employees: EMPLOYEES, trainers: SESSIONS, now: NOW };

const log = (line = '') => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => (performance.now() - since) / 1000;
const n = (value: number) => value.toLocaleString('en');
const problems: string[] = [];

const state: { db?: BenchDatabase; smtp?: BenchSmtpSink; app?: INestApplication; client?: pg.Client; redis?: Redis; config?: AppConfig; base?: string; prefixes: string[] } = { prefixes: [] };

let cleaned: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    const step = cleanupStep;
    await step('app', () => state.app?.close());
    await step('bench client', () => state.client?.end());
    await step('SMTP sink', () => state.smtp?.stop());
    for (const prefix of state.prefixes) await step(`Redis keys ${prefix}:*`, () => deleteRedisPrefix(state.config?.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix));
    await step('Redis client', async () => state.redis?.disconnect());
    await step('database', () => state.db?.drop());
  })();
  return cleaned;
}

// ---------------------------------------------------------------- helpers

function http(method: string, path: string, body?: unknown): Promise<BenchAnswer> {
  return benchRequest(`${state.base}${path}`, jwt.sign({ sub: ADMIN }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '2h' }), method, body);
}

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await state.client!.query<T>(text, values)).rows;
}

async function redisMemory(label: string): Promise<{ used: number; keys: number }> {
  const { used, keys } = await redisUsage(state.redis!, state.config!.QUEUE_PREFIX);
  log(`  Redis ${pad(label, 40)} used_memory ${fmt(used / 1048576, 2)} MiB; keys under this run's prefix: ${keys}`);
  return { used, keys };
}

function cpu(before: CpuSnapshot) {
  return cpuSeconds(before, cpuSnapshot(state.db!.name, [], { smtpSink: state.smtp!.threadId }));
}

/** The publish's own statements, told apart from the engine's polling meanwhile (outbox relay, timer sweep, health). */
const PUBLISH_SQL = /training_plan_desired|TrainingRequirement|TrainingPlan|"Course"|pg_advisory_xact_lock|INSERT INTO "Timer"|INSERT INTO "AuditEntry"|FROM "Employee"|"WorkCalendar"/i;

interface PublishFigures {
  status: number;
  seconds: number;
  applied: unknown;
  statements: number;
  other: number;
}

/** PUT /training-plans/:year through the gateway, every statement the app sends counted and timed. */
async function publish(label: string, plan: unknown, version: number): Promise<PublishFigures> {
  const before = sqlSnapshot();
  const profiler = PROFILE ? new CpuProfiler() : null;
  await profiler?.start();
  const cpuBefore = cpuSnapshot(state.db!.name, [], { smtpSink: state.smtp!.threadId });
  const t0 = performance.now();
  // Traced until the version is committed: the gateway gives up after 15 s (503) while the
  // service's transaction goes on, so a 503 is waited out.
  const traced = await traceSql(async () => {
    const answer = await http('PUT', `/training-plans/${YEAR}`, plan);
    const answeredAfter = seconds(t0);
    if (answer.status !== 200) {
      while (seconds(t0) < 300) {
        const rows = await query<{ version: number }>(`SELECT version FROM "TrainingPlan" WHERE year = $1 AND version = $2`, [YEAR, version]);
        if (rows.length > 0) break;
        await sleep(100);
      }
    }
    return { ...answer, answeredAfter };
  });
  const wall = seconds(t0);
  const { status, json, answeredAfter } = traced.result;
  if (status !== 200) {
    log(`  PUT answered ${status} after ${fmt(answeredAfter, 1)} s: ${JSON.stringify(json).slice(0, 160)}; version ${version} committed after ${fmt(wall, 1)} s`);
    problems.push(`${label}: PUT /training-plans answered ${status} after ${fmt(answeredAfter, 1)} s (committed after ${fmt(wall, 1)} s)`);
  }
  const c = cpu(cpuBefore);
  const profile = profiler ? await profiler.stop(`training-${label}`) : null;
  const sql = sqlDelta(before, sqlSnapshot());
  const own = sql.top.filter(([text]) => PUBLISH_SQL.test(text));
  const statements = own.reduce((sum, [, count]) => sum + count, 0);
  log(`  ${label}: HTTP ${status} after ${fmt(answeredAfter, 2)} s, committed after ${fmt(wall, 2)} s; applied ${JSON.stringify(json.applied ?? '(not answered)')}`);
  log(`  SQL: ${statements} statements of the publish in one transaction, besides BEGIN/COMMIT (${sql.total - statements} more from the engine's polling meanwhile)`);
  const inPublish = traced.statements.filter((st) => PUBLISH_SQL.test(st.sql));
  const coverage = sqlCoverage(inPublish, traced.started, traced.ended);
  log(`  a publish statement in flight ${fmt(coverage.inSqlMs / 1000, 2)} s (${fmt((100 * coverage.inSqlMs) / coverage.totalMs, 0)}%: Postgres, the driver, the wire); the rest ${fmt((coverage.totalMs - coverage.inSqlMs) / 1000, 2)} s is JavaScript (gateway, NATS, rules, building the timers) and waiting`);
  log('  the publish\'s statements by time (ms, in order; each rule one INSERT ... SELECT into the desired set):');
  const slow = inPublish.filter((st) => process.env.BENCH_SQL_DETAIL || st.end - st.start >= 5 || /INSERT INTO training_plan_desired/.test(st.sql));
  for (const st of slow) log(`    +${pad(fmt(st.start - traced.started, 0), 6)} ${pad(fmt(st.end - st.start, 1), 8)} ${st.sql.slice(0, 110)}`);
  const quick = inPublish.length - slow.length;
  if (quick > 0) log(`    (${quick} statements under 5 ms each, ${fmt(sumMs(inPublish.filter((st) => !slow.includes(st))), 0)} ms together)`);
  printCpu(c, wall, 1, 'publish');
  printProfile(profile, 1, 'publish');
  return { status, seconds: wall, applied: json.applied, statements, other: sql.total - statements };
}

const sumMs = (statements: TracedStatement[]) => statements.reduce((sum, st) => sum + (Number.isFinite(st.end) ? st.end - st.start : 0), 0);

async function checkRequirements(label: string, version: 1 | 2): Promise<number> {
  const [row] = await query<{ total: number; open: number; withdrawn: number; distinct: number; timers: number }>(
    `SELECT count(*)::int AS total, (count(*) FILTER (WHERE status = 'OPEN'))::int AS open, (count(*) FILTER (WHERE status = 'WITHDRAWN'))::int AS withdrawn,
            count(DISTINCT ("employeeId", "courseId"))::int AS distinct,
            (SELECT count(*)::int FROM "Timer" WHERE kind = 'training-requirement.overdue-step' AND "cancelledAt" IS NULL) AS timers
       FROM "TrainingRequirement" WHERE year = $1`,
    [YEAR],
  );
  const expected = await expectedRequirements(state.client!, version);
  const ok = row.open === expected && row.distinct === row.total;
  log(`  check ${label}: ${n(row.total)} requirement rows (${n(row.open)} open, ${n(row.withdrawn)} withdrawn), ${n(row.distinct)} distinct (person, course): ${row.distinct === row.total ? 'none duplicated' : `${row.total - row.distinct} DUPLICATED`}; expected ${n(expected)} open: ${row.open === expected ? 'yes' : 'NO'}; ${n(row.timers)} overdue-step timers armed`);
  if (!ok) problems.push(`${label}: ${row.open} open requirements, expected ${expected}; ${row.total - row.distinct} duplicated`);
  return row.open;
}

// ---------------------------------------------------------------- the run

async function main(): Promise<void> {
  const runStart = performance.now();
  Logger.overrideLogger(['error', 'warn']);
  log('salesflow training benchmark (issue 10 item 14)');
  log(`  machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, load average before start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(`  shape: ${n(EMPLOYEES)} employees, 8 mandatory courses, a plan of 8 rules; ${SESSIONS} sessions x ${SEATS} seats; business time frozen at ${NOW.toISOString()}`);

  installSqlCounter();
  state.db = await createBenchDatabase(ROOT, process.env.BENCH_DATABASE_URL || undefined);
  log(`  database ${state.db.name}: ${state.db.how}`);
  state.smtp = await BenchSmtpSink.start({ keepLast: true });
  const prefix = `training${randomBytes(4).toString('hex')}`;
  state.config = benchConfig({
    databaseUrl: state.db.url, prefix, smtpUrl: state.smtp.url, jwtSecret: JWT_SECRET, admin: ADMIN, poolSize: process.env.BENCH_POOL ?? '20',
  });
  state.prefixes.push(prefix);
  ({ redis: state.redis, client: state.client } = await benchClients(state.config));

  // 1. The floor.
  log();
  log(`1. Raw BullMQ no-op throughput (${n(RAW_JOBS)} jobs, addBulk in chunks of 1000, one Worker at concurrency 50), same Redis, same run`);
  const rawPrefix = `${prefix}-raw`;
  state.prefixes.push(rawPrefix);
  const raw = await rawBullmq(redisOptionsFromUrl(state.config.REDIS_URL), rawPrefix, RAW_JOBS, 50);
  log(`  addBulk ${fmt(raw.addPerSec, 0)} jobs/s; processing ${fmt(raw.processPerSec, 0)} jobs/s`);

  // 2. Seeding, the system, the publish.
  log();
  log('2. The annual plan');
  const memoryStart = await redisMemory('before the system starts');
  const seedStart = performance.now();
  await seedEmployees(state.client, SHAPE);
  await seedCourses(state.client, NOW);
  await state.client.query('ANALYZE "Employee"; ANALYZE "Course"');
  log(`  seeded ${n(EMPLOYEES)} employees (10 directors, 100 managers, ${SESSIONS} HR trainers, specialists and customer service; 4 teams, 5 regions) and 8 courses in ${fmt(seconds(seedStart), 2)} s`);

  const clock = new ManualClock(NOW);
  const engine = { relayMs: 50, sweepMs: 200, reconcileMs: 1000 };
  const bootStart = performance.now();
  state.app = await createHttpApp(AllInOneModule.forRoot({ config: state.config, clock, engine }), { serveNats: true });
  await state.app.listen(0, '127.0.0.1');
  state.base = `http://127.0.0.1:${(state.app.getHttpServer().address() as AddressInfo).port}`;
  log(`  system (all-in-one, notifier inside) started in ${fmt(seconds(bootStart), 1)} s: DATABASE_POOL_SIZE ${state.config.DATABASE_POOL_SIZE}, NOTIFIER_CONCURRENCY ${state.config.NOTIFIER_CONCURRENCY}, SMTP_MAX_CONNECTIONS ${state.config.SMTP_MAX_CONNECTIONS}, engine ${JSON.stringify(engine)}, LOG_LEVEL warn`);
  await sleep(2000); // start-up work settles
  // Warm-up: one tiny plan for another year (JIT, pools, NATS), not measured.
  const warm = await http('PUT', `/training-plans/${YEAR + 1}`, { rules: [{ course: 'T-01', audience: { teams: ['none'] }, due: { date: `${YEAR + 1}-06-30` } }] });
  if (warm.status !== 200) throw new Error(`warm-up publish answered ${warm.status}: ${JSON.stringify(warm.json)}`);
  const memoryBaseline = await redisMemory('system idle, before the publish');

  log();
  log(`  2a. First publish of ${YEAR}: PUT /training-plans/${YEAR} (gateway -> NATS -> PlansService.put, one transaction)`);
  const first = await publish('first publish', planV1(YEAR), 1);
  await checkRequirements('after the first publish', 1);
  const requirementsV1 = await expectedRequirements(state.client, 1);
  log(`  => ${fmt(first.seconds, 2)} s for ${n(requirementsV1)} requirements; target under ${TARGET_PUBLISH_S} s: ${first.seconds < TARGET_PUBLISH_S ? 'met' : 'NOT met'}; ${first.statements} statements for 8 rules and ${n(EMPLOYEES)} people (target: per rule, not per person): ${first.statements < 8 * 10 ? 'met' : 'NOT met'}`);
  if (first.seconds >= TARGET_PUBLISH_S) problems.push(`first publish ${fmt(first.seconds, 1)} s (target ${TARGET_PUBLISH_S} s)`);
  await redisMemory('after the publish');

  log();
  log(`  2b. Republish with one rule changed (T-03 no longer for the South team): only the difference written`);
  // An hour later (business time is frozen otherwise): the rows the republish writes carry its own time.
  clock.set(new Date(NOW.getTime() + 3600_000));
  const changedBefore = await query<{ at: Date | null }>(`SELECT max("updatedAt") AS at FROM "TrainingRequirement" WHERE year = $1`, [YEAR]);
  const second = await publish('republish', planV2(YEAR), 2);
  const [touched] = await query<{ touched: number; withdrawn: number }>(
    `SELECT count(*)::int AS touched, (count(*) FILTER (WHERE status = 'WITHDRAWN'))::int AS withdrawn FROM "TrainingRequirement" WHERE year = $1 AND "updatedAt" > $2`,
    [YEAR, changedBefore[0].at],
  );
  const [south] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Employee" WHERE team = 'South'`);
  log(`  rows written by the republish: ${n(touched.touched)} (${n(touched.withdrawn)} withdrawn); the South team has ${n(south.n)} people: ${touched.touched === south.n && touched.withdrawn === south.n ? 'only the difference' : 'MORE THAN THE DIFFERENCE'}`);
  if (touched.touched !== south.n) problems.push(`republish wrote ${touched.touched} rows, the difference is ${south.n}`);
  await checkRequirements('after the republish', 2);

  // 3. Invitations.
  log();
  const attendeesWanted = SESSIONS * SEATS;
  log(`3. Invitations: ${n(attendeesWanted)} confirmed attendees in ${SESSIONS} sessions x ${SEATS} seats; every session moved by an hour (PATCH /sessions/:id, ${CONCURRENCY} in flight): an invitation with .ics to each attendee and trainer`);
  const { trainers, attendees } = await people(state.client, SHAPE);
  const [course] = await query<{ id: string }>(`SELECT id FROM "Course" WHERE code = 'T-01'`);
  const sessions: { id: string; version: number; startsAt: Date }[] = [];
  const createStart = performance.now();
  for (let k = 0; k < SESSIONS; k++) {
    // Weekdays from Monday 2027-03-22, 10:00 Shanghai; a trainer each, so none is double-booked.
    const day = Math.floor(k / 10) % 5;
    const startsAt = new Date(Date.UTC(2027, 2, 22 + day, 2 + (k % 5)));
    const created = await http('POST', '/sessions', {
      courseId: course.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      timezone: 'Asia/Shanghai', place: `Room ${k}`, trainer: trainers[k], capacity: SEATS,
    });
    if (created.status !== 201) throw new Error(`POST /sessions answered ${created.status}: ${JSON.stringify(created.json)}`);
    sessions.push({ id: created.json.id as string, version: created.json.version as number, startsAt });
  }
  const [admin] = await query<{ id: string }>(`SELECT id FROM "Employee" WHERE email = $1`, [ADMIN]);
  const seeded = await seedEnrollments(state.client, sessions.map((s) => s.id), attendees, SEATS, admin.id, NOW);
  log(`  set-up: ${SESSIONS} sessions created through POST /sessions in ${fmt(seconds(createStart), 1)} s (their trainers invited), ${n(seeded)} confirmed seats written set-based`);
  // The trainers' invitations go out before the measurement starts.
  const deadline = Date.now() + 60_000;
  while ((await state.smtp.received()) < SESSIONS && Date.now() < deadline) await sleep(200);
  const sinkBefore = await state.smtp.received();
  const expectedEmails = seeded + SESSIONS;
  await sleep(1000);

  const profiler = PROFILE ? new CpuProfiler() : null;
  await profiler?.start();
  const cpuBefore = cpuSnapshot(state.db.name, [], { smtpSink: state.smtp.threadId });
  const sqlBefore = sqlSnapshot();
  const t0 = performance.now();
  let next = 0;
  const patchMs: number[] = [];
  let patchFailures = 0;
  const worker = async () => {
    while (next < sessions.length) {
      const session = sessions[next++];
      const startsAt = new Date(session.startsAt.getTime() + 3600_000);
      const p0 = performance.now();
      const moved = await http('PATCH', `/sessions/${session.id}`, { version: session.version, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString() });
      patchMs.push(performance.now() - p0);
      if (moved.status !== 200) {
        patchFailures++;
        log(`  PATCH /sessions/${session.id} answered ${moved.status}: ${JSON.stringify(moved.json).slice(0, 200)}`);
      }
    }
  };
  const requestsDone = Promise.all(Array.from({ length: CONCURRENCY }, worker)).then(() => seconds(t0));
  let firstAccepted: number | null = null;
  let lastCount = 0;
  const samples: { at: number; received: number }[] = [];
  while (seconds(t0) * 1000 < WAIT_MS) {
    lastCount = (await state.smtp.received()) - sinkBefore;
    const at = seconds(t0);
    samples.push({ at, received: lastCount });
    if (firstAccepted === null && lastCount > 0) firstAccepted = at;
    if (lastCount >= expectedEmails) break;
    await sleep(100);
  }
  const wall = seconds(t0);
  const requestsSeconds = await requestsDone;
  const c = cpu(cpuBefore);
  const sql = sqlDelta(sqlBefore, sqlSnapshot());
  const profile = profiler ? await profiler.stop('training-invitations') : null;
  const rate = lastCount / wall;
  if (patchFailures > 0) problems.push(`${patchFailures} PATCH /sessions failed`);
  if (lastCount < expectedEmails) problems.push(`invitations: ${lastCount}/${expectedEmails} accepted by the sink within ${WAIT_MS / 1000} s`);
  const sortedPatch = [...patchMs].sort((a, b) => a - b);
  log(`  ${SESSIONS} PATCH requests answered in ${fmt(requestsSeconds, 2)} s (each a transaction writing ${SEATS + 1} ledger rows: p50 ${fmt(sortedPatch[Math.floor(sortedPatch.length / 2)] ?? NaN, 0)} ms, max ${fmt(sortedPatch.at(-1) ?? NaN, 0)} ms)`);
  const windows: string[] = [];
  for (let from = 0, i = 1; i < samples.length; i++) {
    if (samples[i].at - samples[from].at >= 2 || i === samples.length - 1) {
      windows.push(fmt((samples[i].received - samples[from].received) / (samples[i].at - samples[from].at), 0));
      from = i;
    }
  }
  log(`  first message accepted by the sink after ${fmt(firstAccepted ?? NaN, 2)} s; emails/s per 2-second window: ${windows.join(', ')}`);
  const afterRequests = samples.find((s) => s.at >= requestsSeconds);
  if (afterRequests && wall > requestsSeconds) log(`  after the last PATCH was answered (${n(afterRequests.received)} sent by then): ${fmt((lastCount - afterRequests.received) / (wall - afterRequests.at), 0)} emails/s draining the rest`);
  log(`  => ${n(lastCount)} invitations accepted by the SMTP sink in ${fmt(wall, 2)} s from the first request = ${fmt(rate, 0)} emails/s end to end; target ${TARGET_EMAILS_PER_SECOND}/s: ${rate >= TARGET_EMAILS_PER_SECOND ? 'met' : `NOT met (${fmt((100 * rate) / TARGET_EMAILS_PER_SECOND, 0)}% of target)`}; raw BullMQ ${fmt(raw.processPerSec, 0)} jobs/s (1 : ${fmt(raw.processPerSec / Math.max(1, rate), 0)})`);
  if (rate < TARGET_EMAILS_PER_SECOND) problems.push(`invitations ${fmt(rate, 0)} emails/s (target ${TARGET_EMAILS_PER_SECOND})`);
  printCpu(c, wall, lastCount, 'email');
  log(`  SQL sent by the app: ${n(sql.total)} statements (${fmt(sql.total / Math.max(1, lastCount), 1)} per email), ${n(sql.transactions)} transactions (${fmt(sql.transactions / Math.max(1, lastCount), 2)} per email); most frequent:`);
  for (const [text, count] of sql.top.slice(0, 12)) log(`    ${pad(fmt(count / Math.max(1, lastCount), 2), 6)} ${text}`);
  printProfile(profile, lastCount, 'email');
  const [ledger] = await query<{ sent: number; other: number }>(
    `SELECT (count(*) FILTER (WHERE status = 'sent'))::int AS sent, (count(*) FILTER (WHERE status <> 'sent'))::int AS other FROM "Notification" WHERE kind = 'training-invitation'`,
  );
  log(`  ledger: ${n(ledger.sent)} training invitations sent, ${n(ledger.other)} not (the trainers' first invitations included)`);
  const sample = await simpleParser(await state.smtp.lastMessage());
  const ics = sample.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content.toString('utf8')
    ?? (typeof sample.text === 'string' && sample.text.includes('BEGIN:VCALENDAR') ? sample.text : '');
  const method = /METHOD:(\w+)/.exec(ics)?.[1];
  const sequence = /SEQUENCE:(\d+)/.exec(ics)?.[1];
  const uid = /UID:([^\r\n]+)/.exec(ics)?.[1];
  log(`  last message parsed back: "${sample.subject}" to ${sample.to && !Array.isArray(sample.to) ? sample.to.text : '?'}; calendar part: METHOD:${method ?? 'none'}, SEQUENCE:${sequence ?? '?'}, UID ${uid ?? '?'}`);
  if (method !== 'REQUEST' || sequence !== '1') problems.push(`the sample invitation's calendar part: METHOD ${method}, SEQUENCE ${sequence}`);

  // 4. Redis after the work drained.
  log();
  log('4. Redis memory (INFO used_memory is server-wide: other sessions on this Redis move it too)');
  await sleep(3000);
  const memoryEnd = await redisMemory('after the invitations drained');
  log(`  => from the idle system to drained: ${fmt((memoryEnd.used - memoryBaseline.used) / 1024, 0)} KiB (${memoryBaseline.keys} -> ${memoryEnd.keys} keys of this run: BullMQ keeps the last completed jobs per queue); before the system started: ${fmt(memoryStart.used / 1048576, 2)} MiB`);

  log();
  log('Summary');
  const rows: [string, string, string][] = [
    ['raw BullMQ no-op jobs/s (floor, same run)', fmt(raw.processPerSec, 0), ''],
    [`first publish: ${n(requirementsV1)} requirements, 8 rules`, `${fmt(first.seconds, 2)} s, ${first.statements} statements`, `< ${TARGET_PUBLISH_S} s, per rule: ${first.seconds < TARGET_PUBLISH_S && first.statements < 80 ? 'met' : 'NOT met'}`],
    [`republish, one rule changed (${n(south.n)} withdrawn)`, `${fmt(second.seconds, 2)} s, ${second.statements} statements, ${n(touched.touched)} rows`, touched.touched === south.n ? 'difference only' : 'MORE than the difference'],
    [`invitations with .ics (${n(lastCount)} into the sink)`, `${fmt(rate, 0)} emails/s`, `>= ${TARGET_EMAILS_PER_SECOND}/s: ${rate >= TARGET_EMAILS_PER_SECOND ? 'met' : 'NOT met'}`],
    ['Redis used_memory idle -> drained', `${fmt(memoryBaseline.used / 1048576, 2)} -> ${fmt(memoryEnd.used / 1048576, 2)} MiB`, `${memoryBaseline.keys} -> ${memoryEnd.keys} keys`],
  ];
  log(`  ${pad('figure', 52)} ${pad('measured', 44)} target`);
  for (const [what, measured, target] of rows) log(`  ${pad(what, 52)} ${pad(measured, 44)} ${target}`);
  log(`  (load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}: above ${os.cpus().length}, other work shared the machine)`);
  log();
  log(`SMTP sink received ${n(await state.smtp.received())} messages. Run time ${fmt(seconds(runStart), 0)} s.`);
}

await runBench(main, cleanup, BUDGET_MS, problems);

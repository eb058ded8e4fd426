// `npm run bench:appraisal` (issue 11 item 10): the appraisal service at the size of a large sales
// organization, in a database of the bench's own, a queue prefix of its own and an SMTP sink.
// Prints figures; asserts nothing (a failed check is printed under "Problems").
//
//  1. Seeded set-based over 2026: 10,000 specialists (100 managers and 10 directors above them),
//     1,000,000 approved contracts (half in CNY, half in USD at 7.1), 200,000 answered surveys,
//     500,000 revisits, complaints, training outcomes, each specialist's targets.
//  2. The template and the commission plan published through the gateway (PUT, as HR/FINANCE would).
//  3. A cycle for 2026-Q4 opened for every specialist with POST /appraisal-cycles through the
//     gateway (HTTP, JWT, NATS, CyclesService.open, one transaction): time, SQL statements (the
//     opening's own, apart from the engine's polling meanwhile), each statement timed (one
//     INSERT ... SELECT per automatic KPI: where the time goes), the result counted.
//  4. December 2026's commission statements of every specialist in one set-based run
//     (POST /commission-statements/compute), then read one by one: GET /commission-statements
//     ?period=2026-12&employee=<id> (computed and stored on read), BENCH_CONCURRENCY in flight:
//     time, statements per person, the lines checked against the contracts.
//     4b. The floor of a set-based run, for comparison (bench/statements-set-based.ts).
//  5. Redis used_memory and the run's keys before, after the opening and after the statements.
//
// Business time is a frozen clock (Monday 2027-01-04 10:00 in Shanghai): 2026 is over, the
// cycle's deadlines are ahead, nothing else becomes due during a measurement.
//
// Knobs: BENCH_SPECIALISTS (10000), BENCH_CONTRACTS (1000000), BENCH_SURVEYS (200000), BENCH_VISITS
// (500000), BENCH_COMPLAINTS (50000), BENCH_TRAININGS (40000), BENCH_SCALE (multiplies all six, e.g.
// 0.1 for a quick run), BENCH_PERIOD (cycle period, 2026-Q4; 2026 for the whole year),
// BENCH_CONCURRENCY (8 statement requests in flight), BENCH_POOL (DATABASE_POOL_SIZE, 20),
// BENCH_BUDGET_S (1800), BENCH_PROFILE=0 (no CPU profile), BENCH_DATABASE_URL.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Logger, type INestApplication } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { Redis } from 'ioredis';
import pg from 'pg';
import { AllInOneModule } from '../apps/all-in-one/all-in-one.module.js';
import type { AppConfig } from '#libs/config';
import { createHttpApp } from '#libs/platform';
import { ManualClock } from '#libs/time';
import {
  analyze, COMMISSION_PLAN, DIRECTORS, MANAGERS, seedComplaints, seedContracts, seedCustomers, seedPeople, seedSurveys, seedTargets, seedTrainingOutcomes, seedVisits,
  TEMPLATE, type AppraisalShape,
} from './appraisal-seed.js';
import { createBenchDatabase, type BenchDatabase } from './bench-db.js';
import { runBench } from './bench-run.js';
import { benchClients, benchConfig } from './bench-config.js';
import { cleanupStep } from './cleanup-step.js';
import { benchRequest, type BenchAnswer } from './bench-http.js';
import { printCpu, printProfile } from './bench-report.js';
import { redisUsage } from './redis-usage.js';
import { cpuSeconds, cpuSnapshot, type CpuSnapshot } from './cpu-meter.js';
import { CpuProfiler, sqlCoverage } from './scale-profile.js';
import { setBasedStatements } from './statements-set-based.js';
// By path: #libs/testing is the test harness (jest, smtp-server), left out of the build; this one file is not.
import { deleteRedisPrefix } from '../libs/testing/src/redis-cleanup.js';
import { BenchSmtpSink } from './smtp-sink.js';
import { installSqlCounter, sqlDelta, sqlSnapshot, traceSql, type TracedStatement } from './sql-counter.js';
import { fmt, pad, percentile } from './stats.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SCALE = env('BENCH_SCALE', 1);
const scaled = (name: string, fallback: number) => Math.max(1, Math.round(env(name, fallback) * SCALE));
const SHAPE: AppraisalShape = {
  specialists: scaled('BENCH_SPECIALISTS', 10_000),
  contracts: scaled('BENCH_CONTRACTS', 1_000_000),
  surveys: scaled('BENCH_SURVEYS', 200_000),
  visits: scaled('BENCH_VISITS', 500_000),
  complaints: scaled('BENCH_COMPLAINTS', 50_000),
  trainings: scaled('BENCH_TRAININGS', 40_000),
  customersEach: 10,
};
const PERIOD = process.env.BENCH_PERIOD ?? '2026-Q4';
const MONTH = '2026-12';
const CONCURRENCY = env('BENCH_CONCURRENCY', 8);
const BUDGET_MS = env('BENCH_BUDGET_S', 1800) * 1000;
const PROFILE = process.env.BENCH_PROFILE !== '0';
const TARGET_OPEN_S = 60;
const TARGET_STATEMENTS_S = 30;

/** Monday 2027-01-04 10:00 in Shanghai. */
const NOW = new Date('2027-01-04T02:00:00Z');
const ADMIN = 'bench-admin@appraisal.bench';
const JWT_SECRET = `bench-${randomBytes(16).toString('hex')}`;
const CYCLE = {
  period: PERIOD,
  scope: { role: 'SALES_SPECIALIST' },
  template: 'sales',
  deadlines: { self: '2027-01-15T18:00:00+08:00', peer: '2027-01-22T18:00:00+08:00', manager: '2027-01-29T18:00:00+08:00', calibration: '2027-02-05T18:00:00+08:00' },
};
const AUTOMATIC_KPIS = TEMPLATE.kpis.map((k) => k.kind).filter((kind) => kind !== 'teamwork' && kind !== 'managerRating');

const log = (line = '') => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => (performance.now() - since) / 1000;
const n = (value: number) => value.toLocaleString('en');
const loadNow = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const problems: string[] = [];

const state: { db?: BenchDatabase; smtp?: BenchSmtpSink; app?: INestApplication; client?: pg.Client; redis?: Redis; config?: AppConfig; base?: string; prefixes: string[] } = { prefixes: [] };

let cleaned: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    await cleanupStep('app', () => state.app?.close());
    await cleanupStep('bench client', () => state.client?.end());
    await cleanupStep('SMTP sink', () => state.smtp?.stop());
    for (const prefix of state.prefixes) await cleanupStep(`Redis keys ${prefix}:*`, () => deleteRedisPrefix(state.config?.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix));
    await cleanupStep('Redis client', async () => state.redis?.disconnect());
    await cleanupStep('database', () => state.db?.drop());
  })();
  return cleaned;
}

// ---------------------------------------------------------------- helpers

function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<BenchAnswer> {
  return benchRequest(`${state.base}${path}`, jwt.sign({ sub: ADMIN }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '2h' }), method, body, headers);
}

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await state.client!.query<T>(text, values)).rows;
}

async function redisMemory(label: string): Promise<{ used: number; keys: number }> {
  const { used, keys } = await redisUsage(state.redis!, state.config!.QUEUE_PREFIX);
  log(`  Redis ${pad(label, 44)} used_memory ${fmt(used / 1048576, 2)} MiB; keys under this run's prefix: ${keys}`);
  return { used, keys };
}

function cpu(before: CpuSnapshot) {
  return cpuSeconds(before, cpuSnapshot(state.db!.name, [], { smtpSink: state.smtp!.threadId }));
}

const sumMs = (statements: TracedStatement[]) => statements.reduce((sum, st) => sum + (Number.isFinite(st.end) ? st.end - st.start : 0), 0);

// ---------------------------------------------------------------- 3. the cycle

/** The engine's polling, told apart from the opening's own statements (which include the gateway's caller lookup). */
const POLLING_SQL = /^(BEGIN|COMMIT|ROLLBACK)$|from "Outbox" where "publishedAt" is (not )?null|^WITH due AS \( SELECT id FROM "Timer"|^SELECT pg_try_advisory_xact_lock|^select 1$/i;
const ownSql = (text: string) => !POLLING_SQL.test(text);

async function openCycle(): Promise<{ seconds: number; statements: number; perKpi: [string, number][]; ok: boolean }> {
  const before = sqlSnapshot();
  const profiler = PROFILE ? new CpuProfiler() : null;
  await profiler?.start();
  const cpuBefore = cpuSnapshot(state.db!.name, [], { smtpSink: state.smtp!.threadId });
  const t0 = performance.now();
  // Traced until the cycle is committed: the gateway gives up after its timeout (503) while the
  // service's transaction goes on, so a 503 is waited out.
  const traced = await traceSql(async () => {
    const answer = await http('POST', '/appraisal-cycles', CYCLE, { 'idempotency-key': 'bench-cycle' });
    const answeredAfter = seconds(t0);
    if (answer.status !== 201) {
      while (seconds(t0) < 600) {
        if ((await query(`SELECT 1 FROM "AppraisalCycle" WHERE appraisals > 0`)).length > 0) break;
        await sleep(100);
      }
    }
    return { ...answer, answeredAfter };
  });
  const wall = seconds(t0);
  const { status, json, answeredAfter } = traced.result;
  if (status !== 201) {
    log(`  POST answered ${status} after ${fmt(answeredAfter, 1)} s: ${JSON.stringify(json).slice(0, 200)}; the cycle committed after ${fmt(wall, 1)} s`);
    problems.push(`POST /appraisal-cycles answered ${status} after ${fmt(answeredAfter, 1)} s (committed after ${fmt(wall, 1)} s)`);
  }
  const c = cpu(cpuBefore);
  const profile = profiler ? await profiler.stop('appraisal-open') : null;
  const sql = sqlDelta(before, sqlSnapshot());
  const own = sql.top.filter(([text]) => ownSql(text));
  const statements = own.reduce((sum, [, count]) => sum + count, 0);
  log(`  HTTP ${status} after ${fmt(answeredAfter, 2)} s, committed after ${fmt(wall, 2)} s; ${JSON.stringify({ appraisals: json.appraisals, template: json.template })}`);
  log(`  SQL: ${statements} statements of the opening, besides BEGIN/COMMIT (${sql.total - statements} more: transaction control and the engine's polling meanwhile):`);
  for (const [text, count] of own) log(`    ${pad(String(count), 4)} ${text}`);
  if (process.env.BENCH_SQL_DETAIL) for (const [text, count] of sql.top.filter((entry) => !own.includes(entry))) log(`    (other) ${pad(String(count), 4)} ${text}`);
  const inOpen = traced.statements.filter((st) => ownSql(st.sql));
  const coverage = sqlCoverage(inOpen, traced.started, traced.ended);
  log(`  a statement of the opening in flight ${fmt(coverage.inSqlMs / 1000, 2)} s (${fmt((100 * coverage.inSqlMs) / coverage.totalMs, 0)}%: Postgres, the driver, the wire); the rest ${fmt((coverage.totalMs - coverage.inSqlMs) / 1000, 2)} s is JavaScript (gateway, NATS, scoring the sheets) and waiting`);
  log('  the opening\'s statements by time (ms, in order; the AppraisalEvidence INSERTs are one per automatic KPI, in the template\'s order):');
  const perKpi: [string, number][] = [];
  let evidenceIndex = 0;
  for (const st of inOpen) {
    const ms = st.end - st.start;
    let label = '';
    if (/INSERT INTO "AppraisalEvidence"/.test(st.sql)) {
      label = AUTOMATIC_KPIS[evidenceIndex++] ?? '?';
      perKpi.push([label, ms]);
    }
    if (label || ms >= 5) log(`    +${pad(fmt(st.start - traced.started, 0), 7)} ${pad(fmt(ms, 1), 9)} ${label ? pad(label, 26) : ''}${st.sql.slice(0, label ? 80 : 106)}`);
  }
  const quick = inOpen.filter((st) => st.end - st.start < 5 && !/INSERT INTO "AppraisalEvidence"/.test(st.sql));
  if (quick.length > 0) log(`    (${quick.length} statements under 5 ms each, ${fmt(sumMs(quick), 0)} ms together)`);
  printCpu(c, wall, 1, 'opening');
  printProfile(profile, 1, 'opening');
  return { seconds: wall, statements, perKpi, ok: status === 201 };
}

async function checkCycle(): Promise<void> {
  const [a] = await query<{ appraisals: number; scored: number; banded: number }>(
    `SELECT count(*)::int AS appraisals, (count(*) FILTER (WHERE score IS NOT NULL))::int AS scored, (count(*) FILTER (WHERE band IS NOT NULL))::int AS banded FROM "Appraisal"`,
  );
  log(`  check: ${n(a.appraisals)} appraisals (specialists: ${n(SHAPE.specialists)}), ${n(a.scored)} scored, ${n(a.banded)} with a band`);
  if (a.appraisals !== SHAPE.specialists) problems.push(`${a.appraisals} appraisals for ${SHAPE.specialists} specialists`);
  const kpis = await query<{ kpi: string; status: string; rows: number; evidence: number; avg: string | null }>(
    `SELECT k.kpi, k.status::text AS status, count(*)::int AS rows, sum(k.samples)::int AS evidence, round(avg(k.value), 2)::text AS avg
       FROM "AppraisalKpi" k GROUP BY k.kpi, k.status ORDER BY k.kpi, k.status`,
  );
  for (const k of kpis) log(`    ${pad(k.kpi, 26)} ${pad(k.status, 8)} ${pad(n(k.rows), 7)} appraisals, ${pad(n(k.evidence), 9)} evidence records, mean value ${k.avg ?? '-'}`);
  const [ev] = await query<{ rows: number }>(`SELECT count(*)::int AS rows FROM "AppraisalEvidence"`);
  log(`  ${n(ev.rows)} AppraisalEvidence rows in all`);
  // The contracts the KPI counted, recounted apart from the service (every specialist has a target).
  const [expected] = await query<{ contracts: number }>(
    `SELECT count(*)::int AS contracts ${RECOUNT}`,
    periodDays(PERIOD),
  );
  const [counted] = await query<{ contracts: number }>(`SELECT count(*)::int AS contracts FROM "AppraisalEvidence" WHERE kpi = 'salesAttainment' AND "sourceKind" = 'contract'`);
  log(`  contracts behind sales attainment: ${n(counted.contracts)}; recounted from the Contract table: ${n(expected.contracts)}: ${counted.contracts === expected.contracts ? 'equal' : 'DIFFERENT'}`);
  if (counted.contracts !== expected.contracts) problems.push(`sales attainment evidence ${counted.contracts} contracts, recount ${expected.contracts}`);
}

/** Approved contracts of specialists on their local approval date in [$1, $2): the KPI's and the statements' contracts, counted apart from the service. */
const RECOUNT = `FROM "Contract" c JOIN "Employee" e ON e.id = c."ownerId" LEFT JOIN "WorkCalendar" wc ON wc.name = e.calendar
  WHERE c.status = 'APPROVED' AND e.role = 'SALES_SPECIALIST'
    AND ((c."decidedAt" AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(wc.timezone, e.timezone))::date >= $1::date
    AND ((c."decidedAt" AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(wc.timezone, e.timezone))::date < $2::date`;

function periodDays(period: string): [string, string] {
  const year = Number(period.slice(0, 4));
  const q = /^\d{4}-Q([1-4])$/.exec(period);
  if (q) {
    const first = (Number(q[1]) - 1) * 3 + 1;
    return [`${year}-${String(first).padStart(2, '0')}-01`, first === 10 ? `${year + 1}-01-01` : `${year}-${String(first + 3).padStart(2, '0')}-01`];
  }
  const m = /^\d{4}-(\d{2})$/.exec(period);
  if (m) {
    const month = Number(m[1]);
    return [`${period}-01`, month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`];
  }
  return [`${year}-01-01`, `${year + 1}-01-01`];
}

// ---------------------------------------------------------------- 4. the statements

/** The service's set-based run: every open statement of the month in one request (FINANCE/ADMIN). */
async function computeAllStatements(): Promise<{ seconds: number; statements: number; total: string }> {
  const before = sqlSnapshot();
  const t0 = performance.now();
  const answer = await http('POST', '/commission-statements/compute', { period: MONTH });
  const wall = seconds(t0);
  if (answer.status !== 200) throw new Error(`POST /commission-statements/compute answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  const sql = sqlDelta(before, sqlSnapshot());
  const run = answer.json as { statements: number; total: string };
  log(`  ${n(run.statements)} statements computed and stored in ${fmt(wall, 2)} s with ${n(sql.total)} SQL statements (${sql.transactions} transactions, the engine's polling included); total ${run.total} CNY`);
  for (const [shape, count] of sql.top.slice(0, 8)) log(`    ${pad(String(count), 6)} ${shape.slice(0, 150)}`);
  return { seconds: wall, statements: sql.total, total: run.total };
}

async function statements(ids: string[]): Promise<{ seconds: number; perPerson: number; failed: number }> {
  const before = sqlSnapshot();
  const profiler = PROFILE ? new CpuProfiler() : null;
  await profiler?.start();
  const cpuBefore = cpuSnapshot(state.db!.name, [], { smtpSink: state.smtp!.threadId });
  const latencies: number[] = [];
  const failures = new Map<number, number>();
  let next = 0;
  const t0 = performance.now();
  const traced = await traceSql(() => Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const started = performance.now();
      const answer = await http('GET', `/commission-statements?period=${MONTH}&employee=${id}`);
      latencies.push(performance.now() - started);
      if (answer.status !== 200) failures.set(answer.status, (failures.get(answer.status) ?? 0) + 1);
    }
  })));
  const wall = seconds(t0);
  const c = cpu(cpuBefore);
  const profile = profiler ? await profiler.stop('appraisal-statements') : null;
  const sql = sqlDelta(before, sqlSnapshot());
  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  log(`  ${n(ids.length)} statements in ${fmt(wall, 2)} s = ${fmt(ids.length / wall, 0)} statements/s; per request p50 ${fmt(percentile(latencies, 50), 1)} ms, p95 ${fmt(percentile(latencies, 95), 1)} ms, max ${fmt(Math.max(...latencies), 0)} ms; failed: ${failed === 0 ? 'none' : JSON.stringify(Object.fromEntries(failures))}`);
  if (failed > 0) problems.push(`${failed} statement requests failed: ${JSON.stringify(Object.fromEntries(failures))}`);
  log(`  SQL: ${n(sql.total)} statements (${fmt(sql.total / ids.length, 1)} per person, ${n(sql.transactions)} transactions), by kind (count, time in flight):`);
  const timeByShape = new Map<string, number>();
  for (const st of traced.statements) timeByShape.set(st.sql, (timeByShape.get(st.sql) ?? 0) + (Number.isFinite(st.end) ? st.end - st.start : 0));
  for (const [text, count] of sql.top.slice(0, 16)) log(`    ${pad(n(count), 7)} ${pad(fmt((timeByShape.get(text) ?? 0) / 1000, 1) + ' s', 8)} ${text}`);
  const coverage = sqlCoverage(traced.statements, traced.started, traced.ended);
  log(`  some statement in flight ${fmt(coverage.inSqlMs / 1000, 2)} s of ${fmt(coverage.totalMs / 1000, 2)} s (${fmt((100 * coverage.inSqlMs) / coverage.totalMs, 0)}%)`);
  printCpu(c, wall, ids.length, 'statement');
  printProfile(profile, ids.length, 'statement');
  return { seconds: wall, perPerson: sql.total / ids.length, failed };
}

async function checkStatements(): Promise<void> {
  const [s] = await query<{ statements: number; lines: number; total: string; people: number }>(
    `SELECT count(DISTINCT s.id)::int AS statements, count(l.id)::int AS lines, (SELECT sum(total) FROM "CommissionStatement" WHERE period = $1)::text AS total,
            count(DISTINCT s."employeeId")::int AS people
       FROM "CommissionStatement" s LEFT JOIN "CommissionLine" l ON l."statementId" = s.id WHERE s.period = $1`,
    [MONTH],
  );
  const [expected] = await query<{ contracts: number }>(
    `SELECT count(*)::int AS contracts ${RECOUNT}`,
    periodDays(MONTH),
  );
  log(`  check: ${n(s.statements)} statements stored for ${n(s.people)} people, ${n(s.lines)} lines; approved contracts of ${MONTH} recounted: ${n(expected.contracts)}: ${s.lines === expected.contracts ? 'one line each' : 'DIFFERENT'}; commission in all ${s.total} CNY`);
  if (s.statements !== SHAPE.specialists) problems.push(`${s.statements} statements stored for ${SHAPE.specialists} specialists`);
  if (s.lines !== expected.contracts) problems.push(`${s.lines} statement lines, ${expected.contracts} contracts`);
}

// ---------------------------------------------------------------- the run

async function main(): Promise<void> {
  const runStart = performance.now();
  Logger.overrideLogger(['error', 'warn']);
  log('salesflow appraisal benchmark (issue 11 item 10)');
  log(`  machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, load average before start ${loadNow()}`);
  log(`  shape: ${n(SHAPE.specialists)} specialists (+${MANAGERS} managers, ${DIRECTORS} directors), ${n(SHAPE.contracts)} contracts, ${n(SHAPE.surveys)} surveys, ${n(SHAPE.visits)} visits, ${n(SHAPE.complaints)} complaints, ${n(SHAPE.trainings)} training requirements, over 2026; cycle ${PERIOD}, statements ${MONTH}; business time frozen at ${NOW.toISOString()}`);

  installSqlCounter();
  state.db = await createBenchDatabase(ROOT, process.env.BENCH_DATABASE_URL || undefined);
  log(`  database ${state.db.name}: ${state.db.how}`);
  state.smtp = await BenchSmtpSink.start({ keepLast: true });
  const prefix = `appraisal${randomBytes(4).toString('hex')}`;
  state.config = benchConfig({
    databaseUrl: state.db.url, prefix, smtpUrl: state.smtp.url, jwtSecret: JWT_SECRET, admin: ADMIN, poolSize: process.env.BENCH_POOL ?? '20',
  });
  state.prefixes.push(prefix);
  ({ redis: state.redis, client: state.client } = await benchClients(state.config));

  // 1. The records.
  log();
  log('1. Seeding (set-based, the bench\'s own client; not measured as the system)');
  const seedStep = async (what: string, work: () => Promise<void>) => {
    const t = performance.now();
    await work();
    log(`  ${pad(what, 60)} ${fmt(seconds(t), 1)} s`);
  };
  const seedStart = performance.now();
  await seedStep(`${n(SHAPE.specialists + MANAGERS + DIRECTORS)} employees, the USD rate`, () => seedPeople(state.client!, SHAPE, NOW));
  await seedStep(`${n(SHAPE.specialists * SHAPE.customersEach)} customers`, () => seedCustomers(state.client!, SHAPE));
  await seedStep(`${n(SHAPE.contracts)} contracts`, () => seedContracts(state.client!, SHAPE));
  await seedStep(`${n(SHAPE.surveys)} surveys`, () => seedSurveys(state.client!, SHAPE));
  await seedStep(`${n(SHAPE.visits)} visits`, () => seedVisits(state.client!, SHAPE));
  await seedStep(`${n(SHAPE.complaints)} complaints`, () => seedComplaints(state.client!, SHAPE));
  await seedStep(`${n(SHAPE.trainings)} training requirements' outcomes`, () => seedTrainingOutcomes(state.client!, SHAPE));
  await seedStep(`targets for ${PERIOD} and ${MONTH}`, () => seedTargets(state.client!, SHAPE, [{ text: PERIOD, months: PERIOD.includes('Q') ? 3 : PERIOD.length === 4 ? 12 : 1 }, ...(PERIOD === MONTH ? [] : [{ text: MONTH, months: 1 }])]));
  await seedStep('ANALYZE', () => analyze(state.client!));
  log(`  seeded in ${fmt(seconds(seedStart), 1)} s`);

  // 2. The system, the template and the plan.
  log();
  log('2. The system; the template (PUT /appraisal-templates/sales) and the commission plan (PUT /commission-plan) through the gateway');
  const clock = new ManualClock(NOW);
  const engine = { relayMs: 50, sweepMs: 200, reconcileMs: 1000 };
  const memoryStart = await redisMemory('before the system starts');
  const bootStart = performance.now();
  state.app = await createHttpApp(AllInOneModule.forRoot({ config: state.config, clock, engine }), { serveNats: true });
  await state.app.listen(0, '127.0.0.1');
  state.base = `http://127.0.0.1:${(state.app.getHttpServer().address() as AddressInfo).port}`;
  log(`  system (all-in-one) started in ${fmt(seconds(bootStart), 1)} s: DATABASE_POOL_SIZE ${state.config.DATABASE_POOL_SIZE}, engine ${JSON.stringify(engine)}, LOG_LEVEL warn`);
  await sleep(2000); // start-up work settles
  for (const [path, body] of [['/appraisal-templates/sales', TEMPLATE], ['/commission-plan', COMMISSION_PLAN]] as const) {
    const answer = await http('PUT', path, body);
    if (answer.status !== 200) throw new Error(`PUT ${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  }
  // Warm-up (JIT, pools, NATS), not measured: a cycle with nobody in scope (422, nothing written) and one statement.
  const warm = await http('POST', '/appraisal-cycles', { ...CYCLE, scope: { team: 'nobody' } });
  if (warm.status !== 422) throw new Error(`warm-up cycle answered ${warm.status}: ${JSON.stringify(warm.json)}`);
  const memoryBaseline = await redisMemory('system idle, before the opening');

  // 3. The cycle.
  log();
  log(`3. POST /appraisal-cycles {period ${PERIOD}, scope role SALES_SPECIALIST}: ${n(SHAPE.specialists)} appraisals, every automatic KPI with its evidence (gateway -> NATS -> CyclesService.open, one transaction); load average now ${loadNow()}`);
  const opened = await openCycle();
  await checkCycle();
  log(`  => ${fmt(opened.seconds, 2)} s for ${n(SHAPE.specialists)} people; target under ${TARGET_OPEN_S} s: ${opened.seconds < TARGET_OPEN_S ? 'met' : 'NOT met'}; ${opened.statements} statements for ${AUTOMATIC_KPIS.length} automatic KPIs (target: per KPI, not per person): ${opened.statements < 10 * AUTOMATIC_KPIS.length ? 'met' : 'NOT met'}`);
  if (opened.seconds >= TARGET_OPEN_S) problems.push(`cycle opening ${fmt(opened.seconds, 1)} s (target ${TARGET_OPEN_S} s)`);
  const memoryOpened = await redisMemory('after the opening');

  // 4. The statements.
  log();
  const ids = (await query<{ id: string }>(`SELECT id FROM "Employee" WHERE role = 'SALES_SPECIALIST' ORDER BY email`)).map((r) => r.id);
  log(`4. ${MONTH}'s commission statements of all ${n(ids.length)} specialists in one set-based run: POST /commission-statements/compute {period ${MONTH}} (FINANCE's month-end operation); load average now ${loadNow()}`);
  const batch = await computeAllStatements();
  await checkStatements();
  log(`  => ${fmt(batch.seconds, 2)} s; target under ${TARGET_STATEMENTS_S} s: ${batch.seconds < TARGET_STATEMENTS_S ? 'met' : 'NOT met'}`);
  if (batch.seconds >= TARGET_STATEMENTS_S) problems.push(`statement run ${fmt(batch.seconds, 1)} s (target ${TARGET_STATEMENTS_S} s)`);
  log();
  log(`4a. The same statements read one by one: GET /commission-statements?period=${MONTH}&employee=<id>, ${CONCURRENCY} in flight (each recomputed and stored again; the totals must not move)`);
  const statementRun = await statements(ids);
  await checkStatements();
  const [reread] = await query<{ total: string }>(`SELECT sum(total)::text AS total FROM "CommissionStatement" WHERE period = $1`, [MONTH]);
  log(`  => ${fmt(statementRun.seconds, 2)} s one request per person; total ${reread.total} CNY, the run's ${batch.total}: ${reread.total === batch.total ? 'equal' : 'DIFFERENT'}`);
  if (reread.total !== batch.total) problems.push(`statements read one by one total ${reread.total}, the run's ${batch.total}`);
  const memoryEnd = await redisMemory('after the statements');

  log();
  log(`4b. The floor of a set-based run (not an operation of the service: each input read once for all ${n(ids.length)} people, every statement computed with the same rules, nothing written)`);
  const floor = await setBasedStatements(state.app, ids, MONTH);
  const [stored] = await query<{ total: string }>(`SELECT sum(total)::text AS total FROM "CommissionStatement" WHERE period = $1`, [MONTH]);
  log(`  read ${n(floor.contracts)} contracts, the targets and the plan in ${fmt(floor.readSeconds, 2)} s (3 statements); computed ${n(ids.length)} statements in ${fmt(floor.computeSeconds, 2)} s; total ${floor.total} CNY, the stored statements' ${stored.total}: ${floor.total === stored.total ? 'equal' : 'DIFFERENT'}`);
  if (floor.total !== stored.total) problems.push(`set-based total ${floor.total}, stored ${stored.total}`);

  // 5. Summary.
  log();
  log('Summary');
  const rows: [string, string, string][] = [
    [`cycle opened for ${n(SHAPE.specialists)} (${PERIOD}), every KPI with evidence`, `${fmt(opened.seconds, 1)} s`, `< ${TARGET_OPEN_S} s`],
    ['SQL statements of the opening', `${opened.statements} (${AUTOMATIC_KPIS.length} automatic KPIs)`, 'per KPI, not per person'],
    ['slowest KPI reader', opened.perKpi.length ? opened.perKpi.reduce((a, b) => (b[1] > a[1] ? b : a)).map((v, i) => (i === 1 ? `${fmt(Number(v) / 1000, 2)} s` : v)).join(' ') : '-', ''],
    [`${MONTH} statements for ${n(ids.length)}, one set-based run`, `${fmt(batch.seconds, 1)} s (${n(batch.statements)} SQL)`, `< ${TARGET_STATEMENTS_S} s`],
    ['  the same, one request per person', `${fmt(statementRun.seconds, 1)} s (${fmt(statementRun.perPerson, 1)} SQL/person)`, ''],
    ['  set-based floor: read, compute (nothing written)', `${fmt(floor.readSeconds, 1)} s + ${fmt(floor.computeSeconds, 1)} s`, ''],
    ['Redis used_memory start / idle / opened / end', [memoryStart, memoryBaseline, memoryOpened, memoryEnd].map((m) => `${fmt(m.used / 1048576, 1)}`).join(' / ') + ' MiB', 'flat'],
    ['Redis keys under the prefix idle / opened / end', `${memoryBaseline.keys} / ${memoryOpened.keys} / ${memoryEnd.keys}`, 'flat'],
  ];
  log(`  ${pad('figure', 60)} ${pad('measured', 40)} target`);
  for (const [what, measured, target] of rows) log(`  ${pad(what, 60)} ${pad(measured, 40)} ${target}`);
  log(`  (load average at the end ${loadNow()}; above ${os.cpus().length} means other work shared the machine)`);
  log();
  log(`Run time ${fmt(seconds(runStart), 0)} s.`);
}

await runBench(main, cleanup, BUDGET_MS, problems);

import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import supertest from 'supertest';
import { SmtpSink, TEST_ADMIN_EMAIL, TEST_JWT_SECRET, uniqueQueuePrefix, waitFor } from '#libs/testing';
import { TcpProxy } from '../../support/tcp-proxy.js';

/**
 * The fault suite's installation: every service a process of its own (the built `dist/`, as
 * `npm run start:<service>` runs it), on a Postgres cluster and a Redis server the suite starts
 * itself on free ports (so it can stop them without touching the shared 5432 and 6379), the
 * shared NATS under a queue prefix of its own, and an in-process SMTP sink reached through a TCP
 * proxy that can refuse connections.
 */

export const SERVICES = ['gateway', 'contract-approval', 'notifier', 'customer-follow-up', 'training-scheduling', 'appraisal'] as const;
export type ServiceName = (typeof SERVICES)[number];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A Postgres cluster of the suite's own (initdb under a temp dir, run as the postgres user: Postgres refuses root). */
export class OwnPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'salesflow-faults-pg-'));
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()));
    OwnPostgres.asPostgres('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    const cluster = new OwnPostgres(dir, await freePort());
    cluster.start();
    return cluster;
  }

  private static asPostgres(command: string, args: string[]): void {
    const result = spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  }

  url(database = 'postgres'): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): void {
    OwnPostgres.asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-w', '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  }

  /** Stops it the way a crash or an operator does: connections dropped, new ones refused. */
  stop(): void {
    OwnPostgres.asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A Redis server of the suite's own, without persistence: a restart empties it. */
export class OwnRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor('redis to listen', () => canConnect(this.port), Boolean, { timeoutMs: 10_000 });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** One service process from `dist/`. */
class ServiceProcess {
  private child?: ChildProcess;

  constructor(
    readonly name: ServiceName,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  start(): void {
    const log = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, [`dist/apps/${this.name}/src/main.js`], { env: { ...process.env, ...this.env }, stdio: ['ignore', log, log] });
  }

  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
    if ((await Promise.race([once(child, 'exit').then(() => 'exited'), timeout])) !== 'exited') await this.kill9();
  }
}

export interface ClusterOptions {
  /** Configuration variables of every service process (short SMTP timeouts and leases for the suite). */
  env?: Record<string, string>;
}

export class FaultCluster {
  readonly smtp = new SmtpSink();
  readonly smtpProxy = new TcpProxy();
  readonly services = new Map<ServiceName, ServiceProcess>();
  postgres!: OwnPostgres;
  redis!: OwnRedis;
  gatewayPort = 0;
  readonly logDir = mkdtempSync(join(tmpdir(), 'salesflow-faults-logs-'));
  private db?: pg.Pool;

  static async start(options: ClusterOptions = {}): Promise<FaultCluster> {
    if (!existsSync('dist/apps/gateway/src/main.js')) throw new Error('The fault suite runs the built services: run `npm run build` first (npm run test:faults does).');
    const cluster = new FaultCluster();
    await cluster.smtp.start();
    await cluster.smtpProxy.start();
    cluster.postgres = await OwnPostgres.start();
    cluster.redis = await OwnRedis.start();
    execFileSync('npx', ['prisma', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: cluster.postgres.url() }, stdio: 'pipe' });
    cluster.gatewayPort = await freePort();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: cluster.postgres.url(),
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: cluster.redis.url,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      SMTP_URL: cluster.smtpProxy.through(cluster.smtp.url),
      JWT_SECRET: TEST_JWT_SECRET,
      BOOTSTRAP_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
      PUBLIC_BASE_URL: 'http://salesflow.test',
      AUTH_FAILURE_LIMIT: '100000',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ...options.env,
    };
    for (const name of SERVICES) {
      cluster.services.set(name, new ServiceProcess(name, { ...env, PORT: name === 'gateway' ? String(cluster.gatewayPort) : '0' }, join(cluster.logDir, `${name}.log`)));
    }
    for (const service of cluster.services.values()) service.start();
    await cluster.waitUntilHealthy();
    return cluster;
  }

  get http() {
    return supertest(`http://127.0.0.1:${this.gatewayPort}`);
  }

  /** The TestSystem-like `as(email)` the org fixture needs. */
  as(email: string) {
    const token = jwt.sign({ sub: email }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
    const http = this.http;
    return {
      get: (path: string) => http.get(path).set('Authorization', `Bearer ${token}`),
      post: (path: string) => http.post(path).set('Authorization', `Bearer ${token}`),
      put: (path: string) => http.put(path).set('Authorization', `Bearer ${token}`),
      patch: (path: string) => http.patch(path).set('Authorization', `Bearer ${token}`),
    };
  }

  /** The gateway's /health is 200 once Postgres, Redis, NATS (every service answering) and SMTP are. */
  async waitUntilHealthy(timeoutMs = 60_000): Promise<void> {
    await waitFor(
      `every service to be healthy (logs in ${this.logDir})`,
      async () => (await this.http.get('/health').timeout(5000).then((r) => r.status, () => 0)),
      (status) => status === 200,
      { timeoutMs },
    );
  }

  service(name: ServiceName): ServiceProcess {
    return this.services.get(name)!;
  }

  /** What a service logged (at LOG_LEVEL, warn by default) that mentions `text`: the story behind an unexpected count. */
  logLinesAbout(name: ServiceName, text: string): string[] {
    const file = join(this.logDir, `${name}.log`);
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line.includes(text)) : [];
  }

  /** The suite's own database, read directly (the ledger's counts). */
  query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<T>> {
    this.db ??= new pg.Pool({ connectionString: this.postgres.url(), max: 2 }).on('error', () => undefined);
    return this.db.query<T>(text, values);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((service) => service.stop()));
    await this.db?.end().catch(() => undefined);
    await this.redis?.kill();
    this.postgres?.destroy();
    await this.smtpProxy.stop();
    await this.smtp.stop();
  }
}

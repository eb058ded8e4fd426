// A database of the benchmark's own: copied from the migrated test template when one exists
// (milliseconds), otherwise created empty and migrated with `prisma migrate deploy` (seconds).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
// The one file of libs/testing the build takes along (plain ESM, no build step): the test template's name.
import { templateDatabaseName } from '#libs/testing/template-name';

const run = promisify(execFile);

export interface BenchDatabase {
  name: string;
  url: string;
  how: string;
  drop(): Promise<void>;
}

function serverUrl(database: string, base: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(root: string, baseUrl = 'postgresql://postgres@127.0.0.1:5432/postgres'): Promise<BenchDatabase> {
  const adminUrl = serverUrl('postgres', baseUrl);
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const template = templateDatabaseName(root);
  const url = serverUrl(name, baseUrl);
  const drop = () => admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  let how: string;
  try {
    await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
    how = `copied from template ${template}`;
  } catch (error) {
    await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    try {
      await run('npx', ['prisma', 'migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, timeout: 90_000 });
    } catch (migrateError) {
      await drop().catch(() => undefined);
      throw migrateError;
    }
    how = `migrated with prisma migrate deploy (template unavailable: ${(error as Error).message.split('\n')[0]})`;
  }
  return { name, url, how, drop };
}

// `npm run db:migrate`: creates the database named by DATABASE_URL if missing, then applies
// every migration with Prisma's WebAssembly schema engine (no engine binaries needed).
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { databaseUrlFromProcessEnv } from '#libs/config';

const databaseUrl = databaseUrlFromProcessEnv();
const target = new URL(databaseUrl);
const name = decodeURIComponent(target.pathname.slice(1));
const admin = new URL(databaseUrl);
admin.pathname = '/postgres';

const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
try {
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    console.log(`Created database ${name}.`);
  }
} finally {
  await client.end();
}
execFileSync('npx', ['prisma', 'migrate', 'deploy'], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } });

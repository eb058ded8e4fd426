// Plain ESM JavaScript on purpose: jest's globalSetup (test/global-setup.mjs) loads this before any
// transform runs, and the TypeScript helpers (template-database.ts) re-export it, so the template's
// name has one implementation. Types: template-name.d.mts.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADMIN_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * The migrated template every test database is copied from. Its name follows the migrations,
 * so a new migration makes a new template instead of a stale one.
 */
export function templateDatabaseName(root = process.cwd()) {
  const dir = join(root, 'prisma', 'migrations');
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir).sort()) {
    if (entry.endsWith('.toml')) continue;
    hash.update(entry);
    hash.update(readFileSync(join(dir, entry, 'migration.sql')));
  }
  return `salesflow_tpl_${hash.digest('hex').slice(0, 12)}`;
}

/** The URL of a database on the local test server. */
export function databaseUrl(name) {
  return `postgresql://postgres@127.0.0.1:5432/${name}`;
}

// Migrates one template database per migration set; each test file then copies it
// (CREATE DATABASE ... TEMPLATE takes milliseconds, a migration run takes seconds).
import { execFileSync } from 'node:child_process';
import pg from 'pg';
// The same module libs/testing re-exports, so both compute one name (see template-name.mjs).
import { ADMIN_DATABASE_URL, databaseUrl, templateDatabaseName } from '#libs/testing/template-name';

export default async function globalSetup() {
  const name = templateDatabaseName();
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    // Serialises concurrent jest runs on this machine while the template is made.
    await admin.query('SELECT pg_advisory_lock(7340002)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
      await admin.query(`CREATE DATABASE "${building}"`);
      execFileSync('npx', ['prisma', 'migrate', 'deploy'], {
        env: { ...process.env, DATABASE_URL: databaseUrl(building) },
        stdio: 'pipe',
      });
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    }
    // Test databases left behind by killed runs: only those created over an hour ago and unused,
    // so a concurrent run's freshly created (not yet connected) databases are never touched.
    const stale = await admin.query(
      "SELECT datname FROM pg_database WHERE datname ~ '^t_[0-9]+_' AND datname NOT IN (SELECT datname FROM pg_stat_activity WHERE datname IS NOT NULL)",
    );
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    for (const row of stale.rows) {
      if (Number(row.datname.split('_')[1]) < hourAgo) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}"`).catch(() => undefined);
    }
    await admin.query('SELECT pg_advisory_unlock(7340002)');
  } finally {
    await admin.end();
  }
}

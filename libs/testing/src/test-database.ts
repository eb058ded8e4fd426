import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ADMIN_DATABASE_URL, databaseUrl, templateDatabaseName } from './template-database.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  // The creation time in the name lets a later run clean up only databases abandoned long ago.
  const name = `t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const template = templateDatabaseName();
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

// Writes a new migration by diffing the committed schema against the working one.
// `prisma migrate dev` cannot run here (its shadow database step breaks with driver adapters),
// so migrations come from `prisma migrate diff`. Usage: npm run db:new-migration -- <name>
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:new-migration -- <snake_case_name>');
  process.exit(2);
}
let from = ['--from-empty'];
try {
  const previous = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' });
  const file = join(mkdtempSync(join(tmpdir(), 'schema-')), 'schema.prisma');
  writeFileSync(file, previous);
  from = ['--from-schema-datamodel', file];
} catch {
  // No committed schema yet: the first migration starts from an empty database.
}
const sql = execFileSync(
  'npx',
  ['prisma', 'migrate', 'diff', ...from, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
  { encoding: 'utf8' },
);
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join('prisma', 'migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql);
writeFileSync(join('prisma', 'migrations', 'migration_lock.toml'), 'provider = "postgresql"\n');
console.log(`Wrote ${dir}/migration.sql`);

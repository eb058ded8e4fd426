import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client.js';

const url = process.env.URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const N = 2000;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await fn();
  const c0 = cpu(); const t0 = performance.now();
  for (let i = 0; i < N; i++) await fn();
  console.log(`${label.padEnd(50)} ${((cpu() - c0) / N).toFixed(3)} ms CPU, ${((performance.now() - t0) / N).toFixed(3)} ms wall`);
}
const named = process.env.NAMED === '1';
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }, named ? { statementNameGenerator: (q) => 's' + hash(q.sql) } : undefined) });
function hash(s: string) { let h = 0; for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; return (h >>> 0).toString(36); }
const client = new pg.Client({ connectionString: url }); await client.connect();
const id = '00000000-0000-0000-0000-000000000000';
await measure('pg SELECT 1 (simple)', () => client.query('SELECT 1'));
await measure('pg param select employee', () => client.query('SELECT * FROM "Employee" WHERE id = $1', [id]));
await measure('pg named param select employee', () => client.query({ name: 'x', text: 'SELECT * FROM "Employee" WHERE id = $1', values: [id] }));
await measure('prisma findUnique employee', () => prisma.employee.findUnique({ where: { id } }));
await measure('prisma $queryRaw employee', () => prisma.$queryRaw`SELECT * FROM "Employee" WHERE id = ${id}::uuid`);
await measure('prisma findMany stage include steps+assignees', () => prisma.approvalStage.findMany({ where: { contractId: id }, include: { steps: { include: { assignees: true } } } }));
await measure('prisma createMany timer skipDuplicates (fails? no)', () => prisma.$executeRaw`SELECT 1`);
await measure('prisma $transaction 3 queries', () => prisma.$transaction(async (tx) => { await tx.employee.findUnique({ where: { id } }); await tx.employee.findUnique({ where: { id } }); await tx.employee.findUnique({ where: { id } }); }));
await client.end(); await prisma.$disconnect();

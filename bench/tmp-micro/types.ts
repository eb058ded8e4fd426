import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client.js';
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: 'postgresql://postgres@127.0.0.1:5432/salesflow_demo', max: 2 }) });
const c = await prisma.$queryRaw<any[]>`SELECT * FROM "Contract" LIMIT 1`;
console.log(c[0], c[0] && Object.entries(c[0]).map(([k, v]) => [k, v?.constructor?.name]));
const e = await prisma.$queryRaw<any[]>`SELECT id, role::text AS role, "createdAt" FROM "Employee" LIMIT 1`;
console.log(e, e[0].createdAt instanceof Date);
const m = await prisma.contract.findFirst();
console.log(m && Object.entries(m).map(([k, v]) => [k, v?.constructor?.name]));
try { const r = await prisma.$queryRaw<any[]>`SELECT role FROM "Employee" LIMIT 1`; console.log('enum raw', r); } catch (err) { console.log('enum raw fails', (err as Error).message.slice(0, 200)); }
const j = await prisma.$queryRaw<any[]>`SELECT json_build_object('a', now(), 'b', 1.5::numeric) AS j, ARRAY[1,2]::int[] AS arr, 5::bigint AS big, count(*) AS n FROM "Employee"`;
console.log(j);
await prisma.$disconnect();

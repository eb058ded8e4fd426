// Runs Prisma's WebAssembly schema engine through the pg driver adapter, so the CLI never
// downloads engine binaries (this machine has no internet; see docs/engineering-notes.md).
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

const url = (process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/salesflow');

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  adapter: async () => new PrismaPg({ connectionString: url }),
});

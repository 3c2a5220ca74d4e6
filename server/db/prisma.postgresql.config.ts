// Prisma CLI configuration for PostgreSQL (loaded by scripts/prisma.ts only).
// Quotabook applies migrations with its own runner (server/db/migrate.ts);
// the CLI is used for generate and migrate diff, which under engine "js"
// still open a connection: DATABASE_URL, or the local server's postgres user.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgresql://postgres@127.0.0.1:5432/postgres';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: './generated/postgresql/schema.prisma',
  adapter: async () => new PrismaPg({ connectionString: url }),
});

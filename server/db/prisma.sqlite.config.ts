// Prisma CLI configuration for the embedded SQLite database (loaded by
// scripts/prisma.ts only). engine "js" runs on the WebAssembly engines that
// npm ships, so no binary is downloaded.
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: './generated/sqlite/schema.prisma',
  adapter: async () => new PrismaBetterSQLite3({ url: 'file::memory:' }),
});

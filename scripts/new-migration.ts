/**
 * npm run db:migration -- <name>: after editing schema/prisma/models.prisma,
 * writes one new migration per provider with `prisma migrate diff`, from the
 * schema as of the last migration (a snapshot kept beside the migrations) to
 * the current one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { providerPaths, providers } from '../server/db/providers.ts';
import { renderSchemas, schemaSql } from './prisma.ts';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run db:migration -- <name>');
  process.exit(2);
}
renderSchemas();
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
for (const provider of providers) {
  const p = providerPaths(provider);
  const snapshot = path.join(p.migrationsDir, 'schema.snapshot.prisma');
  const sql = schemaSql(provider, fs.existsSync(snapshot) ? snapshot : undefined);
  if (!/\b(CREATE|ALTER|DROP)\b/i.test(sql)) {
    console.log(`${provider}: no changes`);
    continue;
  }
  const dir = path.join(p.migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
  fs.copyFileSync(p.schemaFile, snapshot);
  console.log(`${provider}: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

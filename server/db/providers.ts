/**
 * The two database providers Quotabook runs on, and where each one's derived
 * Prisma schema, generated client and migrations live. Pure data: no I/O.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Provider = 'sqlite' | 'postgresql';
export const providers: readonly Provider[] = ['sqlite', 'postgresql'];

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const modelsFile = path.join(root, 'schema', 'prisma', 'models.prisma');

export function providerPaths(provider: Provider) {
  const generated = path.join(root, 'server', 'db', 'generated', provider);
  return {
    generated,
    schemaFile: path.join(generated, 'schema.prisma'),
    clientDir: path.join(generated, 'client'),
    configFile: path.join(root, 'server', 'db', `prisma.${provider}.config.ts`),
    migrationsDir: path.join(root, 'server', 'db', 'migrations', provider),
  };
}

/** Which provider a DATABASE_URL selects; unset means the embedded SQLite file. */
export function providerOf(url: string | undefined): Provider {
  if (!url) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql';
  if (/^file:/i.test(url)) return 'sqlite';
  throw new Error(`DATABASE_URL must start with file:, postgres:// or postgresql:// (got "${url.replace(/\/\/[^@]*@/, '//***@')}")`);
}

export const defaultSqliteUrl = `file:${path.join(root, 'data', 'quotabook.db')}`;

/**
 * Runtime configuration, read once from the environment. Every setting has a
 * default that runs the demo on a fresh machine.
 */
import path from 'node:path';
import os from 'node:os';
import { defaultSqliteUrl, providerOf, root } from './db/providers.ts';
import { checkPublicUrl } from './http/manifest.ts';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** PEM files; when unset a self-signed localhost certificate is made under data/tls. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
  /** Where users reach the server (the manifest's addresses), https, no trailing slash. */
  publicUrl: string;
  /** Origins allowed by CORS: the add-in's own origin. */
  allowedOrigins: string[];
  /** Where the task pane loads office.js from: a base URL, or "local" for the bundled copy. */
  officeJsBase: string;
  tokenTtlHours: number;
  /** How long a token's identity is kept in memory before it is read again (ms; 0: read on every request). See auth/session-cache.ts. */
  sessionCacheTtlMs: number;
  /** Longest a logout, disabled user or role change made by another server process goes unseen here (ms). */
  sessionCacheCheckMs: number;
  /** Reverse proxies in front of the server: the client address is that many entries from the end of X-Forwarded-For (0: the socket's peer). */
  trustProxyHops: number;
  seedDemo: boolean;
  /** With the demo organisation, also its sales and published targets (SEED_DEMO_RESULTS=0 leaves them out). */
  seedDemoResults: boolean;
  dataDir: string;
  addinDir: string;
  /** Most rows of figures GET /results.xlsx writes (Excel's 1,048,576 rows less the title and header, or fewer). */
  resultsXlsxMaxRows: number;
  /** Server processes sharing the port (WORKERS): the number of cores on PostgreSQL, 1 on SQLite. */
  workers: number;
  /** A PostgreSQL read replica (DATABASE_READ_URL) for reads that tolerate a little lag: the sales sums behind results and rankings. */
  databaseReadUrl: string | null;
  /**
   * Keep repeated statements prepared on each PostgreSQL connection
   * (PG_PREPARED_STATEMENTS, on). Off behind a pooler in transaction mode
   * that does not carry protocol-level prepared statements (PgBouncer before
   * 1.21, or later with max_prepared_statements = 0).
   */
  pgPreparedStatements: boolean;
  /**
   * Longest one PostgreSQL statement may run before the database cancels it
   * (DB_STATEMENT_TIMEOUT_MS, 60000; 0: no limit). A statement that runs away
   * (a bad plan, a lock held elsewhere) ends with a "server busy, try again"
   * instead of holding a connection of the pool. SQLite waits at most 5 s
   * for another writer, whatever this says.
   */
  dbStatementTimeoutMs: number;
  /** Days a finished job (its status, summary, refusal and any file left) is kept (JOB_RETENTION_DAYS, 90). */
  jobRetentionDays: number;
}

export const MICROSOFT_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/';

/** Excel's rows per sheet (1,048,576) less the title and header rows of /results.xlsx. */
export const XLSX_MAX_ROWS = 1_048_576 - 2;

function milliseconds(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 3_600_000) throw new Error(`${name} must be a whole number of milliseconds from 0 to 3600000 (got "${text}")`);
  return n;
}

function onOff(name: string, text: string | undefined, fallback: boolean): boolean {
  if (text === undefined || text === '') return fallback;
  if (text === 'on' || text === '1') return true;
  if (text === 'off' || text === '0') return false;
  throw new Error(`${name} must be on or off (got "${text}")`);
}

function retentionDays(text: string | undefined): number {
  if (text === undefined || text === '') return 90;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 3650) throw new Error(`JOB_RETENTION_DAYS must be a whole number of days from 1 to 3650 (got "${text}")`);
  return n;
}

/**
 * WORKERS: how many server processes share the port. Every one keeps what
 * another needs in the database (sessions, sign-in throttle counters, the
 * session-cache revision), so on PostgreSQL it defaults to the number of
 * cores. SQLite takes one writer at a time and a second process's
 * transaction could find its snapshot stale mid-way: one process there.
 */
export function workerCount(text: string | undefined, databaseUrl: string, cores = os.availableParallelism()): number {
  const sqlite = providerOf(databaseUrl) === 'sqlite';
  if (text === undefined || text === '') return sqlite ? 1 : Math.max(1, Math.min(cores, 64));
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`WORKERS must be a whole number of processes from 1 to 64 (got "${text}")`);
  if (sqlite && n > 1) throw new Error(`WORKERS=${n} needs PostgreSQL: the embedded SQLite database takes one server process (set DATABASE_URL to a postgresql:// database to run several)`);
  return n;
}

/** DATABASE_READ_URL: a replica of the PostgreSQL database; refused beside SQLite or when it is not PostgreSQL. */
export function readReplicaUrl(text: string | undefined, databaseUrl: string): string | null {
  if (!text) return null;
  if (providerOf(databaseUrl) !== 'postgresql') throw new Error('DATABASE_READ_URL is a read replica of a PostgreSQL database: set DATABASE_URL to the primary (postgresql://…) too');
  if (providerOf(text) !== 'postgresql') throw new Error('DATABASE_READ_URL must be a postgresql:// URL (a read replica of DATABASE_URL)');
  return text;
}

function xlsxMaxRows(text: string | undefined): number {
  if (text === undefined || text === '') return XLSX_MAX_ROWS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > XLSX_MAX_ROWS) throw new Error(`RESULTS_XLSX_MAX_ROWS must be a whole number from 1 to ${XLSX_MAX_ROWS} (got "${text}")`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  const publicUrl = checkPublicUrl(env.PUBLIC_URL || `https://localhost:${port}`);
  const origin = new URL(publicUrl).origin;
  return {
    publicUrl,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || defaultSqliteUrl,
    tlsCertFile: env.TLS_CERT_FILE || undefined,
    tlsKeyFile: env.TLS_KEY_FILE || undefined,
    allowedOrigins: (env.ADDIN_ORIGIN ?? origin).split(',').map((s) => s.trim()).filter(Boolean),
    officeJsBase: env.OFFICE_JS_URL || MICROSOFT_OFFICE_JS,
    tokenTtlHours: Number(env.TOKEN_TTL_HOURS ?? 12),
    sessionCacheTtlMs: milliseconds('SESSION_CACHE_TTL_MS', env.SESSION_CACHE_TTL_MS, 5000),
    sessionCacheCheckMs: milliseconds('SESSION_CACHE_CHECK_MS', env.SESSION_CACHE_CHECK_MS, 1000),
    trustProxyHops: Math.max(0, Math.floor(Number(env.TRUST_PROXY ?? 0)) || 0),
    seedDemo: env.SEED_DEMO !== '0',
    seedDemoResults: env.SEED_DEMO_RESULTS !== '0',
    dataDir: path.join(root, 'data'),
    addinDir: path.join(root, 'dist', 'addin'),
    resultsXlsxMaxRows: xlsxMaxRows(env.RESULTS_XLSX_MAX_ROWS),
    workers: workerCount(env.WORKERS, env.DATABASE_URL || defaultSqliteUrl),
    databaseReadUrl: readReplicaUrl(env.DATABASE_READ_URL, env.DATABASE_URL || defaultSqliteUrl),
    jobRetentionDays: retentionDays(env.JOB_RETENTION_DAYS),
    pgPreparedStatements: onOff('PG_PREPARED_STATEMENTS', env.PG_PREPARED_STATEMENTS, true),
    dbStatementTimeoutMs: milliseconds('DB_STATEMENT_TIMEOUT_MS', env.DB_STATEMENT_TIMEOUT_MS, 60_000),
  };
}

/** How the server opens its database (openDatabase's options), from the configuration. */
export const databaseOptions = (config: Config) => ({
  readUrl: config.databaseReadUrl,
  preparedStatements: config.pgPreparedStatements,
  statementTimeoutMs: config.dbStatementTimeoutMs,
});

/**
 * The write floor a payroll run is measured against (issue 12 §1): the time
 * to insert the run's own payslips and lines again with the driver alone, no
 * Prisma and no computation. SQLite: better-sqlite3 prepared statements, one
 * run a row. PostgreSQL: COPY through pg-copy-streams. In one transaction
 * that deletes the run's rows (untimed), inserts them again (`insertMs`, the
 * issue's floor) and commits (`commitMs`, which the run pays too). On
 * SQLite the connection checkpoints when asked, as the job thread's does,
 * so the commit is the commit alone, and the checkpoint after it is timed
 * apart (`checkpointMs`). The rows are the same, ids included, so the run
 * is left as it was.
 */
import { checkpointConnection, PAGE_CACHE, setCheckpoints } from '../server/db/native-sqlite.ts';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sqliteFile, splitPgSchema } from '../server/db/client.ts';
import type { Provider } from '../server/db/providers.ts';
import { copyRow } from '../server/payroll/payslip-writer.ts';

const SLIP_COLUMNS = ['id', 'runId', 'personId', 'planCode', 'planVersion', 'grossFen', 'deductionsFen', 'netFen', 'inputs'];
const LINE_COLUMNS = ['id', 'payslipId', 'position', 'code', 'label', 'kind', 'amountFen', 'explanation'];
const quoted = (columns: string[]) => columns.map((c) => `"${c}"`).join(', ');

export interface WriteFloor {
  /** Inserting the rows. */
  insertMs: number;
  /** Committing them. */
  commitMs: number;
  /** SQLite: the checkpoint after the commit. */
  checkpointMs?: number;
}

export async function writeFloor(provider: Provider, url: string, runId: string): Promise<WriteFloor> {
  return provider === 'sqlite' ? sqliteFloor(url, runId) : postgresFloor(url, runId);
}

function sqliteFloor(url: string, runId: string): WriteFloor {
  const db = new Database(sqliteFile(url));
  db.defaultSafeIntegers(true);
  db.pragma('foreign_keys = ON');
  // The server's page cache (native-sqlite.ts): the floor on the same footing as the run.
  db.pragma(`cache_size = ${PAGE_CACHE}`);
  setCheckpoints(db, 'when-asked');
  try {
    const slips = db.prepare(`SELECT ${quoted(SLIP_COLUMNS)} FROM "Payslip" WHERE "runId" = ?`).raw().all(runId) as unknown[][];
    const lines = db.prepare(`SELECT ${quoted(LINE_COLUMNS.map((c) => c))} FROM "PayslipLine" WHERE "payslipId" IN (SELECT "id" FROM "Payslip" WHERE "runId" = ?)`).raw().all(runId) as unknown[][];
    db.exec('BEGIN');
    try {
      db.prepare('DELETE FROM "Payslip" WHERE "runId" = ?').run(runId);
      const t0 = performance.now();
      const slip = db.prepare(`INSERT INTO "Payslip" (${quoted(SLIP_COLUMNS)}) VALUES (${SLIP_COLUMNS.map(() => '?').join(', ')})`);
      const line = db.prepare(`INSERT INTO "PayslipLine" (${quoted(LINE_COLUMNS)}) VALUES (${LINE_COLUMNS.map(() => '?').join(', ')})`);
      for (const s of slips) slip.run(...s);
      for (const l of lines) line.run(...l);
      const insertMs = performance.now() - t0;
      const t1 = performance.now();
      db.exec('COMMIT');
      const commitMs = performance.now() - t1;
      const t2 = performance.now();
      checkpointConnection(db);
      return { insertMs, commitMs, checkpointMs: performance.now() - t2 };
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }
  } finally {
    db.close();
  }
}

async function postgresFloor(url: string, runId: string): Promise<WriteFloor> {
  const { connectionString, schema } = splitPgSchema(url);
  const client = new pg.Client({ connectionString, options: schema ? `-c search_path="${schema}"` : undefined });
  await client.connect();
  try {
    const slips = (await client.query({ text: `SELECT ${quoted(SLIP_COLUMNS)} FROM "Payslip" WHERE "runId" = $1`, values: [runId], rowMode: 'array' })).rows as unknown[][];
    const lines = (await client.query({ text: `SELECT ${quoted(LINE_COLUMNS)} FROM "PayslipLine" WHERE "payslipId" IN (SELECT "id" FROM "Payslip" WHERE "runId" = $1)`, values: [runId], rowMode: 'array' })).rows as unknown[][];
    await client.query('BEGIN');
    let committed = false;
    try {
      await client.query('DELETE FROM "Payslip" WHERE "runId" = $1', [runId]);
      const t0 = performance.now();
      const copy = (table: string, columns: string[], rows: unknown[][]) =>
        pipeline(Readable.from([rows.map(copyRow).join('')]), client.query(copyFrom(`COPY "${table}" (${quoted(columns)}) FROM STDIN`)));
      await copy('Payslip', SLIP_COLUMNS, slips);
      await copy('PayslipLine', LINE_COLUMNS, lines);
      const insertMs = performance.now() - t0;
      const t1 = performance.now();
      await client.query('COMMIT');
      committed = true;
      return { insertMs, commitMs: performance.now() - t1 };
    } finally {
      if (!committed) await client.query('ROLLBACK');
    }
  } finally {
    await client.end();
  }
}

/**
 * Writes a run's payslips and their lines at the database's floor (issue 12
 * §1), a chunk at a time inside the run's transaction:
 *
 * - SQLite: two prepared statements on the connection itself, run once a row
 *   (native-sqlite.ts). Prisma's raw SQL prepared a 9-column, 2,000-row
 *   statement anew for every batch and carried each value through its engine.
 * - PostgreSQL: COPY a chunk per table on the transaction's connection
 *   (native-pg.ts), not through Prisma's engine.
 * - Otherwise portable multi-row INSERTs with bound parameters.
 */
import { Prisma } from '../db/client.ts';
import type { Context } from '../context.ts';
import { providerOf } from '../db/providers.ts';
import { sqliteTransaction, type SqliteTransaction } from '../db/native-sqlite.ts';
import { pgTransaction, type PgTransaction } from '../db/native-pg.ts';
import { breathe } from '../breathe.ts';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

type Tx = Prisma.TransactionClient;

export interface PayslipLineRow {
  id: string;
  position: number;
  code: string;
  label: string;
  kind: string;
  amountFen: bigint;
  /** JSON. */
  explanation: string;
}

export interface PayslipRow {
  id: string;
  personId: string;
  planCode: string;
  planVersion: number;
  grossFen: bigint;
  deductionsFen: bigint;
  netFen: bigint;
  /** Frozen inputs (JSON). */
  inputs: string;
  lines: PayslipLineRow[];
}

export interface PayslipWriter {
  /** Which way rows go: for the benchmark's table. */
  readonly method: 'sqlite-prepared' | 'postgresql-copy' | 'multi-row-insert';
  /**
   * People computed and then written at a time. SQLite writes as soon as a
   * slice is computed: its rows are garbage before the next slice, so the
   * young generation's collections find almost nothing alive (150 ms less a
   * 10,000-person run than 2,000 at a time, whose rows all lived to an old
   * generation). PostgreSQL takes a large chunk in its own process while the
   * next one is computed.
   */
  readonly people: number;
  write(runId: string, rows: PayslipRow[]): Promise<void>;
}

/** Payslips written between two chances for other requests to run. */
const BREATH = 500;
/** People a chunk where the database takes it in its own process (PostgreSQL), or where the writer is portable SQL. */
export const CHUNK = 2000;
/** People a slice on SQLite: computed and written between two chances for other requests to run. */
export const SLICE = 100;

const SLIP_SQL = 'INSERT INTO "Payslip" ("id", "runId", "personId", "planCode", "planVersion", "grossFen", "deductionsFen", "netFen", "inputs") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
const LINE_SQL = 'INSERT INTO "PayslipLine" ("id", "payslipId", "position", "code", "label", "kind", "amountFen", "explanation") VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

function preparedWriter({ connection, check }: SqliteTransaction): PayslipWriter {
  const slip = connection.prepare(SLIP_SQL);
  const line = connection.prepare(LINE_SQL);
  return {
    method: 'sqlite-prepared',
    people: SLICE,
    async write(runId, rows) {
      for (let at = 0; at < rows.length; at += BREATH) {
        // The connection is this transaction's; other requests' reads go to the reader connection meanwhile.
        if (at > 0) await breathe();
        check();
        const slice = rows.slice(at, at + BREATH);
        for (const r of slice) slip.run(r.id, runId, r.personId, r.planCode, r.planVersion, r.grossFen, r.deductionsFen, r.netFen, r.inputs);
        for (const r of slice) for (const l of r.lines) line.run(l.id, r.id, l.position, l.code, l.label, l.kind, l.amountFen, l.explanation);
      }
    },
  };
}

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped (no value here is NULL). */
const copyText = (value: unknown) => String(value).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
export const copyRow = (values: readonly unknown[]) => `${values.map(copyText).join('\t')}\n`;

/**
 * COPY … FROM STDIN on the transaction's own connection (native-pg.ts),
 * through pg-copy-streams: PostgreSQL's bulk path, with no statement to
 * parse and no value to bind. Measured on 9,107 payslips and 52,008 lines it
 * took 1.7 s where multi-row INSERTs with bound values took 2.4 s and arrays
 * through unnest longer (an array literal escapes every quote of the JSON
 * texts). The caller awaits a chunk's two COPYs only before writing the
 * next, so the next chunk is computed while PostgreSQL takes this one.
 */
function copyWriter({ client: connection, check }: PgTransaction, copyFrom: typeof import('pg-copy-streams').from): PayslipWriter {
  const copy = (sql: string, text: AsyncIterable<string>) => {
    check();
    return pipeline(Readable.from(text), connection.query(copyFrom(sql)));
  };
  return {
    method: 'postgresql-copy',
    people: CHUNK,
    async write(runId, rows) {
      if (!rows.length) return;
      // The text is made a slice at a time as COPY takes it, with other requests' turn between slices.
      async function* text(toText: (slice: PayslipRow[]) => string[]) {
        for (let at = 0; at < rows.length; at += BREATH) {
          if (at > 0) await breathe();
          yield toText(rows.slice(at, at + BREATH)).join('');
        }
      }
      const slips = text((slice) => slice.map((r) => copyRow([r.id, runId, r.personId, r.planCode, r.planVersion, r.grossFen, r.deductionsFen, r.netFen, r.inputs])));
      const lines = text((slice) => slice.flatMap((r) => r.lines.map((l) => copyRow([l.id, r.id, l.position, l.code, l.label, l.kind, l.amountFen, l.explanation]))));
      // One after the other: a pg client takes one query at a time (queueing a second is deprecated, and gone in pg 9).
      await copy('COPY "Payslip" ("id", "runId", "personId", "planCode", "planVersion", "grossFen", "deductionsFen", "netFen", "inputs") FROM STDIN', slips);
      await copy('COPY "PayslipLine" ("id", "payslipId", "position", "code", "label", "kind", "amountFen", "explanation") FROM STDIN', lines);
    },
  };
}

/** Payslips per INSERT (9 parameters each: 18,000) and lines per INSERT (8 each: 28,000): under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const SLIP_BATCH = 2000;
const LINE_BATCH = 3500;

function multiRowWriter(tx: Tx): PayslipWriter {
  return {
    method: 'multi-row-insert',
    people: CHUNK,
    async write(runId, rows) {
      for (let start = 0; start < rows.length; start += SLIP_BATCH) {
        const batch = rows.slice(start, start + SLIP_BATCH);
        const slipRows = batch.map((r) => Prisma.sql`(${r.id}, ${runId}, ${r.personId}, ${r.planCode}, ${r.planVersion}, ${r.grossFen}, ${r.deductionsFen}, ${r.netFen}, ${r.inputs})`);
        await tx.$executeRaw`INSERT INTO "Payslip" ("id", "runId", "personId", "planCode", "planVersion", "grossFen", "deductionsFen", "netFen", "inputs") VALUES ${Prisma.join(slipRows)}`;
        const lineRows = batch.flatMap((r) => r.lines.map((l) => Prisma.sql`(${l.id}, ${r.id}, ${l.position}, ${l.code}, ${l.label}, ${l.kind}, ${l.amountFen}, ${l.explanation})`));
        for (let i = 0; i < lineRows.length; i += LINE_BATCH) {
          await tx.$executeRaw`INSERT INTO "PayslipLine" ("id", "payslipId", "position", "code", "label", "kind", "amountFen", "explanation") VALUES ${Prisma.join(lineRows.slice(i, i + LINE_BATCH))}`;
        }
      }
    },
  };
}

/** The fastest writer this database offers; call inside the run's transaction. */
export async function payslipWriter(ctx: Pick<Context, 'prisma' | 'config'>, tx: Tx, options: { portable?: boolean } = {}): Promise<PayslipWriter> {
  if (options.portable) return multiRowWriter(tx);
  if (providerOf(ctx.config.databaseUrl) === 'postgresql') {
    const transaction = await pgTransaction(ctx.prisma, tx);
    // Loaded with the first PostgreSQL run, not at start.
    return transaction ? copyWriter(transaction, (await import('pg-copy-streams')).from) : multiRowWriter(tx);
  }
  const transaction = sqliteTransaction(ctx.prisma);
  return transaction ? preparedWriter(transaction) : multiRowWriter(tx);
}

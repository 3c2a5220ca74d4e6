/**
 * The one module that touches the workbook, through the Excel JavaScript API.
 * Everything else in the add-in hands it plain data.
 *
 * writeSheetTable puts a block of rows on a sheet as a formatted Excel table:
 * - it refreshes only a sheet it made itself (tagged with custom properties);
 *   a same-named sheet of the user's is left alone and a new "Name (2)" used;
 * - on refresh it replaces only its own previous table, and refuses (writing
 *   nothing) when the new table would cover cells the user typed beside it;
 * - values go in blocks of at most ~4 MB, one `context.sync` per block, a
 *   block halved and retried when Excel says the request was too large;
 * - number formats are set before values, so text columns stay text.
 */
import { a1, intersect, outside, parseA1, planChunks, rowBytes, type Block, type CellInput } from './chunks.ts';

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface TableColumn {
  header: string;
  /** Excel number format: "@" text, "yyyy-mm-dd", "#,##0.00", "General". */
  numberFormat: string;
  /** Width in points. */
  width: number;
}

export interface SheetTableSpec {
  /** Preferred sheet name, e.g. "Roster". */
  sheetName: string;
  /** What Quotabook keeps on the sheet, e.g. "roster"; a sheet with another kind is never overwritten. */
  kind: string;
  /** Excel table name, unique in the workbook, e.g. "QuotabookRoster". */
  tableName: string;
  columns: TableColumn[];
  rows: CellInput[][];
  /** Extra tags stored on the sheet (unit, as-of date, pulled-at …). */
  properties: Record<string, string>;
}

export interface WriteProgress {
  rowsWritten: number;
  totalRows: number;
}

export interface WriteReport {
  sheetName: string;
  rows: number;
  syncs: number;
  blocks: number;
  largestBlockBytes: number;
  replacedPrevious: boolean;
}

/** The new table would cover cells that are not Quotabook's. */
export class WorkbookConflictError extends Error {
  constructor(
    readonly sheetName: string,
    readonly cell: string,
  ) {
    super(`${sheetName}!${cell} holds your own data where the new table would go. Move it, or rename the sheet, then pull again.`);
    this.name = 'WorkbookConflictError';
  }
}

export const PROP = { kind: 'QuotabookKind', range: 'QuotabookRange' } as const;
export const MAX_BLOCK_BYTES = 4 * 1024 * 1024;
const SIZE_ERRORS = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

const errorCode = (error: unknown) => (error as { code?: string } | null)?.code ?? (error as { debugInfo?: { code?: string } } | null)?.debugInfo?.code;

interface Candidate {
  name: string;
  sheet: Excel.Worksheet;
  kind: Excel.WorksheetCustomProperty;
  range: Excel.WorksheetCustomProperty;
  table: Excel.Table;
  used: Excel.Range;
}

/** Candidate sheet names: the preferred one, then "Name (2)" … "Name (9)". */
const candidateNames = (name: string) => [name, ...Array.from({ length: 8 }, (_, i) => `${name} (${i + 2})`)];

export async function writeSheetTable(
  run: ExcelRun,
  spec: SheetTableSpec,
  options: { maxBlockBytes?: number; onProgress?: (p: WriteProgress) => void } = {},
): Promise<WriteReport> {
  const maxBlockBytes = options.maxBlockBytes ?? MAX_BLOCK_BYTES;
  const width = spec.columns.length;
  const formats = spec.columns.map((c) => c.numberFormat);
  for (const [i, row] of spec.rows.entries()) {
    if (row.length !== width) throw new Error(`Row ${i + 1} has ${row.length} cells; the table has ${width} columns`);
  }

  return run(async (context) => {
    let syncs = 0;
    const sync = async () => {
      syncs += 1;
      await context.sync();
    };

    // 1. Look at the candidate sheets: do they exist, are they ours, where is our old table?
    const candidates: Candidate[] = candidateNames(spec.sheetName).map((name) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      const c = {
        name,
        sheet,
        kind: sheet.customProperties.getItemOrNullObject(PROP.kind),
        range: sheet.customProperties.getItemOrNullObject(PROP.range),
        table: sheet.tables.getItemOrNullObject(spec.tableName),
        used: sheet.getUsedRangeOrNullObject(true),
      };
      c.sheet.load('isNullObject');
      c.kind.load('value');
      c.range.load('value');
      c.table.load('isNullObject');
      c.used.load('address');
      return c;
    });
    await sync();

    const target = candidates.find((c) => c.sheet.isNullObject || (!c.kind.isNullObject && c.kind.value === spec.kind));
    if (!target) throw new Error(`Sheets "${spec.sheetName}" to "${spec.sheetName} (9)" all hold other data; rename one and pull again`);
    const isNew = target.sheet.isNullObject;
    const previous: Block | null = !isNew && !target.range.isNullObject && target.range.value ? parseA1(target.range.value) : null;
    const next: Block = { row: 0, column: 0, rows: spec.rows.length + 1, columns: width };

    // 2. On refresh, make sure the new table covers nothing of the user's.
    if (!isNew && !target.used.isNullObject) {
      const used = parseA1(target.used.address);
      const probes = outside(next, previous)
        .map((part) => intersect(part, used))
        .filter((b): b is Block => b !== null)
        .map((b) => {
          const r = target.sheet.getRangeByIndexes(b.row, b.column, b.rows, b.columns);
          r.load('values');
          return { block: b, range: r };
        });
      if (probes.length) {
        await sync();
        for (const { block, range } of probes) {
          for (const [i, row] of range.values.entries()) {
            const j = row.findIndex((v) => v !== '' && v !== null);
            if (j >= 0) throw new WorkbookConflictError(target.name, a1({ row: block.row + i, column: block.column + j, rows: 1, columns: 1 }).split(':')[0]!);
          }
        }
      }
    }

    // 3. Write: header and the old table's removal ride with the first block;
    //    the table, formats and tags with the last.
    const blocks = planChunks(spec.rows, formats, maxBlockBytes);
    if (blocks.length === 0) blocks.push([0, 0]);
    let largestBlockBytes = 0;
    let rowsWritten = 0;
    let written = 0;
    const queue = blocks.map(([start, end]) => ({ start, end }));
    let first = true;
    while (queue.length) {
      const { start, end } = queue[0]!;
      const last = queue.length === 1;
      const sheet = first && isNew ? context.workbook.worksheets.add(target.name) : context.workbook.worksheets.getItem(target.name);
      context.workbook.application.suspendApiCalculationUntilNextSync();
      if (first) {
        if (!isNew && !target.table.isNullObject) sheet.tables.getItemOrNullObject(spec.tableName).delete();
        if (previous) sheet.getRangeByIndexes(previous.row, previous.column, previous.rows, previous.columns).clear('All');
        const header = sheet.getRangeByIndexes(0, 0, 1, width);
        header.numberFormat = [spec.columns.map(() => '@')];
        header.values = [spec.columns.map((c) => c.header)];
      }
      if (end > start) {
        const block = sheet.getRangeByIndexes(1 + start, 0, end - start, width);
        block.numberFormat = spec.rows.slice(start, end).map(() => formats);
        block.values = spec.rows.slice(start, end);
      }
      if (last) {
        const table = sheet.tables.add(a1(next), true);
        table.name = spec.tableName;
        table.style = 'TableStyleMedium2';
        spec.columns.forEach((c, j) => (sheet.getRangeByIndexes(0, j, 1, 1).format.columnWidth = c.width));
        sheet.freezePanes.freezeRows(1);
        sheet.customProperties.add(PROP.kind, spec.kind);
        sheet.customProperties.add(PROP.range, a1(next));
        for (const [k, v] of Object.entries(spec.properties)) sheet.customProperties.add(`Quotabook${k[0]!.toUpperCase()}${k.slice(1)}`, v);
        sheet.activate();
      }
      try {
        await sync();
      } catch (error) {
        // Too large for one request: nothing of it was applied; halve and retry.
        if (SIZE_ERRORS.has(errorCode(error) ?? '') && end - start > 1) {
          const mid = start + Math.floor((end - start) / 2);
          queue.splice(0, 1, { start, end: mid }, { start: mid, end });
          continue;
        }
        throw error;
      }
      queue.shift();
      first = false;
      written += 1;
      largestBlockBytes = Math.max(largestBlockBytes, spec.rows.slice(start, end).reduce((n, r) => n + rowBytes(r, formats), 0));
      rowsWritten = end;
      options.onProgress?.({ rowsWritten, totalRows: spec.rows.length });
    }
    return { sheetName: target.name, rows: spec.rows.length, syncs, blocks: written, largestBlockBytes, replacedPrevious: !isNew };
  });
}

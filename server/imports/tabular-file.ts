/**
 * Reading an uploaded table: an .xlsx workbook (a sheet whose name matches,
 * else the first) with exceljs, or a CSV with csv-parse. The first row names
 * the columns (English or Chinese); problems name the sheet and the cell.
 * Parsing runs in a worker thread (tabular-worker.mjs) within FILE_LIMITS:
 * beyond any of them the upload is refused with BAD_USER_INPUT naming it.
 */
import { Worker } from 'node:worker_threads';
import { clientError, dynamicClientError } from '../errors.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface Grid {
  sheet: string;
  /** Rows of raw cells; row 0 is the header. */
  rows: unknown[][];
}

export const columnLetter = (i: number) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** What one uploaded file may hold; beyond any of them the upload is refused, naming the limit. */
export interface FileLimits {
  /** Bytes of the workbook's parts once decompressed (as its zip directory declares them). */
  decompressedBytes: number;
  rows: number;
  cells: number;
  /** Characters in one cell (Excel's own limit is 32,767). */
  stringLength: number;
  /** Milliseconds the parse may take. */
  timeMs: number;
  /** Heap of the parsing worker, in MB: a zip that lies about its sizes runs out here, not in the server. */
  heapMb: number;
}

export const FILE_LIMITS: FileLimits = {
  decompressedBytes: 64 * 1024 * 1024,
  rows: 50_000,
  cells: 1_000_000,
  stringLength: 32_767,
  timeMs: 20_000,
  heapMb: 512,
};

const overLimit = (limit: keyof FileLimits, max: number, message: string) =>
  clientError('BAD_USER_INPUT', message, { field: 'file', reason: 'FILE_LIMIT', limit, max, params: { limit, max } });

/**
 * The sizes a zip's central directory declares, without inflating anything.
 * Refuses ZIP64 and unreadable directories: no workbook we accept needs them.
 */
export function declaredZipSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // ZIP64
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

/** At most two files parse at once (the machine has two cores); the rest wait their turn. */
let running = 0;
const waiting: (() => void)[] = [];
async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const workerUrl = new URL('./tabular-worker.mjs', import.meta.url);

/** Parses in a worker thread, so that a large file never stalls other requests; bounded in time and memory. */
function parseInWorker(kind: 'xlsx' | 'csv', bytes: Uint8Array, preferSheet: RegExp, limits: FileLimits): Promise<Grid> {
  return turn(
    () =>
      new Promise<Grid>((resolve, reject) => {
        const worker = new Worker(workerUrl, {
          workerData: { kind, bytes, preferSheet: { source: preferSheet.source, flags: preferSheet.flags }, limits },
          resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64 },
          stdout: true,
          stderr: true,
        });
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          fn();
        };
        const timer = setTimeout(
          () => settle(() => reject(overLimit('timeMs', limits.timeMs, `Reading the file took longer than ${limits.timeMs / 1000} s; split it into smaller files`))),
          limits.timeMs,
        );
        worker.on('message', (m: { grid?: Grid; refusal?: { message: string; [k: string]: unknown }; failure?: true }) =>
          settle(() => {
            if (m.grid) resolve(m.grid);
            else if (m.refusal) {
              const { message, ...extra } = m.refusal;
              reject(dynamicClientError('BAD_USER_INPUT', message, { field: 'file', reason: 'FILE_UNREADABLE', params: {}, ...extra }));
            } else reject(clientError('BAD_USER_INPUT', 'The file cannot be read', { field: 'file', reason: 'FILE_UNREADABLE' }));
          }),
        );
        worker.on('error', (e: Error & { code?: string }) =>
          settle(() =>
            reject(
              e.code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? overLimit('heapMb', limits.heapMb, `Reading the file needs more than ${limits.heapMb} MB; it expands far beyond its size (a zip bomb?)`)
                : clientError('BAD_USER_INPUT', 'The file cannot be read', { field: 'file', reason: 'FILE_UNREADABLE' }),
            ),
          ),
        );
        worker.on('exit', () => settle(() => reject(clientError('BAD_USER_INPUT', 'The file cannot be read', { field: 'file', reason: 'FILE_UNREADABLE' }))));
      }),
  );
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;
/** An OLE2 compound file: a legacy .xls (BIFF8) workbook, or WPS's .et. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const isOle2 = (b: Uint8Array) => OLE2.every((x, i) => b[i] === x);

/** A legacy workbook (many ERP exports are .xls, and some are HTML or text named .xls): refused, saying how to save it as .xlsx. */
const legacyWorkbook = (name: string) =>
  clientError('BAD_USER_INPUT', `“${name}” is a legacy Excel 97–2003 workbook (.xls), which cannot be read; open it in Excel or WPS and save it as an Excel workbook: File › Save As › Excel Workbook (*.xlsx)`, {
    field: 'file',
    reason: 'LEGACY_XLS',
    params: { file: name },
  });

/**
 * What can be told of a file before reading it: its size, whether it is a
 * legacy .xls, how large a workbook would expand, and its type. Refused with
 * the reason the import gives; otherwise how to read it.
 */
export function fileKind(name: string, bytes: Uint8Array, limits: FileLimits = FILE_LIMITS): 'xlsx' | 'csv' {
  if (bytes.length > MAX_FILE_BYTES) throw clientError('BAD_USER_INPUT', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, {
      field: 'file',
      reason: 'FILE_LIMIT',
      limit: 'fileBytes',
      max: MAX_FILE_BYTES,
      params: { limit: 'fileBytes', max: MAX_FILE_BYTES },
    });
  const lower = name.toLowerCase();
  if (isOle2(bytes) || (/\.(xls|et)$/.test(lower) && !isZip(bytes))) throw legacyWorkbook(name);
  if (lower.endsWith('.xlsx') || isZip(bytes)) {
    const declared = declaredZipSize(bytes);
    if (declared === null) throw clientError('BAD_USER_INPUT', 'The file is not an Excel workbook (.xlsx) that can be read', { field: 'file', reason: 'NOT_XLSX' });
    if (declared > limits.decompressedBytes) {
      throw overLimit('decompressedBytes', limits.decompressedBytes, `The workbook expands to ${Number.isFinite(declared) ? `${Math.ceil(declared / 1024 / 1024)} MB` : 'more than 4 GB'}; at most ${limits.decompressedBytes / 1024 / 1024} MB are accepted`);
    }
    return 'xlsx';
  }
  if (/\.(csv|txt|tsv)$/.test(lower)) return 'csv';
  throw clientError('BAD_USER_INPUT', `“${name}” is neither an .xlsx workbook nor a .csv file`, { field: 'file', reason: 'FILE_TYPE', params: { name } });
}

export async function readGrid(name: string, bytes: Uint8Array, preferSheet: RegExp, limits: FileLimits = FILE_LIMITS): Promise<Grid> {
  return parseInWorker(fileKind(name, bytes, limits), bytes, preferSheet, limits);
}

/** Where a table's header row is and which column holds each field (zero-based). */
export interface ColumnMap<C extends string> {
  /** The header's row (zero-based): title rows above it, as many Chinese reports have, are skipped. */
  header: number;
  /** Each found column's index; optional columns not found are undefined. */
  at: Record<C, number>;
}

/** How far down a header row is looked for. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Finds the header row (the first of the top rows that names every required
 * column; title lines above it are skipped) and each column by any of its
 * names there; refuses when required ones are missing.
 */
export function mapColumns<C extends string>(grid: Grid, names: Record<C, readonly string[]>, required: NoInfer<C>[]): ColumnMap<C> {
  const headerOf = (r: number) => (grid.rows[r] ?? []).map((h) => String(h ?? '').trim().toLowerCase());
  const columnsIn = (header: string[]) => {
    const at = {} as Record<C, number>;
    for (const [col, aliases] of Object.entries(names) as [C, readonly string[]][]) {
      const i = header.findIndex((h) => aliases.includes(h));
      if (i >= 0) at[col] = i;
    }
    return at;
  };
  for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, grid.rows.length); r++) {
    const at = columnsIn(headerOf(r));
    if (required.every((c) => at[c] !== undefined)) return { header: r, at };
  }
  const header = headerOf(0);
  const at = columnsIn(header);
  const missing = required.filter((c) => at[c] === undefined);
  throw clientError(
    'BAD_USER_INPUT',
    `${grid.sheet}!1: the header row lacks the column(s) ${missing.map((m) => `${m} (${names[m][names[m].length - 1]})`).join(', ')}; found ${header.filter(Boolean).join(', ') || 'nothing'}`,
    { field: 'file', reason: 'MISSING_COLUMNS', params: { sheet: grid.sheet, columns: missing.map((m) => names[m][names[m].length - 1]).join(', ') }, missingColumns: missing },
  );
}

/** Refuses a grid (from the pane's sheet) beyond the limits a file has. */
export function checkGridLimits(grid: Grid, limits: FileLimits = FILE_LIMITS): Grid {
  if (grid.rows.length > limits.rows) throw overLimit('rows', limits.rows, `${grid.sheet} has ${grid.rows.length} rows; at most ${limits.rows} are accepted at once`);
  let cells = 0;
  grid.rows.forEach((row, r) => {
    cells += row.length;
    if (cells > limits.cells) throw overLimit('cells', limits.cells, `${grid.sheet} has more than ${limits.cells} cells; import it in parts`);
    row.forEach((v, c) => {
      if (typeof v === 'string' && v.length > limits.stringLength) {
        throw overLimit('stringLength', limits.stringLength, `${grid.sheet}!${columnLetter(c)}${r + 1} holds ${v.length} characters; a cell may hold at most ${limits.stringLength}`);
      }
    });
  });
  return grid;
}

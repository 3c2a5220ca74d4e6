/**
 * The one module that touches the workbook, through the Excel JavaScript API.
 * Everything else in the add-in hands it plain data.
 *
 * Writing a block of rows to a sheet (writeSheetTable for tables such as the
 * Roster, writeGridSheet for input grids such as a Targets sheet):
 * - it refreshes only a sheet it made itself, recognised by custom
 *   properties (kind, and an identity such as the plan id — found even when
 *   the user renamed the sheet); a same-named sheet of the user's is left
 *   alone and a new "Name (2)" used;
 * - on refresh it replaces only its own previous block, and refuses (writing
 *   nothing) when the new block would cover cells the user typed beside it;
 *   a table is turned back into a range and exactly the old block cleared
 *   (never Table.delete(), which may clear cells the user typed into the
 *   table); it refuses when the table no longer sits on the old block
 *   (rows inserted above or inside it, a row typed below it, a column
 *   inserted inside it) or its name is taken on another sheet; a grid
 *   (no table) refuses when its header row is no longer where it was
 *   written or the row below its block holds something (rows inserted
 *   above or inside it, or typed right below it);
 * - it learns which sheets and tables exist (one sync) before calling into
 *   them: Office.js documents *OrNullObject results only as something to
 *   test after a sync, so nothing is called on one before that; a refresh
 *   that has just read the sheet (readTaggedSheet) hands the write what the
 *   read found (a SheetHandle) instead, and the write does not look again;
 * - a protected sheet is unprotected first (only when it is protected),
 *   tagged in the first batch, and protected last, so a refusal midway
 *   leaves it findable by its tags;
 * - tables are added by a Range of their own sheet (an address without a
 *   sheet name may mean the active sheet), and widths are set before columns
 *   are hidden (whether a width un-hides a column is undocumented);
 * - values go in blocks of at most ~4 MB, counting what Office.js adds to
 *   each action and each 1,500-cell chunk, one `context.sync` per block; a
 *   block is halved and retried (and the rest planned at half the size) when
 *   Excel says the request was too large, or answers a large one with
 *   GeneralException, as Excel on the web has been seen to do;
 * - every string goes through `cellValue`: text that Excel would read as a
 *   formula ("=", "+", "-", "@") is kept as text; formulas are marked;
 * - number formats are set before values, so text columns stay text.
 * Reads go in blocks of rows too (a stray far-away cell makes a used range
 * too large for one response), a block halved when the response is too large.
 */
import { numberedSheetName, sheetName } from './sheet-name.ts';
import { a1, cellValue, columnLetters, formatRuns, intersect, jsonBytes, OFFICE_ACTION_BYTES, OFFICE_CHUNK_BYTES, OFFICE_CHUNK_CELLS, outside, parseA1, planChunks, rectangles, rowBytes, type Block, type CellInput } from './chunks.ts';

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface TableColumn {
  header: string;
  /** Excel number format: "@" text, "yyyy-mm-dd", "#,##0.00", "General". */
  numberFormat: string;
  /** Width in points. */
  width: number;
}

export interface SheetBlockSpec {
  /** Preferred sheet name, e.g. "Roster". */
  sheetName: string;
  /** What Quotabook keeps on the sheet, e.g. "roster"; a sheet with another kind is never overwritten. */
  kind: string;
  /** Tags that must match too before a sheet is refreshed (e.g. the plan id); the sheet is found by them even when renamed. */
  identity?: Record<string, string>;
  columns: TableColumn[];
  rows: CellInput[][];
  /** Extra tags stored on the sheet (unit, as-of date, pulled-at …). */
  properties: Record<string, string>;
  /** A line of text above the header (e.g. a status banner); the header then sits on row 2. */
  banner?: string;
  /** Rows below the header and columns from the left kept in view while scrolling (the header is always frozen). */
  freeze?: { rows: number; columns: number };
  /** Wrap the header's text (long headers in narrow columns take two lines). */
  wrapHeader?: boolean;
}

export interface SheetTableSpec extends SheetBlockSpec {
  /** Excel table name, unique in the workbook, e.g. "QuotabookRoster". */
  tableName: string;
  /** Conditional formats over one column's rows (ExcelApi 1.6), kept live as Excel recalculates. */
  conditionalFormats?: ColumnFormat[];
}

/**
 * A conditional format over a column of a table's rows: a data bar (e.g. for
 * achievement), or a fill (and bold font) where the cell compares to a value
 * (e.g. the top three ranks, a band).
 */
export type ColumnFormat =
  | { kind: 'dataBar'; column: number; color: string }
  | { kind: 'fill'; column: number; operator: 'EqualTo' | 'LessThanOrEqual' | 'GreaterThanOrEqual' | 'LessThan' | 'GreaterThan'; value: string | number; fill: string; fontColor?: string };

export interface GridSheetSpec extends SheetBlockSpec {
  /** Where the user types (zero-based, within the sheet): filled, unlocked and validated. */
  input: Block;
  /** Data validation for the input cells. */
  inputRule: { kind: 'decimal' | 'whole'; message: string };
  /** Columns to hide (zero-based), e.g. the owner ids. */
  hiddenColumns: number[];
  /** Rows styled as totals (zero-based). */
  totalRows: number[];
  /** Protect the sheet so that only the input cells can be edited. */
  protect: boolean;
  /** Cells to highlight (zero-based, within the sheet), e.g. what changed since the last refresh. */
  highlight?: { row: number; column: number }[];
  /** Cells coloured red while their value is not zero (e.g. differences that must be nil), as Excel recalculates. */
  alertUnlessZero?: Block[];
  /** A copy to look at, not to edit: the body greyed (nothing unlocked when input is empty). */
  readOnly?: boolean;
  /**
   * More cells to type in besides `input`, each block with its own rule: whole
   * numbers from min to max (e.g. a score up to its indicator's max), decimals
   * from a minimum (e.g. planned sales), one of a list (a drop-down, e.g. a kind of day; `open` when the
   * list only suggests, and a value not in it is kept after a note saying so), or free text (rule null,
   * e.g. a comment). Filled, unlocked and validated like `input`.
   */
  extraInputs?: {
    block: Block;
    rule: { kind: 'whole'; min: number; max: number; message: string } | { kind: 'decimal'; min: number; message: string } | { kind: 'list'; values: string[]; message: string; open?: boolean } | null;
  }[];
}

export interface WriteProgress {
  rowsWritten: number;
  totalRows: number;
}

export interface WriteOptions {
  /** The most request bytes a block of rows may take (tests make it small). */
  maxBlockBytes?: number;
  onProgress?: (p: WriteProgress) => void;
}

export interface WriteReport {
  sheetName: string;
  rows: number;
  syncs: number;
  blocks: number;
  largestBlockBytes: number;
  replacedPrevious: boolean;
}

/** Why the workbook refused a write: a code and its params, which the pane renders from its catalogue. */
export type WorkbookReason = 'SHEET_OCCUPIED' | 'NO_FREE_SHEET_NAME' | 'TABLE_CHANGED' | 'TABLE_NAME_TAKEN' | 'BLOCK_MOVED';

export class WorkbookError extends Error {
  constructor(
    readonly reason: WorkbookReason,
    readonly params: Record<string, string>,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookError';
  }
}

/** The new block would cover cells that are not Quotabook's. */
export class WorkbookConflictError extends WorkbookError {
  constructor(
    readonly sheetName: string,
    readonly cell: string,
  ) {
    super('SHEET_OCCUPIED', { sheet: sheetName, cell }, `${sheetName}!${cell} holds your own data where the new table would go. Move it, or rename the sheet, then pull again.`);
    this.name = 'WorkbookConflictError';
  }
}

export const PROP = { kind: 'QuotabookKind', range: 'QuotabookRange', header: 'QuotabookHeader' } as const;
export const propName = (key: string) => `Quotabook${key[0]!.toUpperCase()}${key.slice(1)}`;
export const MAX_BLOCK_BYTES = 4 * 1024 * 1024;
const SIZE_ERRORS = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);
/** Excel on the web has answered oversized requests and responses with this instead of a size error (office-js#1314, office-js-docs-reference#354). */
const GENERAL_EXCEPTION = 'GeneralException';

const errorCode = (error: unknown) => (error as { code?: string } | null)?.code ?? (error as { debugInfo?: { code?: string } } | null)?.debugInfo?.code;

/** What the first sync says about a sheet that exists (a sheet that does not is `exists: false` and nothing else). */
/**
 * Whether a failed request may have been too large, so that a smaller one
 * may pass: a size error always; a GeneralException only when this request
 * was larger than the largest that went through (once per size: a smaller
 * one failing that way is a real error).
 */
const maybeTooLarge = (error: unknown, size: number, largestPassed: number) => {
  const code = errorCode(error) ?? '';
  return SIZE_ERRORS.has(code) || (code === GENERAL_EXCEPTION && size > largestPassed);
};

/** What Excel is asked to run besides the rows, in request bytes: its actions and the strings they carry. */
const overheadBytes = (actions: number, strings: string[]) => actions * OFFICE_ACTION_BYTES + 2 * OFFICE_CHUNK_BYTES + strings.reduce((n, t) => n + t.length * 3 + 8, 0);

interface SheetInfo {
  name: string;
  exists: boolean;
  sheet?: Excel.Worksheet;
  kind?: Excel.WorksheetCustomProperty;
  range?: Excel.WorksheetCustomProperty;
  header?: Excel.WorksheetCustomProperty;
  identity?: [string, Excel.WorksheetCustomProperty][];
  used?: Excel.Range;
  protection?: Excel.WorksheetProtection;
}

/**
 * What a read learned about Quotabook's own sheet (`SheetRead.sheet`), handed
 * to the write that follows (`writeGridSheet`'s `sheet` option) so that the
 * write does not look for the sheet and inspect it again: on a refresh that
 * is two round trips fewer (issue 12 §4). Plain facts, no proxies: they
 * outlive the read's request context. Where they could have gone stale before
 * the write, the write is safe anyway: cells the new block adds beyond the
 * old one are probed afresh, and a sheet renamed, removed or (un)protected
 * since is looked at again.
 */
export interface SheetHandle {
  name: string;
  kind: string;
  identity: Record<string, string>;
  /** Our previous block (the QuotabookRange tag), or null. */
  block: string | null;
  /** The header fingerprint tag, or null. */
  header: string | null;
  protected: boolean;
  /** The sheet's values from A1 as read: where our header row and the row below our block stand now (a grid's check, `checkGrid`). */
  values?: unknown[][];
}

/** Where a block goes, as plain facts: the sheet, and what the last write left there. */
interface Target {
  name: string;
  exists: boolean;
  /** The QuotabookRange tag: our previous block. */
  previous: Block | null;
  /** The QuotabookHeader tag. */
  header: string | null;
  protected: boolean;
  /** The used range as inspected; undefined when not inspected (from a handle): the cells the block adds are then probed afresh. */
  used?: Block | null;
  /** The values a read found (from a handle), from A1. */
  values?: unknown[][];
}

/** The facts an inspection (synced) found. */
const targetOf = (info: SheetInfo): Target =>
  info.exists
    ? {
        name: info.name,
        exists: true,
        previous: !info.range!.isNullObject && info.range!.value ? parseA1(info.range!.value) : null,
        header: info.header!.isNullObject ? null : info.header!.value,
        protected: info.protection!.protected,
        used: info.used!.isNullObject ? null : parseA1(info.used!.address),
      }
    : { name: info.name, exists: false, previous: null, header: null, protected: false, used: null };

/** The facts a read handed over. */
const targetFromHandle = (h: SheetHandle): Target => ({ name: h.name, exists: true, previous: h.block ? parseA1(h.block) : null, header: h.header, protected: h.protected, values: h.values });

/** Our table as the workbook has it now: its sheet, its block and its header row. */
interface TableInfo {
  range: Excel.Range;
  header: Excel.Range;
}

/**
 * Candidate sheet names: the preferred one, then "Name (2)" … "Name (9)", each
 * a name Excel accepts (legal characters, at most 31 with the number: the name
 * is shortened in its middle to make room).
 */
const candidateNames = (name: string) => [sheetName(name), ...Array.from({ length: 8 }, (_, i) => numberedSheetName(name, i + 2))];

type Sync = () => Promise<void>;

/**
 * Queues the loads that say whether an existing sheet is ours and where its
 * block is. Only for a sheet the workbook was seen to hold: getItem, never a
 * null object whose nullness is unknown (see the module comment).
 */
function inspect(context: Excel.RequestContext, name: string, identity: Record<string, string>, sheet = context.workbook.worksheets.getItem(name)): SheetInfo {
  const info: SheetInfo = {
    name,
    exists: true,
    sheet,
    kind: sheet.customProperties.getItemOrNullObject(PROP.kind),
    range: sheet.customProperties.getItemOrNullObject(PROP.range),
    header: sheet.customProperties.getItemOrNullObject(PROP.header),
    identity: Object.keys(identity).map((k) => [k, sheet.customProperties.getItemOrNullObject(propName(k))]),
    used: sheet.getUsedRangeOrNullObject(true),
    protection: sheet.protection,
  };
  info.kind!.load('value');
  info.range!.load('value');
  info.header!.load('value');
  for (const [, p] of info.identity!) p.load('value');
  info.used!.load('address');
  info.protection!.load('protected');
  return info;
}

const isOurs = (info: SheetInfo, spec: SheetBlockSpec) =>
  info.exists &&
  !info.kind!.isNullObject &&
  info.kind!.value === spec.kind &&
  info.identity!.every(([k, p]) => !p.isNullObject && p.value === spec.identity![k]);

/** A short fingerprint of a header row (custom property values are kept short). */
export function headerPrint(headers: readonly unknown[]): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(headers.map((x) => String(x ?? '')))) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${headers.length}:${h.toString(16)}`;
}

/** "'My sheet'!A1:C3" → "My sheet". */
const sheetOf = (address: string) => address.slice(0, address.lastIndexOf('!')).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");

/**
 * Finds where a block goes: our own sheet (even renamed, when it has an
 * identity), or a free name. First sync: which sheets (and whether our table)
 * exist; second: what the existing candidates hold, and where our table is.
 */
async function chooseSheet(context: Excel.RequestContext, spec: SheetBlockSpec & { tableName?: string }, sync: Sync): Promise<{ target: Target; table: TableInfo | null }> {
  const identity = spec.identity ?? {};
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const tables = spec.tableName ? context.workbook.tables : null;
  tables?.load('items/name');
  await sync();
  const existing = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const tableExists = !!tables?.items.some((t) => t.name.toLowerCase() === spec.tableName!.toLowerCase());
  // Every sheet is a candidate when ours may have been renamed (or named in the other language). A sheet kept once per
  // workbook (an empty identity) is looked for only once its table exists, so a first pull costs no extra round trip.
  const anywhere = !!spec.identity && (Object.keys(spec.identity).length > 0 || tableExists);
  const names = [...new Set([...(anywhere ? sheets.items.map((s) => s.name) : []), ...candidateNames(spec.sheetName)])];
  const infos = names.map((n): SheetInfo => (existing.has(n.toLowerCase()) ? inspect(context, n, identity) : { name: n, exists: false }));
  let table: TableInfo | null = null;
  if (tableExists) {
    const t = context.workbook.tables.getItem(spec.tableName!);
    table = { range: t.getRange(), header: t.getHeaderRowRange() };
    table.range.load('address');
    table.header.load('values');
  }
  if (infos.some((i) => i.exists) || table) await sync();
  // The sheet holding our table first, when it is ours: a copy of our sheet (which carries its tags) may sit before it.
  const tableSheet = table ? sheetOf(table.range.address).toLowerCase() : null;
  const found =
    infos.find((i) => i.name.toLowerCase() === tableSheet && isOurs(i, spec)) ??
    infos.find((i) => isOurs(i, spec)) ??
    infos.find((i) => candidateNames(spec.sheetName).includes(i.name) && !i.exists);
  if (!found) throw new WorkbookError('NO_FREE_SHEET_NAME', { sheet: spec.sheetName }, `Sheets "${spec.sheetName}" to "${spec.sheetName} (9)" all hold other data; rename one and pull again`);
  const target = targetOf(found);
  if (table && sheetOf(table.range.address).toLowerCase() !== target.name.toLowerCase()) {
    const where = sheetOf(table.range.address);
    throw new WorkbookError('TABLE_NAME_TAKEN', { table: spec.tableName!, sheet: where }, `The table name ${spec.tableName} is taken by a table on ${where}; rename or remove that table, then pull again`);
  }
  return { target, table };
}

/**
 * On a refresh, our table must still sit where we left it: the same top-left
 * corner, the same rows, and our header row unchanged within our columns. It
 * may have grown to the right (Excel takes a note typed beside it into the
 * table): those cells are the user's and stay. Anything else means the
 * user's cells entered our block (rows inserted above or inside, a row typed
 * below, a column inserted inside), so we refuse rather than clear them.
 */
function checkTable(target: Target, previous: Block | null, table: TableInfo | null) {
  if (!table || !previous) return;
  const now = parseA1(table.range.address);
  const stored = target.header;
  const headerRow = (table.header.values[0] ?? []).slice(0, previous.columns);
  const same = now.row === previous.row && now.column === previous.column && now.rows === previous.rows && now.columns >= previous.columns && (stored === null || stored === headerPrint(headerRow));
  if (!same) {
    throw new WorkbookError('TABLE_CHANGED', { sheet: target.name, range: a1(now) }, `The Quotabook table on ${target.name} now covers ${a1(now)}, not the block it was written to; move what you added out of it, then pull again`);
  }
}

/**
 * A grid has no table to move with the rows, and its QuotabookRange tag stays
 * where it was written: rows inserted above or inside the block push our
 * header row or our last row out of it, and clearing the old block would then
 * clear the user's cells and leave a stale copy of a row below (which a
 * read-back takes for a row of ours). So before a refresh, our header row must
 * still sit where it was written (its fingerprint, when the sheet has one) and
 * the row right below the block must be empty within our columns (a row
 * pushed down, or something typed right below it); otherwise the user's
 * cells have entered our block and we refuse, changing nothing.
 * `header` and `below` are those rows' values now (null: nothing there).
 */
function checkGrid(target: Target, previous: Block, headerRow: number, header: readonly unknown[] | null, below: readonly unknown[] | null) {
  const moved = (row: number, column: number) => {
    const cell = `${columnLetters(previous.column + column)}${row + 1}`;
    return new WorkbookError('BLOCK_MOVED', { sheet: target.name, cell }, `Rows were inserted into or above the Quotabook block on ${target.name} (see ${cell}), or something was typed right below it; delete the inserted rows or move what you added, then pull again`);
  };
  if (target.header !== null) {
    const now = Array.from({ length: previous.columns }, (_, j) => header?.[j] ?? '');
    if (headerPrint(now) !== target.header) throw moved(headerRow, 0);
  }
  const j = (below ?? []).slice(0, previous.columns).findIndex((v) => v !== '' && v !== null && v !== undefined);
  if (j >= 0) throw moved(previous.row + previous.rows, j);
}

async function writeBlock(
  run: ExcelRun,
  spec: SheetBlockSpec & { tableName?: string },
  hooks: {
    first?: (sheet: Excel.Worksheet, target: Target) => void;
    last: (sheet: Excel.Worksheet, block: Block) => void;
    /** About how many actions `last` queues, so that the last block leaves room for them. */
    lastActions: number;
  },
  options: WriteOptions & { sheet?: SheetHandle },
): Promise<WriteReport> {
  const maxBlockBytes = options.maxBlockBytes ?? MAX_BLOCK_BYTES;
  const width = spec.columns.length;
  const formats = spec.columns.map((c) => c.numberFormat);
  for (const [i, row] of spec.rows.entries()) {
    if (row.length !== width) throw new Error(`Row ${i + 1} has ${row.length} cells; the table has ${width} columns`);
  }
  const handle = options.sheet;
  const sameIdentity = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
  if (handle && (handle.kind !== spec.kind || !sameIdentity(handle.identity, spec.identity ?? {}))) {
    throw new Error(`The sheet handle is for ${handle.kind} ${JSON.stringify(handle.identity)}, not ${spec.kind} ${JSON.stringify(spec.identity ?? {})}`);
  }

  return run(async (context) => {
    let syncs = 0;
    const sync = async () => {
      syncs += 1;
      await context.sync();
    };

    // 1. Where does it go, and where was our previous block? A read just before told us (no round trip), or we look.
    const { target, table } = handle ? { target: targetFromHandle(handle), table: null } : await chooseSheet(context, spec, sync);
    const isNew = !target.exists;
    const previous = target.previous;
    const top = spec.banner === undefined ? 0 : 1; // the header's row
    const next: Block = { row: 0, column: 0, rows: spec.rows.length + 1 + top, columns: width };
    if (!isNew) checkTable(target, previous && { ...previous, row: previous.row + top, rows: previous.rows - top }, table);
    // A grid (no table of ours): its header row and the row below its block, as a read just found them, or loaded with the probes below.
    const gridEdges = !isNew && !spec.tableName && previous ? { header: previous.row + top, below: previous.row + previous.rows } : null;
    if (gridEdges && target.values) {
      const rowAt = (r: number) => (target.values![r] ?? []).slice(previous!.column, previous!.column + previous!.columns);
      checkGrid(target, previous!, gridEdges.header, rowAt(gridEdges.header), rowAt(gridEdges.below));
    }

    // 2. On refresh, make sure the new block covers nothing of the user's: the cells it adds beyond the old
    //    block, within the used range as inspected, or (from a handle, which may be older than the user's
    //    last keystroke) each such part's own used range, loaded now with its values.
    if (!isNew && target.used !== null) {
      const sheet = context.workbook.worksheets.getItem(target.name);
      // A grid inspected here (not from a handle): its header row and the row below its block, loaded only when the
      // used range no longer ends where the block does (rows inserted or deleted above or inside it move that end).
      const usedEnd = target.used ? target.used.row + target.used.rows : 0;
      const edges =
        gridEdges && target.used && usedEnd !== gridEdges.below
          ? {
              header: sheet.getRangeByIndexes(gridEdges.header, previous!.column, 1, previous!.columns),
              below: usedEnd > gridEdges.below ? sheet.getRangeByIndexes(gridEdges.below, previous!.column, 1, previous!.columns) : null,
            }
          : null;
      edges?.header.load('values');
      edges?.below?.load('values');
      const parts = outside(next, previous);
      const probes = (target.used === undefined ? parts : parts.map((part) => intersect(part, target.used!)).filter((b): b is Block => b !== null)).map((b) => {
        const whole = sheet.getRangeByIndexes(b.row, b.column, b.rows, b.columns);
        // A null object may be loaded before its nullness is known (the documented *OrNullObject pattern).
        const range = target.used === undefined ? whole.getUsedRangeOrNullObject(true) : whole;
        range.load(target.used === undefined ? ['address', 'values'] : ['values']);
        return { block: b, range };
      });
      if (probes.length || edges) {
        try {
          await sync();
        } catch (error) {
          if (handle && STALE.has(errorCode(error) ?? '')) throw new StaleHandle();
          throw error;
        }
        if (edges) checkGrid(target, previous!, gridEdges!.header, edges.header.values[0]!, edges.below?.values[0] ?? null);
        for (const { block, range } of probes) {
          if (range.isNullObject) continue;
          const at = target.used === undefined ? parseA1(range.address) : block;
          for (const [i, row] of range.values.entries()) {
            const j = row.findIndex((v) => v !== '' && v !== null);
            if (j >= 0) throw new WorkbookConflictError(target.name, `${columnLetters(at.column + j)}${at.row + i + 1}`);
          }
        }
      }
    }

    // 3. Write: the old block's removal, the header and the tags ride with
    //    the first batch (a refusal later leaves the sheet findable);
    //    widths, then decorations, with the last, protection at its very end.
    //    The rows' budget leaves room for both batches' actions and strings,
    //    whichever block they join.
    const tags = Object.entries({ ...spec.properties, ...spec.identity }).flat();
    const reserve = overheadBytes(24 + 3 * width + tags.length + hooks.lastActions, [spec.banner ?? '', ...spec.columns.map((c) => c.header), ...tags]);
    let budget = Math.max(Math.floor(maxBlockBytes / 4), maxBlockBytes - reserve);
    const bytesOf = (start: number, end: number) => spec.rows.slice(start, end).reduce((n, r) => n + rowBytes(r), 0);
    const plan = (from: number) => planChunks(spec.rows.slice(from), budget).map(([start, end]) => ({ start: from + start, end: from + end }));
    const queue = plan(0);
    if (queue.length === 0) queue.push({ start: 0, end: 0 });
    let largestBlockBytes = 0;
    let largestPassed = 0;
    let written = 0;
    let first = true;
    let created = !isNew;
    while (queue.length) {
      const { start, end } = queue[0]!;
      const last = queue.length === 1;
      const sheet = created ? context.workbook.worksheets.getItem(target.name) : context.workbook.worksheets.add(target.name);
      context.workbook.application.suspendApiCalculationUntilNextSync();
      if (first) {
        hooks.first?.(sheet, target);
        // Our old table becomes a plain range: its cells, and any the user typed into it, stay; then exactly our old block is cleared.
        if (table) context.workbook.tables.getItem(spec.tableName!).convertToRange();
        if (previous) {
          const old = sheet.getRangeByIndexes(previous.row, previous.column, previous.rows, previous.columns);
          // Our conditional formats go with our block (whether clear() takes them is not documented).
          old.conditionalFormats.clearAll();
          old.clear('All');
          // Columns hidden for the old layout (an id column) may now hold visible data.
          old.columnHidden = false;
        }
        if (spec.banner !== undefined) {
          const banner = sheet.getRangeByIndexes(0, 0, 1, 1);
          banner.numberFormat = [['@']];
          banner.values = [[cellValue(spec.banner)]];
          banner.format.font.bold = true;
        }
        const header = sheet.getRangeByIndexes(top, 0, 1, width);
        header.numberFormat = [spec.columns.map(() => '@')];
        header.values = [spec.columns.map((c) => cellValue(c.header))];
        if (spec.wrapHeader) header.format.wrapText = true;
        sheet.customProperties.add(PROP.kind, spec.kind);
        sheet.customProperties.add(PROP.range, a1(next));
        sheet.customProperties.add(PROP.header, headerPrint(spec.columns.map((c) => c.header)));
        for (const [k, v] of Object.entries({ ...spec.properties, ...spec.identity })) sheet.customProperties.add(propName(k), v);
        // Number formats once for each run of like columns, over all the rows, before any value (a text
        // column keeps "0012" as text): Excel takes a single value for a whole range.
        if (spec.rows.length) {
          for (const [column, columns, format] of formatRuns(formats)) {
            sheet.getRangeByIndexes(top + 1, column, spec.rows.length, columns).numberFormat = format as unknown as string[][];
          }
        }
      }
      if (end > start) {
        const block = sheet.getRangeByIndexes(top + 1 + start, 0, end - start, width);
        block.values = spec.rows.slice(start, end).map((row) => row.map(cellValue));
      }
      if (last) {
        // Widths before anything hides a column, and everything before the hook protects the sheet.
        spec.columns.forEach((c, j) => (sheet.getRangeByIndexes(top, j, 1, 1).format.columnWidth = c.width));
        // Wrapped headers: the row grows to show every line (Excel does not on its own for text set by the API).
        if (spec.wrapHeader) sheet.getRangeByIndexes(top, 0, 1, width).format.autofitRows();
        const freeze = { rows: top + 1 + (spec.freeze?.rows ?? 0), columns: spec.freeze?.columns ?? 0 };
        if (freeze.columns > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, freeze.rows, freeze.columns));
        else sheet.freezePanes.freezeRows(freeze.rows);
        hooks.last(sheet, { ...next, row: top, rows: next.rows - top });
        sheet.activate();
      }
      const size = bytesOf(start, end);
      try {
        await sync();
      } catch (error) {
        // The sheet a read handed over was renamed or removed since, or (un)protected by the user: the first
        // action on the sheet failed, so nothing of ours was applied; look at the sheet again.
        if (handle && first && STALE.has(errorCode(error) ?? '')) throw new StaleHandle();
        if (!(maybeTooLarge(error, size, largestPassed) && end - start > 1)) throw error;
        // Too large for one request: halve it, and plan the rest at that size so no size is refused twice.
        // A size error applies nothing; a GeneralException may have come after the new sheet was added, so look.
        if (!created && errorCode(error) === GENERAL_EXCEPTION) created = await sheetExists(context, target.name, sync);
        budget = Math.min(budget, Math.floor(size / 2));
        const replanned = plan(start);
        if (replanned[0]!.end - start >= end - start) replanned.splice(0, 1, { start, end: start + Math.floor((end - start) / 2) }, { start: start + Math.floor((end - start) / 2), end: replanned[0]!.end });
        queue.splice(0, queue.length, ...replanned);
        continue;
      }
      queue.shift();
      first = false;
      created = true;
      written += 1;
      largestPassed = Math.max(largestPassed, size);
      largestBlockBytes = Math.max(largestBlockBytes, size);
      options.onProgress?.({ rowsWritten: end, totalRows: spec.rows.length });
    }
    return { sheetName: target.name, rows: spec.rows.length, syncs, blocks: written, largestBlockBytes, replacedPrevious: !isNew };
  });
}

/** The sheet a `SheetHandle` names is no longer as the read found it (renamed, removed, protection changed). */
class StaleHandle extends Error {}
const STALE = new Set(['ItemNotFound', 'AccessDenied']);

/** Whether a sheet of this name is in the workbook now (one sync). */
async function sheetExists(context: Excel.RequestContext, name: string, sync: Sync): Promise<boolean> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  sheet.load('isNullObject');
  await sync();
  return !sheet.isNullObject;
}

/** Writes rows as a formatted Excel table (header, formats, widths, frozen header). */
export function writeSheetTable(run: ExcelRun, spec: SheetTableSpec, options: WriteOptions = {}) {
  return writeBlock(
    run,
    spec,
    {
      last: (sheet, block) => {
        // By a Range of this sheet: an address without a sheet name may be taken on the active sheet.
        const table = sheet.tables.add(sheet.getRangeByIndexes(block.row, block.column, block.rows, block.columns), true);
        table.name = spec.tableName;
        table.style = 'TableStyleMedium2';
        if (block.rows > 1) for (const f of spec.conditionalFormats ?? []) addColumnFormat(sheet.getRangeByIndexes(block.row + 1, block.column + f.column, block.rows - 1, 1), f);
      },
      lastActions: 4 + 5 * (spec.conditionalFormats?.length ?? 0),
    },
    options,
  );
}

/** One conditional format on a column's cells (they were cleared with the old block). */
function addColumnFormat(range: Excel.Range, f: ColumnFormat) {
  if (f.kind === 'dataBar') {
    const bar = range.conditionalFormats.add('DataBar' as Excel.ConditionalFormatType);
    bar.dataBar.barDirection = 'LeftToRight' as Excel.ConditionalDataBarDirection;
    bar.dataBar.positiveFormat.fillColor = f.color;
    return;
  }
  const cf = range.conditionalFormats.add('CellValue' as Excel.ConditionalFormatType);
  const value = typeof f.value === 'number' ? String(f.value) : `"${f.value.replace(/"/g, '""')}"`;
  cf.cellValue.rule = { formula1: value, operator: f.operator as Excel.ConditionalCellValueOperator };
  cf.cellValue.format.fill.color = f.fill;
  if (f.fontColor) cf.cellValue.format.font.color = f.fontColor;
}

/**
 * Writes an input grid: input cells filled, unlocked and validated; the rest
 * protected. With `sheet` (what `readTaggedSheet` just found, e.g. to compare
 * before a refresh), the sheet is not looked for again; if it was renamed,
 * removed or (un)protected since, the first batch fails before changing
 * anything, and it is.
 */
export async function writeGridSheet(run: ExcelRun, spec: GridSheetSpec, options: WriteOptions & { sheet?: SheetHandle | null } = {}): Promise<WriteReport> {
  const { sheet, ...rest } = options;
  if (!sheet) return writeGrid(run, spec, rest);
  try {
    return await writeGrid(run, spec, { ...rest, sheet });
  } catch (error) {
    if (!(error instanceof StaleHandle)) throw error;
    return writeGrid(run, spec, rest);
  }
}

async function writeGrid(run: ExcelRun, spec: GridSheetSpec, options: WriteOptions & { sheet?: SheetHandle }) {
  const highlights = rectangles(spec.highlight ?? []);
  // Drop-down lists too long for a literal source (or holding a comma) are kept as cells and referenced.
  const listSources = await storedLists(
    run,
    (spec.extraInputs ?? []).flatMap(({ rule }) => (rule?.kind === 'list' && !literalListFits(rule.values) ? [rule.values] : [])),
  );
  return writeBlock(
    run,
    spec,
    {
      // Only a protected sheet is unprotected (unprotecting an unprotected one has been refused, office-js#6784).
      first: (sheet, target) => {
        if (target.exists && target.protected) sheet.protection.unprotect();
      },
      last: (sheet, block) => {
        const header = sheet.getRangeByIndexes(block.row, 0, 1, spec.columns.length);
        header.format.font.bold = true;
        header.format.fill.color = '#DCE6F1';
        for (const r of spec.totalRows) {
          const row = sheet.getRangeByIndexes(r, 0, 1, spec.columns.length);
          row.format.font.bold = true;
          row.format.fill.color = '#F2F2F2';
        }
        if (spec.input.rows > 0 && spec.input.columns > 0) {
          const input = sheet.getRangeByIndexes(spec.input.row, spec.input.column, spec.input.rows, spec.input.columns);
          input.format.fill.color = '#FFF8DC';
          input.format.protection.locked = false;
          input.dataValidation.clear();
          const rule = { formula1: 0, operator: 'GreaterThanOrEqualTo' as Excel.DataValidationOperator };
          input.dataValidation.rule = spec.inputRule.kind === 'whole' ? { wholeNumber: rule } : { decimal: rule };
          input.dataValidation.errorAlert = { message: spec.inputRule.message, showAlert: true, style: 'Stop', title: 'Quotabook' };
        }
        for (const { block: b, rule } of spec.extraInputs ?? []) {
          const input = sheet.getRangeByIndexes(b.row, b.column, b.rows, b.columns);
          input.format.fill.color = '#FFF8DC';
          input.format.protection.locked = false;
          input.dataValidation.clear();
          if (rule) {
            input.dataValidation.rule =
              rule.kind === 'whole'
                ? { wholeNumber: { formula1: rule.min, formula2: rule.max, operator: 'Between' as Excel.DataValidationOperator } }
                : rule.kind === 'list'
                  ? { list: { inCellDropDown: true, source: listSources.get(listKey(rule.values)) ?? rule.values.join(',') } }
                  : { decimal: { formula1: rule.min, operator: 'GreaterThanOrEqualTo' as Excel.DataValidationOperator } };
            const style = rule.kind === 'list' && rule.open ? 'Information' : 'Stop';
            input.dataValidation.errorAlert = { message: rule.message, showAlert: true, style, title: 'Quotabook' };
          }
        }
        // The caller set the widths already: a width set after hiding may show the column again.
        for (const c of spec.hiddenColumns) sheet.getRangeByIndexes(block.row, c, spec.rows.length + 1, 1).columnHidden = true;
        if (spec.readOnly && spec.rows.length) sheet.getRangeByIndexes(block.row + 1, 0, spec.rows.length, spec.columns.length).format.fill.color = '#EDEDED';
        // What changed since the last refresh, as few rectangles as cover it (a whole column changed is one action, not one a cell).
        for (const b of highlights) sheet.getRangeByIndexes(b.row, b.column, b.rows, b.columns).format.fill.color = '#FFEB9C';
        for (const b of spec.alertUnlessZero ?? []) {
          const range = sheet.getRangeByIndexes(b.row, b.column, b.rows, b.columns);
          range.conditionalFormats.clearAll();
          const alert = range.conditionalFormats.add('CellValue' as Excel.ConditionalFormatType);
          alert.cellValue.format.fill.color = '#FFC7CE';
          alert.cellValue.format.font.color = '#9C0006';
          alert.cellValue.rule = { formula1: '0', operator: 'NotEqualTo' as Excel.ConditionalCellValueOperator };
        }
        // Last of all: a protected sheet refuses formats, widths, freezing and tags.
        if (spec.protect) sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true });
      },
      lastActions: 16 + 6 * (spec.extraInputs?.length ?? 0) + 4 * spec.totalRows.length + spec.hiddenColumns.length + highlights.length * 2 + (spec.alertUnlessZero?.length ?? 0) * 6,
    },
    options,
  );
}

/** Adds rows to a list one by one: spreading a block of 100,000 rows into push() overflows the call stack. */
function append<T>(to: T[], rows: readonly T[]): void {
  for (const r of rows) to.push(r);
}

/** Cells read per sync when only values are loaded (a block of empty cells is about 3 bytes a cell in the response). */
const TAGGED_READ_CELLS = 100_000;
/**
 * What a block read after the first aims at in the response: nearer Excel's
 * 5 MB than a write's 4 MB, because it is sized from bytes measured in the
 * answers so far (UTF-8, as sent), not estimated; the rest of the sheet is
 * then split evenly, so no block is fuller than it must be. A block that
 * still comes back too large is read again in halves.
 */
export const READ_BLOCK_BYTES = 4.5 * 1024 * 1024;

/**
 * Reads rows [0, rows) × columns [0, columns) of a sheet in blocks of whole
 * rows of at most `maxCells` cells, one sync each; with `grow`, only the
 * first is that size and the rest are split evenly into the fewest blocks
 * of at most READ_BLOCK_BYTES by what the rows so far weighed (under
 * Excel's 5 MB response limit: a big sheet in the fewest round trips,
 * issue 12 §4). A block whose
 * response is too large (or that fails with GeneralException while larger
 * than any that went through) is read again in halves, and never that large again.
 */
async function readRows(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rows: number,
  columns: number,
  withFormats: boolean,
  maxCells: number,
  onProgress?: (rowsRead: number) => void,
  grow = false,
): Promise<{ values: unknown[][]; numberFormats: string[][] }> {
  const out = { values: [] as unknown[][], numberFormats: [] as string[][] };
  let perBlock = Math.max(1, Math.floor(maxCells / columns));
  let largestPassed = 0;
  let refusedAt = Infinity; // the fewest rows a block was refused at: never tried again
  let rowsRead = 0;
  let bytesRead = 0;
  for (let start = 0; start < rows; ) {
    const count = Math.min(perBlock, rows - start);
    const range = sheet.getRangeByIndexes(start, 0, count, columns);
    range.load(withFormats ? ['values', 'numberFormat'] : ['values']);
    try {
      await context.sync();
    } catch (error) {
      if (!(maybeTooLarge(error, count, largestPassed) && count > 1)) throw error;
      refusedAt = Math.min(refusedAt, count);
      perBlock = Math.floor(count / 2);
      continue;
    }
    largestPassed = Math.max(largestPassed, count);
    append(out.values, range.values);
    if (withFormats) append(out.numberFormats, range.numberFormat as string[][]);
    // What a row weighs in the answer (its values, and formats, as JSON in UTF-8, as Excel sends it), so the next blocks are at most READ_BLOCK_BYTES.
    rowsRead += count;
    bytesRead += jsonBytes(range.values) + (withFormats ? jsonBytes(range.numberFormat) : 0);
    start += count;
    if (grow && start < rows) {
      const perRow = Math.max(1, bytesRead / rowsRead);
      const left = rows - start;
      const blocks = Math.ceil((left * perRow) / READ_BLOCK_BYTES);
      perBlock = Math.max(1, Math.min(Math.ceil(left / blocks), Math.floor(READ_BLOCK_BYTES / perRow), perBlock * 8, refusedAt - 1));
    }
    onProgress?.(start);
  }
  return out;
}

export interface SheetRead {
  sheetName: string;
  /** The sheet's Quotabook tags, by key (without the prefix). */
  properties: Record<string, string>;
  /** All values of the used range from A1, as Excel returns them. */
  values: unknown[][];
  /** What the read learned about the sheet, for a write that follows at once (`writeGridSheet`'s `sheet`). Only from `readTaggedSheet`. */
  sheet?: SheetHandle;
}

/**
 * Finds the sheet Quotabook wrote for an identity (even if renamed) and reads
 * what it holds now. Null when no such sheet is in the workbook.
 *
 * The sheet the user is on is inspected with the first sync, alongside the
 * list of sheets: it is most often the one refreshed (a write leaves its
 * sheet active), and then one sync finds it; otherwise a second inspects the
 * others. The rows follow in blocks of about 4.5 MB (see `readRows`).
 */
export async function readTaggedSheet(run: ExcelRun, kind: string, identity: Record<string, string>, tagKeys: string[] = []): Promise<SheetRead | null> {
  return run(async (context) => {
    const spec = { sheetName: '', kind, identity, columns: [], rows: [], properties: {} } as SheetBlockSpec;
    const tagsOf = (info: SheetInfo) => {
      const tags = tagKeys.map((k) => [k, info.sheet!.customProperties.getItemOrNullObject(propName(k))] as const);
      for (const [, p] of tags) p.load('value');
      return tags;
    };
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    // The active sheet always exists (never a null object), so it may be inspected before the list comes back.
    const activeSheet = sheets.getActiveWorksheet();
    activeSheet.load('name');
    const active = inspect(context, '', identity, activeSheet);
    const activeTags = tagsOf(active);
    await context.sync();
    active.name = activeSheet.name;
    let found: { info: SheetInfo; tags: ReturnType<typeof tagsOf> } | undefined = isOurs(active, spec) ? { info: active, tags: activeTags } : undefined;
    if (!found) {
      const others = sheets.items.filter((s) => s.name !== active.name).map((s) => inspect(context, s.name, identity));
      const tags = others.map(tagsOf);
      if (others.length) await context.sync();
      const at = others.findIndex((i) => isOurs(i, spec));
      if (at >= 0) found = { info: others[at]!, tags: tags[at]! };
    }
    if (!found) return null;
    const { info } = found;
    const target = targetOf(info);
    const values: unknown[][] = [];
    if (target.used) {
      const used = target.used;
      append(values, (await readRows(context, info.sheet!, used.row + used.rows, used.column + used.columns, false, TAGGED_READ_CELLS, undefined, true)).values);
    }
    const properties: Record<string, string> = { ...identity };
    for (const [k, p] of found.tags) if (!p.isNullObject) properties[k] = p.value;
    const block = info.range!.isNullObject ? null : info.range!.value;
    return { sheetName: info.name, properties, values, sheet: { name: info.name, kind, identity, block: block || null, header: target.header, protected: target.protected, values } };
  });
}

/**
 * Reads a sheet by its name: the values of its used range from A1, as
 * Excel returns them. Null when the workbook has no sheet of that name.
 * The sheet's existence is synced before anything is called on it.
 */
export async function readSheetByName(run: ExcelRun, sheetName: string): Promise<SheetRead | null> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
    sheet.load(['isNullObject', 'name']);
    await context.sync();
    if (sheet.isNullObject) return null;
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('address');
    await context.sync();
    const values: unknown[][] = [];
    if (!used.isNullObject) {
      const b = parseA1(used.address);
      append(values, (await readRows(context, sheet, b.row + b.rows, b.column + b.columns, false, TAGGED_READ_CELLS, undefined, true)).values);
    }
    return { sheetName: sheet.name, properties: {}, values };
  });
}

/**
 * Makes a sheet that Quotabook did not write (e.g. the plan sheet of a
 * template made on the server) one of its own: tagged with its kind,
 * identity, block and header, as `writeGridSheet` would have tagged it, so
 * that reads find it and refreshes replace exactly that block. A protected
 * sheet is unprotected for the tags and protected again in the same batch.
 */
export async function adoptSheet(run: ExcelRun, sheetName: string, spec: { kind: string; identity: Record<string, string>; properties: Record<string, string>; block: Block; header: string[] }): Promise<void> {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const protection = sheet.protection;
    protection.load('protected');
    await context.sync();
    const wasProtected = protection.protected;
    if (wasProtected) protection.unprotect();
    sheet.customProperties.add(PROP.kind, spec.kind);
    sheet.customProperties.add(PROP.range, a1(spec.block));
    sheet.customProperties.add(PROP.header, headerPrint(spec.header));
    for (const [k, v] of Object.entries({ ...spec.properties, ...spec.identity })) sheet.customProperties.add(propName(k), v);
    if (wasProtected) protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true });
    await context.sync();
  });
}

/**
 * The workbook's custom document properties asked for (Workbook.properties.custom,
 * ExcelApi 1.7; what a file carries in docProps/custom.xml), as text; those
 * the workbook lacks are left out. One sync.
 */
export async function readDocumentProperties(run: ExcelRun, keys: string[]): Promise<Record<string, string>> {
  return run(async (context) => {
    const items = keys.map((k) => [k, context.workbook.properties.custom.getItemOrNullObject(k)] as const);
    for (const [, p] of items) p.load('value');
    await context.sync();
    return Object.fromEntries(items.filter(([, p]) => !p.isNullObject).map(([k, p]) => [k, String(p.value)]));
  });
}

/** Sets custom document properties (each created, or replaced when the workbook has it). One sync. */
export async function writeDocumentProperties(run: ExcelRun, properties: Record<string, string>): Promise<void> {
  await run(async (context) => {
    for (const [k, v] of Object.entries(properties)) context.workbook.properties.custom.add(k, v);
    await context.sync();
  });
}

/** Shows a cell: activates its sheet and selects it. */
export async function selectCell(run: ExcelRun, sheetName: string, address: string): Promise<void> {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(address).select();
    await context.sync();
  });
}

/** The very hidden sheet where Quotabook keeps what it needs to remember in the workbook (e.g. what a pull wrote). */
export const STORE_SHEET = 'QuotabookStore';
/** Excel holds at most 32,767 characters in a cell. */
const STORE_CHUNK = 30_000;

/**
 * The store's keys (column A, from row 1), or null when there is no store
 * sheet. The sheet's existence is synced before anything is called on it.
 */
async function storeKeys(context: Excel.RequestContext): Promise<{ sheet: Excel.Worksheet; keys: unknown[] } | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
  sheet.load('isNullObject');
  await context.sync();
  if (sheet.isNullObject) return null;
  // The used part of column A: the keys, read in the same sync that finds them.
  const used = sheet.getRangeByIndexes(0, 0, 1_048_576, 1).getUsedRangeOrNullObject(true);
  used.load(['address', 'values']);
  await context.sync();
  if (used.isNullObject) return { sheet, keys: [] };
  const b = parseA1(used.address);
  return { sheet, keys: [...Array.from({ length: b.row }, () => ''), ...used.values.map((r) => r[0])] };
}

/** Adds the very hidden store sheet (in the batch being queued). */
function addStore(context: Excel.RequestContext): Excel.Worksheet {
  const sheet = context.workbook.worksheets.add(STORE_SHEET);
  sheet.visibility = 'VeryHidden' as Excel.SheetVisibility;
  return sheet;
}

/** Excel takes a list validation's source as literal text ("a,b,c") up to 255 characters; a comma inside a value would split it. */
const LIST_SOURCE_MAX = 255;
const literalListFits = (values: readonly string[]) => values.join(',').length <= LIST_SOURCE_MAX && !values.some((v) => v.includes(','));
const listKey = (values: readonly string[]) => `list:${headerPrint(values)}`;

/**
 * Keeps lists that do not fit a literal validation source as rows of the
 * store sheet (key, then one value a cell), and gives each one's source as a
 * reference ("=QuotabookStore!$B$4:$J$4": Excel takes one row or column of
 * a sheet), by `listKey`. A list the store already holds is not written
 * again. No round trip when there is no such list; else two or three syncs.
 */
async function storedLists(run: ExcelRun, lists: string[][]): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  if (!lists.length) return sources;
  return run(async (context) => {
    const store = await storeKeys(context);
    const keys = [...(store?.keys ?? [])];
    const sheet = store?.sheet ?? addStore(context);
    for (const values of lists) {
      const key = listKey(values);
      let at = keys.indexOf(key);
      if (at < 0) {
        at = keys.length;
        keys.push(key);
        sheet.getRangeByIndexes(at, 0, 1, 16_384).clear('Contents' as Excel.ClearApplyTo);
        const row = sheet.getRangeByIndexes(at, 0, 1, values.length + 1);
        row.numberFormat = [[key, ...values].map(() => '@')];
        row.values = [[key, ...values].map(cellValue)];
      }
      sources.set(key, `=${STORE_SHEET}!$B$${at + 1}:$${columnLetters(values.length)}$${at + 1}`);
    }
    await context.sync();
    return sources;
  });
}

/**
 * Store cells read per sync: a 30,000-character cell weighs at most about six
 * bytes a character in the response (JSON escapes), so this many stay under
 * READ_BLOCK_BYTES whatever the text.
 */
const STORE_READ_CELLS = Math.floor(READ_BLOCK_BYTES / (STORE_CHUNK * 6));

/**
 * Keeps a text in the workbook under a key: a row of the very hidden store
 * sheet (key, then the text in chunks), replacing what the key held. The
 * chunks go in as many requests as keep each under the request budget
 * (MAX_BLOCK_BYTES, measured: a big plan's record is several MB); the row is
 * cleared with the first and the key written with the last, so a write that
 * fails midway leaves no record for the key (the caller's fallback) rather
 * than half of one. Two syncs for a small text in a new store, three in an
 * existing one; one more for each further request.
 */
export async function writeStoredText(run: ExcelRun, key: string, text: string, options: Pick<WriteOptions, 'maxBlockBytes'> = {}): Promise<void> {
  await run(async (context) => {
    const store = await storeKeys(context);
    const keys = store?.keys ?? [];
    const found = keys.indexOf(key);
    const at = found >= 0 ? found : keys.length;
    const chunks = Array.from({ length: Math.max(1, Math.ceil(text.length / STORE_CHUNK)) }, (_, i) => cellValue(text.slice(i * STORE_CHUNK, (i + 1) * STORE_CHUNK)));
    // What each cell adds to a request: its value as JSON, its "@" format, its share of Office.js's 1,500-cell chunks.
    const bytes = chunks.map((c) => jsonBytes(c) + 6 + Math.ceil(OFFICE_CHUNK_BYTES / OFFICE_CHUNK_CELLS));
    const budget = Math.max(STORE_CHUNK * 8, (options.maxBlockBytes ?? MAX_BLOCK_BYTES) - overheadBytes(8, [key, STORE_SHEET]));
    let created = !!store;
    for (let from = 0; from < chunks.length; ) {
      let to = from + 1;
      let size = bytes[from]!;
      while (to < chunks.length && size + bytes[to]! <= budget) size += bytes[to++]!;
      const first = from === 0;
      const last = to === chunks.length;
      const sheet = created ? context.workbook.worksheets.getItem(STORE_SHEET) : addStore(context);
      if (first) sheet.getRangeByIndexes(at, 0, 1, 16_384).clear('Contents' as Excel.ClearApplyTo);
      const cells = sheet.getRangeByIndexes(at, 1 + from, 1, to - from);
      cells.numberFormat = [chunks.slice(from, to).map(() => '@')];
      cells.values = [chunks.slice(from, to)];
      if (last) {
        const keyCell = sheet.getRangeByIndexes(at, 0, 1, 1);
        keyCell.numberFormat = [['@']];
        keyCell.values = [[cellValue(key)]];
      }
      await context.sync();
      created = true;
      from = to;
    }
  });
}

/**
 * The text kept under a key, or null. Its row's extent comes with the first
 * cells; the rest follow in blocks that keep each response under
 * READ_BLOCK_BYTES.
 */
export async function readStoredText(run: ExcelRun, key: string): Promise<string | null> {
  return run(async (context) => {
    const store = await storeKeys(context);
    const at = store ? store.keys.indexOf(key) : -1;
    if (!store || at < 0) return null;
    const used = store.sheet.getRangeByIndexes(at, 0, 1, 16_384).getUsedRangeOrNullObject(true);
    used.load('address');
    const head = store.sheet.getRangeByIndexes(at, 1, 1, STORE_READ_CELLS);
    head.load('values');
    await context.sync();
    if (used.isNullObject) return '';
    const row = parseA1(used.address);
    const end = row.column + row.columns; // one past the last used column
    const cells: unknown[] = head.values[0]!.slice(0, Math.max(0, end - 1));
    for (let from = 1 + STORE_READ_CELLS; from < end; from += STORE_READ_CELLS) {
      const block = store.sheet.getRangeByIndexes(at, from, 1, Math.min(STORE_READ_CELLS, end - from));
      block.load('values');
      await context.sync();
      append(cells, block.values[0]!);
    }
    return cells.map((v) => String(v ?? '')).join('');
  });
}

export interface ActiveSheetRead {
  sheetName: string;
  /** The values from A1 to the last cell of the used range, as Excel returns them ("" when empty). */
  values: unknown[][];
  /** Each cell's number format, the same shape: what tells a date from a number. */
  numberFormats: string[][];
}

/** The active sheet holds more rows than may be read at once. */
export class SheetTooLargeError extends Error {
  constructor(
    readonly sheetName: string,
    readonly rows: number,
    readonly max: number,
  ) {
    super(`${sheetName} has ${rows} rows; at most ${max} can be read at once`);
    this.name = 'SheetTooLargeError';
  }
}

/**
 * Reads the sheet the user is on, from A1 to the end of its used range, in
 * blocks of whole rows of at most `maxCells` cells, one `context.sync` per
 * block (so a response stays well under Excel's 5 MB; a block is read again
 * in halves when its response is too large), reporting progress.
 * Writes nothing.
 */
export async function readActiveSheet(
  run: ExcelRun,
  options: { maxCells?: number; maxRows?: number; onProgress?: (p: { rowsRead: number; totalRows: number }) => void } = {},
): Promise<ActiveSheetRead> {
  const maxCells = options.maxCells ?? 40_000;
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load('name');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('address');
    await context.sync();
    const read: ActiveSheetRead = { sheetName: sheet.name, values: [], numberFormats: [] };
    if (used.isNullObject) return read;
    const extent = parseA1(used.address);
    const rows = extent.row + extent.rows;
    const columns = extent.column + extent.columns;
    if (options.maxRows !== undefined && rows > options.maxRows) throw new SheetTooLargeError(sheet.name, rows, options.maxRows);
    const got = await readRows(context, sheet, rows, columns, true, maxCells, (rowsRead) => options.onProgress?.({ rowsRead, totalRows: rows }));
    append(read.values, got.values);
    append(read.numberFormats, got.numberFormats);
    return read;
  });
}

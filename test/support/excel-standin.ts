/**
 * A stand-in for the part of the Excel JavaScript API that Quotabook uses,
 * with Excel's semantics where they matter to an add-in:
 *
 * - proxies queue their writes and loads; nothing happens until `sync()`;
 * - reading a property that was not loaded (and synced) throws PropertyNotLoaded;
 * - `getItemOrNullObject` gives a proxy whose `isNullObject` is known after sync;
 * - a request over 5 MB (serialised, counting each action's and each
 *   1,500-cell array chunk's own objects) fails whole with
 *   RequestPayloadSizeLimitExceeded, a response over 5 MB with
 *   ResponsePayloadSizeLimitExceeded, except that a share of them (see
 *   `oversizedAsGeneralException`) fail with GeneralException instead, as
 *   Excel on the web has been seen to do; a get of more than five million
 *   cells gives null values;
 * - values/numberFormat must match the range's shape, else InvalidArgument;
 *   a single number format (not an array) applies to every cell of the range;
 * - `null` leaves a cell unchanged, `""` clears it, a string starting with
 *   "=", "+", "-" (or "@", unconfirmed) becomes a formula whatever the cell's
 *   number format, a leading apostrophe makes the rest literal text (read
 *   back without it), and numeric strings in non-text cells become numbers;
 * - formulas are computed (excel-formulas.ts: numbers, references, + and -,
 *   SUM); one the stand-in cannot compute is refused at sync;
 * - charts, conditional formats and requirement sets: excel-standin-charts.ts;
 * - ranges outside the sheet's 1,048,576 × 16,384 grid are InvalidArgument.
 *
 * Part A of issue 9 (see excel-standin.md for each behaviour's reference):
 * deleting a table clears its cells, typing beside a table grows it, a
 * protected sheet refuses everything but selection on locked cells, tables
 * added by an unqualified address land on the active sheet, a width un-hides
 * a hidden column, methods on a null object before its nullness is known
 * fail, and a sync with nothing queued costs no round trip.
 *
 * Part 3 (excel-standin.md): the workbook's custom document properties
 * (`workbook.properties.custom`, ExcelApi 1.7), and `load(file)`, which
 * opens a workbook file (an .xlsx read in Node by xlsx-standin.ts) as the
 * open workbook; `rename` renames a sheet as a user would.
 *
 * It counts syncs and measures each request, so tests and benchmarks can pin
 * round trips and payload sizes. It is bundled and injected into the browser
 * page for the end-to-end tests, so it imports only pure helpers.
 */
import { columnLetters, parseA1, type Block } from '../../addin/src/excel/chunks.ts';
import { parseFormula, SheetEvaluator, UnsupportedFormula } from './excel-formulas.ts';
import { conditionalFormatsOf, StandInChartCollection, versionAtLeast, type ChartHost, type ChartState, type ConditionalFormatState } from './excel-standin-charts.ts';

export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
/**
 * What each queued action adds to a request besides its arguments: the action
 * and the object path it acts on, as Office.js serialises them (an estimate,
 * on the high side on purpose).
 */
export const ACTION_OVERHEAD_BYTES = 256;
/** Office.js sends a values/numberFormat/formulas array of more than this many cells in chunks … */
export const ARRAY_CHUNK_CELLS = 1500;
/** … each chunk with its own range object and action (an estimate, on the high side on purpose). */
export const ARRAY_CHUNK_OVERHEAD_BYTES = 512;
/** Excel returns values of at most five million cells at once (beyond, values may come back null). */
export const MAX_GET_CELLS = 5_000_000;

/** Extra request bytes for an array written to a range: one set of objects per 1,500-cell chunk. */
export const arrayChunkBytes = (grid: unknown) => {
  const cells = Array.isArray(grid) ? grid.reduce((n: number, row) => n + (Array.isArray(row) ? row.length : 1), 0) : 1;
  return cells > ARRAY_CHUNK_CELLS ? Math.ceil(cells / ARRAY_CHUNK_CELLS) * ARRAY_CHUNK_OVERHEAD_BYTES : 0;
};
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export type CellValue = string | number | boolean;

interface Cell {
  value: CellValue | '';
  formula?: string;
  numberFormat: string;
  /** Cells are locked unless unlocked; locking matters only on a protected sheet. */
  unlocked?: boolean;
  validation?: unknown;
  /** The alert shown when a value breaks `validation` (style Stop refuses it; Warning and Information let it stand). */
  validationAlert?: { style?: string; message?: string; showAlert?: boolean };
  fill?: string;
  /** A conditional format's rule and fill (e.g. red when not zero). */
  conditional?: { rule: unknown; fill?: string };
  /** Text wraps within the cell. */
  wrap?: boolean;
}

interface TableState {
  name: string;
  sheet: SheetState;
  row: number;
  column: number;
  rows: number;
  columns: number;
  style: string;
}

interface SheetState {
  name: string;
  cells: Map<string, Cell>;
  customProperties: Map<string, string>;
  frozenRows: number;
  columnWidths: Map<number, number>;
  protected: boolean;
  position: number;
  hiddenColumns: Set<number>;
  frozenColumns?: number;
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  /** The options the sheet was last protected with (allowInsertRows, allowDeleteRows …). */
  protectionOptions?: Record<string, unknown>;
}

export type CustomPropertyValue = string | number | boolean;

/** A cell of a workbook file, zero-based. */
export interface WorkbookFileCell {
  row: number;
  column: number;
  value?: CellValue;
  /** "=SUM(D3:D7)" */
  formula?: string;
  numberFormat?: string;
  unlocked?: boolean;
  /** The rule as Office.js would set it (e.g. { decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } }). */
  validation?: unknown;
  /** "#FFF8DC" */
  fill?: string;
  wrap?: boolean;
}

/** A workbook as a file holds it, in what the stand-in models: what `StandInWorkbook.load` opens. */
export interface WorkbookFile {
  sheets: {
    name: string;
    cells: WorkbookFileCell[];
    protected?: boolean;
    hiddenColumns?: number[];
    /** [column, width in points] */
    columnWidths?: [number, number][];
    frozenRows?: number;
    frozenColumns?: number;
    visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  }[];
  customProperties: Record<string, CustomPropertyValue>;
  activeSheet?: string;
}

export interface StandInStats {
  syncs: number;
  requestBytes: number[];
  largestRequestBytes: number;
  /** What each sync's loads answered with, in bytes (0 for a sync that loaded nothing). */
  responseBytes: number[];
  failedRequests: number;
}

export class StandInError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
  get debugInfo() {
    return { code: this.code, message: this.message };
  }
}

const utf8Length = (text: string) => {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
};

const key = (r: number, c: number) => `${r},${c}`;

/** "A1:C3" (optionally "Sheet!A1:C3") to zero-based indexes. */
export function parseAddress(address: string): Block {
  try {
    return parseA1(address);
  } catch {
    throw new StandInError('InvalidArgument', `The address "${address}" is not valid.`);
  }
}

const quoteSheet = (name: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

function addressOf(sheet: string, row: number, column: number, rows: number, columns: number) {
  const a = `${columnLetters(column)}${row + 1}`;
  const b = `${columnLetters(column + columns - 1)}${row + rows}`;
  return `${quoteSheet(sheet)}!${rows === 1 && columns === 1 ? a : `${a}:${b}`}`;
}

/**
 * Excel's sheet-name rules (as the sheet tab and Worksheet.name enforce them):
 * 1 to 31 characters, none of \ / ? * [ ] :, no apostrophe at either end.
 */
function checkSheetName(name: string) {
  if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new StandInError('InvalidArgument', `"${name}" is not a valid sheet name.`);
  }
}

/** Excel's limit on a list validation's literal source ("a,b,c"): 255 characters. */
export const LIST_SOURCE_MAX = 255;

/**
 * A list rule's source as Excel takes it: a literal list of at most 255
 * characters, or "=" and a reference to one row or one column of a sheet in
 * the workbook ("=Lists!$A$1:$A$9"); anything else is InvalidArgument.
 */
function checkListSource(state: StandInWorkbook, rule: unknown) {
  const source = (rule as { list?: { source?: unknown } } | null)?.list?.source;
  if (source === undefined) return;
  if (typeof source !== 'string' || source === '') throw new StandInError('InvalidArgument', 'A list validation needs a source.');
  if (!source.startsWith('=')) {
    if (source.length > LIST_SOURCE_MAX) throw new StandInError('InvalidArgument', `A list validation's source is at most ${LIST_SOURCE_MAX} characters (this one has ${source.length}).`);
    return;
  }
  const reference = source.slice(1);
  const bang = reference.lastIndexOf('!');
  const sheetName = bang < 0 ? null : reference.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  if (sheetName === null || !state.sheet(sheetName)) throw new StandInError('InvalidArgument', `The list source ${source} does not name a sheet of the workbook (the stand-in models sheet-qualified references only).`);
  const b = parseAddress(reference.slice(bang + 1));
  if (b.rows !== 1 && b.columns !== 1) throw new StandInError('InvalidArgument', `The list source ${source} must be one row or one column.`);
}

/** The workbook's state, outside any request context: what a user would see. */
export class StandInWorkbook {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  stats: StandInStats = { syncs: 0, requestBytes: [], largestRequestBytes: 0, responseBytes: [], failedRequests: 0 };
  /** Test hook: makes the next N syncs fail with this error code before anything is applied. */
  failNext: { code: string; count: number } | null = null;
  /** The last range selected through the API, "Sheet!A1". */
  selection: string | null = null;
  /** The sheet the user is on (the first until another is activated). */
  activeSheet: SheetState | null = null;
  /**
   * Test hook: the next operation of this kind (e.g. "freezePanes",
   * "columnWidth", "protect") fails with this code when the batch reaches it,
   * after the operations queued before it were applied (as Excel stops a batch).
   */
  refuseNext: { op: string; code: string } | null = null;

  // --- oversized requests, formulas, charts, conditional formats, requirement sets (part B) ---
  /**
   * The share of oversized requests and responses that fail with
   * GeneralException ("An internal error has occurred.") instead of the size
   * error: 0 to 1, decided by a seeded sequence so that runs repeat; or
   * 'always'. Half by default: the adapter must handle both.
   */
  oversizedAsGeneralException: number | 'always' = 0.5;
  /** Seed of that sequence. */
  oversizedSeed = 1;
  private oversizedDraws = 0;
  charts: ChartState[] = [];
  conditionalFormats: ConditionalFormatState[] = [];
  /** The ExcelApi requirement set this Excel claims: APIs above it fail with ApiNotFound. The manifest's minimum by default. */
  excelApi = '1.12';
  /** Office.context.requirements as this Excel would answer. */
  readonly requirements = {
    isSetSupported: (name: string, minVersion?: string) => name === 'ExcelApi' && versionAtLeast(this.excelApi, minVersion ?? '1.1'),
  };

  /** Whether this oversized payload fails with GeneralException (the seeded draw). */
  oversizedFailsAsGeneralException(): boolean {
    const share = this.oversizedAsGeneralException;
    if (share === 'always') return true;
    // mulberry32 on seed + draw number: deterministic, spread evenly.
    let t = (this.oversizedSeed + 0x6d2b79f5 * ++this.oversizedDraws) >>> 0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const draw = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return draw < share;
  }

  /** The value a cell shows (a formula's result), for the charts module and reads. */
  valueAt(sheet: SheetState, row: number, column: number): CellValue | '' {
    return evaluatorOf(sheet).value(row, column);
  }
  // --- end part B ---

  /**
   * The workbook's custom document properties (Workbook.properties.custom,
   * ExcelApi 1.7; docProps/custom.xml in the file): keys are
   * case-insensitive, so kept by their lower case with the key as given.
   */
  customProperties = new Map<string, { key: string; value: CustomPropertyValue }>();

  /**
   * Opens a workbook file instead of what is open: its sheets (cells with
   * values, formulas, number formats, locking, validation and fills where the
   * stand-in models them; protection, hidden columns, widths, frozen panes),
   * its custom document properties and its active sheet. The file is
   * prepared outside the page (test/support/xlsx-standin.ts reads an .xlsx).
   */
  load(file: WorkbookFile) {
    this.sheets = [];
    this.tables = [];
    this.charts = [];
    this.conditionalFormats = [];
    this.customProperties = new Map();
    this.selection = null;
    this.activeSheet = null;
    for (const f of file.sheets) {
      const sheet = this.addSheet(f.name);
      for (const c of f.cells) {
        const cell: Cell = { value: c.value ?? '', numberFormat: c.numberFormat ?? 'General' };
        if (c.formula) {
          parseFormula(c.formula);
          cell.formula = c.formula;
          cell.value = '';
        }
        if (c.unlocked) cell.unlocked = true;
        if (c.validation !== undefined) cell.validation = c.validation;
        if (c.fill) cell.fill = c.fill;
        if (c.wrap) cell.wrap = true;
        sheet.cells.set(key(c.row, c.column), cell);
      }
      sheet.protected = !!f.protected;
      for (const c of f.hiddenColumns ?? []) sheet.hiddenColumns.add(c);
      for (const [c, w] of f.columnWidths ?? []) sheet.columnWidths.set(c, w);
      sheet.frozenRows = f.frozenRows ?? 0;
      sheet.frozenColumns = f.frozenColumns ?? 0;
      if (f.visibility) sheet.visibility = f.visibility;
    }
    for (const [k, value] of Object.entries(file.customProperties)) this.customProperties.set(k.toLowerCase(), { key: k, value });
    if (file.activeSheet) this.activeSheet = this.sheet(file.activeSheet) ?? null;
  }

  /** Renames a sheet as a user would from its tab (Excel's naming rules). */
  rename(from: string, to: string) {
    const sheet = this.sheet(from);
    if (!sheet) throw new Error(`no sheet ${from}`);
    checkSheetName(to);
    const other = this.sheet(to);
    if (other && other !== sheet) throw new StandInError('ItemAlreadyExists', `A sheet named "${to}" already exists.`);
    sheet.name = to;
  }

  constructor(sheetNames: string[] = ['Sheet1']) {
    for (const name of sheetNames) this.addSheet(name);
  }

  addSheet(name: string): SheetState {
    checkSheetName(name);
    if (this.sheet(name)) throw new StandInError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
    const sheet: SheetState = { name, cells: new Map(), customProperties: new Map(), frozenRows: 0, columnWidths: new Map(), protected: false, position: this.sheets.length, hiddenColumns: new Set() };
    this.sheets.push(sheet);
    return sheet;
  }

  /** Switches to a sheet, as a user clicking its tab would (made if missing). */
  activate(name: string) {
    this.activeSheet = this.sheet(name) ?? this.addSheet(name);
  }

  /** The active sheet: the one last activated, else the first. */
  active(): SheetState | null {
    return this.activeSheet && this.sheets.includes(this.activeSheet) ? this.activeSheet : (this.sheets[0] ?? null);
  }

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Reads a block of values as a user sees them ("" for empty cells). */
  read(sheetName: string, address: string): (CellValue | '')[][] {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    const a = parseAddress(address);
    const ev = evaluatorOf(sheet);
    return Array.from({ length: a.rows }, (_, r) => Array.from({ length: a.columns }, (_, c) => ev.value(a.row + r, a.column + c)));
  }

  cell(sheetName: string, address: string): Cell | undefined {
    const a = parseAddress(address);
    return this.sheet(sheetName)?.cells.get(key(a.row, a.column));
  }

  /** Types into a cell as a user would. */
  type(sheetName: string, address: string, value: CellValue) {
    const sheet = this.sheet(sheetName) ?? this.addSheet(sheetName);
    const a = parseAddress(address);
    if (sheet.protected && !sheet.cells.get(key(a.row, a.column))?.unlocked) throw new Error(`${sheetName}!${address} is protected`);
    writeCell(sheet, a.row, a.column, value);
    if (value !== '') this.growTablesOnTyping(sheet, a.row, a.column);
  }

  // ---- Part A: tables grow as a user types beside them; refusals mid-batch ----

  /**
   * Excel's AutoCorrect "include new rows and columns in table": a value typed
   * into the cell directly right of a table's last column (within its rows)
   * adds a column (headed "ColumnN"), one typed directly below its last row
   * (within its columns) adds a row. Only typing (this helper) does this;
   * values written through the API do not grow tables here (see excel-standin.md).
   */
  growTablesOnTyping(sheet: SheetState, row: number, column: number) {
    for (const t of this.tables) {
      if (t.sheet !== sheet) continue;
      const inRows = row >= t.row && row < t.row + t.rows;
      const inColumns = column >= t.column && column < t.column + t.columns;
      if (inRows && column === t.column + t.columns) {
        t.columns += 1;
        const header = sheet.cells.get(key(t.row, column));
        if (!header || header.value === '') {
          let n = 1;
          const names = new Set(Array.from({ length: t.columns - 1 }, (_, j) => String(sheet.cells.get(key(t.row, t.column + j))?.value ?? '')));
          while (names.has(`Column${n}`)) n++;
          sheet.cells.set(key(t.row, column), { ...(header ?? { numberFormat: 'General' }), value: `Column${n}` });
        }
      } else if (inColumns && row === t.row + t.rows) t.rows += 1;
    }
  }

  /** Applies the refuseNext hook: called by an operation of that kind as the batch reaches it. */
  refusal(op: string) {
    if (this.refuseNext?.op === op) {
      const { code } = this.refuseNext;
      this.refuseNext = null;
      throw new StandInError(code, `Injected refusal of ${op}.`);
    }
  }

  /**
   * Inserts an empty row above a 1-based row number, as a user would (cells
   * below move down). As in Excel, a protected sheet refuses it unless it was
   * protected with `allowInsertRows`, and formulas' references to the rows
   * below follow them (a range the row falls inside grows).
   */
  insertRow(sheetName: string, rowNumber: number) {
    const sheet = this.sheet(sheetName)!;
    if (sheet.protected && !sheet.protectionOptions?.allowInsertRows) throw new Error(`${sheetName} is protected: rows cannot be inserted`);
    const moved = new Map<string, Cell>();
    for (const [k, cell] of sheet.cells) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      moved.set(key(r >= rowNumber - 1 ? r + 1 : r, c), cell);
    }
    sheet.cells = moved;
    shiftFormulas(sheet, rowNumber - 1, 1);
    // Part A: tables below move down; a row inserted inside a table (below its header) grows it.
    for (const t of this.tables) {
      if (t.sheet !== sheet) continue;
      if (t.row >= rowNumber - 1) t.row += 1;
      else if (rowNumber - 1 < t.row + t.rows) t.rows += 1;
    }
  }

  /**
   * Deletes a 1-based row (cells below move up). A protected sheet refuses it
   * unless protected with `allowDeleteRows`; formulas' references follow the
   * rows (a range shrinks; a reference to the deleted row alone becomes #REF!).
   */
  deleteRow(sheetName: string, rowNumber: number) {
    const sheet = this.sheet(sheetName)!;
    if (sheet.protected && !sheet.protectionOptions?.allowDeleteRows) throw new Error(`${sheetName} is protected: rows cannot be deleted`);
    const moved = new Map<string, Cell>();
    for (const [k, cell] of sheet.cells) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      if (r === rowNumber - 1) continue;
      moved.set(key(r > rowNumber - 1 ? r - 1 : r, c), cell);
    }
    sheet.cells = moved;
    shiftFormulas(sheet, rowNumber - 1, -1);
    // Part A: tables below move up; a row deleted inside a table shrinks it.
    for (const t of this.tables) {
      if (t.sheet !== sheet) continue;
      if (t.row > rowNumber - 1) t.row -= 1;
      else if (rowNumber - 1 < t.row + t.rows) t.rows -= 1;
    }
  }

  /** The used range (values only), like Worksheet.getUsedRange(true). */
  usedBounds(sheet: SheetState): { row: number; column: number; rows: number; columns: number } | null {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    for (const [k, cell] of sheet.cells) {
      if (cell.value === '' && !cell.formula) continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { row: r0, column: c0, rows: r1 - r0 + 1, columns: c1 - c0 + 1 };
  }

  /** Excel.run against this workbook: like Excel, it ends with a sync of whatever is still queued (free when nothing is). */
  run = async <T>(batch: (context: StandInContext) => Promise<T>): Promise<T> => {
    const context = new StandInContext(this);
    const result = await batch(context);
    await context.sync();
    return result;
  };
}

/** Computes what a sheet's cells show (formulas evaluated); one per read. */
const evaluatorOf = (sheet: SheetState) => new SheetEvaluator((r, c) => sheet.cells.get(key(r, c)));

/**
 * Excel reads a string that starts with "=", "+" or "-" as a formula (the
 * Range.values reference), whatever the number format: whether "@" stops it
 * for API writes is undocumented, so the stand-in assumes it does not. A
 * leading "@" is read as a formula too (unconfirmed; modelled harshly).
 */
const FORMULA_LEAD = /^[=+\-@]/;

function writeCell(sheet: SheetState, row: number, column: number, value: unknown) {
  if (value === null || value === undefined) return; // null leaves the cell alone
  const k = key(row, column);
  const cell = sheet.cells.get(k) ?? { value: '', numberFormat: 'General' };
  if (typeof value === 'string' && !value.startsWith("'") && !(cell.numberFormat !== '@' && /^[+-]?\d+(\.\d+)?$/.test(value.trim())) && FORMULA_LEAD.test(value)) {
    const formula = value.startsWith('=') ? value : `=${value}`;
    try {
      parseFormula(formula);
    } catch (error) {
      if (error instanceof UnsupportedFormula) throw new StandInError('StandInUnsupportedFormula', error.message);
      throw error;
    }
    cell.formula = formula;
    cell.value = ''; // computed when read
    sheet.cells.set(k, cell);
    return;
  }
  delete cell.formula;
  if (value === '') cell.value = '';
  else if (typeof value === 'string' && value.startsWith("'")) cell.value = value.slice(1);
  else if (typeof value === 'string' && cell.numberFormat !== '@' && /^[+-]?\d+(\.\d+)?$/.test(value.trim())) cell.value = Number(value);
  else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') cell.value = value;
  else throw new StandInError('InvalidArgument', `A cell value must be a string, number or boolean (got ${typeof value}).`);
  sheet.cells.set(k, cell);
}

type Op = { bytes: number; apply: () => void };

/** One request context: queues operations until sync. */
export class StandInContext {
  readonly workbook: StandInWorkbookProxy;
  private queue: Op[] = [];
  private loads: (() => number)[] = [];

  constructor(readonly state: StandInWorkbook) {
    this.workbook = new StandInWorkbookProxy(this);
  }

  /** `extraBytes`: what the request carries besides the payload and one action (e.g. an array's chunks). */
  enqueue(payload: unknown, apply: () => void, extraBytes = 0) {
    this.queue.push({ bytes: utf8Length(JSON.stringify(payload ?? null)) + ACTION_OVERHEAD_BYTES + extraBytes, apply });
  }

  enqueueLoad(fill: () => number) {
    this.queue.push({ bytes: ACTION_OVERHEAD_BYTES, apply: () => undefined });
    this.loads.push(fill);
  }

  /** Part B: what charts and conditional formats need of the core. */
  readonly host: ChartHost = {
    enqueue: (payload, apply) => this.enqueue(payload, apply),
    enqueueLoad: (fill) => this.enqueueLoad(fill),
    error: (code, message) => new StandInError(code, message),
    requireApi: (version, what) => {
      if (versionAtLeast(this.state.excelApi, version)) return;
      this.enqueue({ api: what }, () => {
        throw new StandInError('ApiNotFound', `${what} needs ExcelApi ${version}; this Excel has ${this.state.excelApi}.`);
      });
    },
    valueAt: (sheet, row, column) => this.state.valueAt(sheet as SheetState, row, column),
  };

  trackedObjects = { add: () => undefined, remove: () => undefined };

  async sync(): Promise<void> {
    // Part A: with nothing queued, Office.js sends no request (no round trip, nothing counted).
    if (this.queue.length === 0 && this.loads.length === 0) return;
    const ops = this.queue;
    const loads = this.loads;
    this.queue = [];
    this.loads = [];
    const bytes = ops.reduce((n, op) => n + op.bytes, 64);
    const stats = this.state.stats;
    stats.syncs += 1;
    stats.requestBytes.push(bytes);
    stats.largestRequestBytes = Math.max(stats.largestRequestBytes, bytes);
    if (this.state.failNext && this.state.failNext.count > 0) {
      this.state.failNext.count -= 1;
      stats.failedRequests += 1;
      throw new StandInError(this.state.failNext.code, 'Injected failure.');
    }
    if (bytes > REQUEST_LIMIT_BYTES) {
      stats.failedRequests += 1;
      if (this.state.oversizedFailsAsGeneralException()) throw new StandInError('GeneralException', 'An internal error has occurred.');
      throw new StandInError('RequestPayloadSizeLimitExceeded', `The request payload size (${bytes} bytes) has exceeded the limit.`);
    }
    await Promise.resolve();
    for (const op of ops) op.apply(); // an error stops the batch here, as in Excel
    let responseBytes = 0;
    for (const fill of loads) responseBytes += fill();
    stats.responseBytes.push(responseBytes);
    if (responseBytes > REQUEST_LIMIT_BYTES) {
      stats.failedRequests += 1;
      if (this.state.oversizedFailsAsGeneralException()) throw new StandInError('GeneralException', 'An internal error has occurred.');
      throw new StandInError('ResponsePayloadSizeLimitExceeded', `The response payload size (${responseBytes} bytes) has exceeded the limit.`);
    }
  }
}

/** Loadable properties: readable only after load() and sync(). */
class Loadable {
  private loaded = new Map<string, unknown>();
  private requested = new Set<string>();
  constructor(protected readonly ctx: StandInContext) {}

  protected abstractSnapshot(_prop: string): unknown {
    return undefined;
  }

  load(props?: string | string[] | Record<string, unknown>): this {
    const asked = typeof props === 'string' ? props.split(',').map((s) => s.trim()) : Array.isArray(props) ? props : props ? Object.keys(props) : this.defaultProps();
    // Whatever is loaded, Excel also says whether the object is a null object.
    const names = asked.includes('isNullObject') ? asked : [...asked, 'isNullObject'];
    for (const n of names) this.requested.add(n);
    this.ctx.enqueueLoad(() => {
      let size = 0;
      for (const n of names) {
        const v = this.abstractSnapshot(n);
        this.loaded.set(n, v);
        size += utf8Length(JSON.stringify(v ?? null));
      }
      return size;
    });
    return this;
  }

  protected defaultProps(): string[] {
    return [];
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new StandInError('PropertyNotLoaded', `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    }
    return this.loaded.get(prop) as T;
  }

  protected forget(prop: string) {
    this.loaded.delete(prop);
  }

  // ---- Part A: null objects ----

  /** Made by a *OrNullObject method: it may be a null object until a sync says otherwise. */
  maybeNull = false;

  /** Whether the code can know this object's nullness: not an *OrNullObject result, or isNullObject was loaded and synced. */
  protected nullKnown(): boolean {
    return !this.maybeNull || this.loaded.has('isNullObject');
  }

  /**
   * A resolver for an operation queued now: if, when the batch runs, the
   * object is a null object whose nullness the code did not know when it
   * queued the operation, the batch fails (harsh: Office.js does not document
   * calling into a null object; see excel-standin.md).
   */
  protected guard<S>(resolve: () => S | null, what: string): () => S | null {
    const known = this.nullKnown();
    return () => {
      const s = resolve();
      if (s === null && !known) {
        throw new StandInError('InvalidOperation', `${what} was called on a null object (from a *OrNullObject method) before its isNullObject was synced.`);
      }
      return s;
    };
  }

  /** Marks properties as loaded (a collection's load fills its items). */
  preload(values: Record<string, unknown>) {
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }

  toJSON() {
    return Object.fromEntries(this.loaded);
  }
}

export class StandInWorkbookProxy {
  readonly worksheets: StandInWorksheetCollection;
  /** Part A: the workbook's tables. */
  readonly tables: StandInWorkbookTables;
  readonly application: { suspendApiCalculationUntilNextSync(): void; suspendScreenUpdatingUntilNextSync(): void };
  /** The document's properties (ExcelApi 1.7): only the custom ones are modelled. */
  readonly properties: { readonly custom: StandInWorkbookCustomProperties };
  constructor(ctx: StandInContext) {
    this.properties = { custom: new StandInWorkbookCustomProperties(ctx) };
    this.worksheets = new StandInWorksheetCollection(ctx);
    this.tables = new StandInWorkbookTables(ctx);
    this.application = {
      suspendApiCalculationUntilNextSync: () => ctx.enqueue('suspendCalc', () => undefined),
      suspendScreenUpdatingUntilNextSync: () => ctx.enqueue('suspendScreen', () => undefined),
    };
  }
}

export class StandInWorksheetCollection {
  private loadedItems: StandInWorksheet[] | null = null;
  constructor(private readonly ctx: StandInContext) {}

  /** load('items/name'): the sheets, in order, each with its name loaded. */
  load(_props?: string) {
    this.ctx.enqueueLoad(() => {
      this.loadedItems = this.ctx.state.sheets.map((sheetState) => {
        const ws = new StandInWorksheet(this.ctx, () => this.ctx.state.sheets.find((x) => x === sheetState) ?? null);
        ws.preload({ name: sheetState.name, isNullObject: false });
        return ws;
      });
      return this.ctx.state.sheets.reduce((n, x) => n + x.name.length + 16, 0);
    });
    return this;
  }

  get items(): StandInWorksheet[] {
    if (!this.loadedItems) throw new StandInError('PropertyNotLoaded', "The property 'items' is not available. Call load and sync first.");
    return this.loadedItems;
  }

  getItem(name: string): StandInWorksheet {
    return new StandInWorksheet(this.ctx, () => {
      const s = this.ctx.state.sheet(name);
      if (!s) throw new StandInError('ItemNotFound', `The requested resource doesn't exist: worksheet "${name}".`);
      return s;
    });
  }

  getItemOrNullObject(name: string): StandInWorksheet {
    const ws = new StandInWorksheet(this.ctx, () => this.ctx.state.sheet(name) ?? null);
    ws.maybeNull = true;
    return ws;
  }

  /** The sheet the user is on. */
  getActiveWorksheet(): StandInWorksheet {
    return new StandInWorksheet(this.ctx, () => this.ctx.state.active());
  }

  add(name: string): StandInWorksheet {
    let created: SheetState | undefined;
    this.ctx.enqueue({ add: name }, () => {
      created = this.ctx.state.addSheet(name);
    });
    return new StandInWorksheet(this.ctx, () => created ?? this.ctx.state.sheet(name) ?? null);
  }
}

export class StandInWorksheet extends Loadable {
  constructor(
    ctx: StandInContext,
    private readonly resolve: () => SheetState | null,
  ) {
    super(ctx);
  }

  private get state(): SheetState {
    const s = this.resolve();
    if (!s) throw new StandInError('InvalidObjectPath', 'The object path is not valid: the worksheet does not exist (a null object).');
    return s;
  }

  protected override abstractSnapshot(prop: string): unknown {
    const s = this.resolve();
    if (prop === 'isNullObject') return !s;
    if (!s) return undefined;
    if (prop === 'name') return s.name;
    if (prop === 'position') return s.position;
    return undefined;
  }

  protected override defaultProps() {
    return ['name', 'position', 'isNullObject'];
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  get name(): string {
    return this.read('name');
  }

  set name(value: string) {
    const at = this.at('Worksheet.name');
    this.ctx.enqueue({ name: value }, () => {
      const state = at();
      checkSheetName(value);
      if (this.ctx.state.sheet(value) && this.ctx.state.sheet(value) !== state) throw new StandInError('ItemAlreadyExists', `A sheet named "${value}" already exists.`);
      state.name = value;
    });
    this.forget('name');
  }

  // What hangs off a null object is a null object too, once its nullness is
  // known; before that, using it fails the batch (Part A, harsh).
  get customProperties() {
    return new StandInCustomProperties(this.ctx, this.guard(() => this.resolve(), 'Worksheet.customProperties'));
  }

  get tables() {
    return new StandInTableCollection(this.ctx, this.guard(() => this.resolve(), 'Worksheet.tables'));
  }

  /** Part B: charts (ExcelApi 1.1; series 1.7; data table 1.14). */
  get charts() {
    return new StandInChartCollection(this.ctx.host, this.ctx.state.charts, () => this.resolve());
  }

  get freezePanes() {
    const at = this.at('Worksheet.freezePanes');
    const frozen = (rows: number, columns: number) => {
      const state = at();
      assertUnprotected(state, 'Freezing panes');
      this.ctx.state.refusal('freezePanes');
      state.frozenRows = rows;
      state.frozenColumns = columns;
    };
    return {
      freezeRows: (count: number) => this.ctx.enqueue({ freezeRows: count }, () => frozen(count, 0)),
      /** The range's rows and columns from the top-left corner are frozen. */
      freezeAt: (range: StandInRange) =>
        this.ctx.enqueue({ freezeAt: true }, () => {
          const r = range.block;
          frozen(r.row + r.rows, r.column + r.columns);
        }),
      unfreeze: () => this.ctx.enqueue('unfreeze', () => frozen(0, 0)),
    };
  }

  get protection(): StandInWorksheetProtection {
    return new StandInWorksheetProtection(this.ctx, this.at('Worksheet.protection'), this.guard(() => this.resolve(), 'Worksheet.protection'));
  }

  activate() {
    const at = this.at('Worksheet.activate');
    this.ctx.enqueue('activate', () => (this.ctx.state.activeSheet = at()));
  }

  set visibility(value: 'Visible' | 'Hidden' | 'VeryHidden') {
    const at = this.at('Worksheet.visibility');
    this.ctx.enqueue({ visibility: value }, () => (at().visibility = value));
  }

  delete() {
    const at = this.at('Worksheet.delete');
    this.ctx.enqueue('delete', () => {
      const s = at();
      this.ctx.state.sheets = this.ctx.state.sheets.filter((x) => x !== s);
      this.ctx.state.tables = this.ctx.state.tables.filter((t) => t.sheet !== s);
    });
  }

  getRange(address: string): StandInRange {
    const a = parseAddress(address);
    return this.getRangeByIndexes(a.row, a.column, a.rows, a.columns);
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): StandInRange {
    if (![row, column, rows, columns].every(Number.isInteger) || row < 0 || column < 0 || rows < 1 || columns < 1 || row + rows > MAX_ROWS || column + columns > MAX_COLUMNS) {
      throw new StandInError('InvalidArgument', `The range (${row}, ${column}, ${rows}×${columns}) is outside the worksheet's grid.`);
    }
    const at = this.at('Worksheet.getRange');
    return new StandInRange(this.ctx, () => ({ sheet: at(), row, column, rows, columns }));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): StandInRange {
    void valuesOnly;
    const resolve = this.guard(() => this.resolve(), 'Worksheet.getUsedRangeOrNullObject');
    const used = new StandInRange(this.ctx, () => {
      const s = resolve();
      if (!s) return null;
      const b = this.ctx.state.usedBounds(s);
      return b ? { sheet: s, ...b } : null;
    });
    used.maybeNull = true;
    return used;
  }

  /** The sheet for an operation queued now: guarded against unknown null objects, InvalidObjectPath when null. */
  private at(what: string): () => SheetState {
    const resolve = this.guard(() => this.resolve(), what);
    return () => {
      const s = resolve();
      if (!s) throw new StandInError('InvalidObjectPath', `The object path is not valid: the worksheet does not exist (a null object) for ${what}.`);
      return s;
    };
  }
}

// ---- Rows inserted or deleted: formulas follow ----

/**
 * Excel's adjustment of a sheet's formulas when a row is inserted (`delta` 1)
 * or deleted (-1) at the zero-based row `at`: a reference to a row at or below
 * an insertion moves down; one below a deletion moves up; a range spanning the
 * row grows or shrinks; a reference to the deleted row alone is #REF! (the
 * cell then holds the error as its value). Same-sheet references only, as the
 * evaluator computes.
 */
function shiftFormulas(sheet: SheetState, at: number, delta: 1 | -1) {
  const ref = /(\$?[A-Z]{1,3}\$?)(\d+)(?::(\$?[A-Z]{1,3}\$?)(\d+))?(?![\w(])/g;
  for (const cell of sheet.cells.values()) {
    if (!cell.formula) continue;
    let broken = false;
    const moved = (row: number) => (delta === 1 ? (row >= at ? row + 1 : row) : row > at ? row - 1 : row);
    const formula = cell.formula.replace(ref, (whole, c1: string, r1: string, c2: string | undefined, r2: string | undefined) => {
      const a = Number(r1) - 1;
      if (c2 === undefined) {
        if (delta === -1 && a === at) return (broken = true), '#REF!';
        return `${c1}${moved(a) + 1}`;
      }
      const b = Number(r2) - 1;
      if (delta === -1 && a === at && b === at) return (broken = true), '#REF!';
      const end = delta === -1 && b >= at && b > a ? b - 1 : moved(b);
      const start = delta === -1 && a === at ? a : moved(a);
      return `${c1}${start + 1}:${c2}${end + 1}`;
    });
    if (broken) {
      delete cell.formula;
      cell.value = '#REF!';
    } else cell.formula = formula;
  }
}

// ---- Part A: worksheet protection ----

/** Sheet-level operations (freeze panes, custom properties, tables) are refused on a protected sheet, whatever its options (harsh). */
function assertUnprotected(sheet: SheetState, what: string) {
  if (sheet.protected) throw new StandInError('AccessDenied', `${what} is not allowed on the protected sheet "${sheet.name}".`);
}

/**
 * Worksheet.protection: `protect()` on a protected sheet fails (the reference
 * says so), and so does `unprotect()` on an unprotected one (seen in recent
 * builds, office-js#6784; modelled harshly). `protected` is loadable.
 */
export class StandInWorksheetProtection extends Loadable {
  constructor(
    ctx: StandInContext,
    private readonly at: () => SheetState,
    private readonly resolve: () => SheetState | null,
  ) {
    super(ctx);
  }
  protected override abstractSnapshot(prop: string) {
    const s = this.resolve();
    if (prop === 'isNullObject') return !s;
    return prop === 'protected' ? !!s?.protected : undefined;
  }
  protected override defaultProps() {
    return ['protected'];
  }
  get protected(): boolean {
    return this.read('protected');
  }
  protect(options?: unknown) {
    this.ctx.enqueue({ protect: options ?? null }, () => {
      const s = this.at();
      if (s.protected) throw new StandInError('AccessDenied', `The sheet "${s.name}" is already protected.`);
      this.ctx.state.refusal('protect');
      s.protected = true;
      s.protectionOptions = (options as Record<string, unknown> | null) ?? {};
    });
  }
  unprotect() {
    this.ctx.enqueue('unprotect', () => {
      const s = this.at();
      if (!s.protected) throw new StandInError('AccessDenied', `The sheet "${s.name}" is not protected.`);
      s.protected = false;
    });
  }
}

class StandInCustomProperties {
  constructor(
    private readonly ctx: StandInContext,
    private readonly sheet: () => SheetState | null,
  ) {}

  private get state(): SheetState {
    const s = this.sheet();
    if (!s) throw new StandInError('InvalidObjectPath', 'The worksheet does not exist (a null object).');
    return s;
  }

  add(key: string, value: string) {
    if (key.length > 255) throw new StandInError('InvalidArgument', 'A custom property key is at most 255 characters.');
    this.ctx.enqueue({ key, value }, () => {
      // Part A: custom properties are worksheet-level; a protected sheet refuses them (harsh).
      assertUnprotected(this.state, 'Adding a custom property');
      this.ctx.state.refusal('customProperties');
      this.state.customProperties.set(key, String(value));
    });
  }

  getItemOrNullObject(key: string) {
    return new StandInCustomProperty(this.ctx, () => this.sheet()?.customProperties.get(key) ?? null);
  }
}

class StandInCustomProperty extends Loadable {
  constructor(
    ctx: StandInContext,
    private readonly value_: () => string | null,
  ) {
    super(ctx);
  }
  protected override abstractSnapshot(prop: string) {
    const v = this.value_();
    return prop === 'isNullObject' ? v === null : prop === 'value' ? v : undefined;
  }
  protected override defaultProps() {
    return ['value', 'isNullObject'];
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get value(): string {
    return this.read('value');
  }
}

// ---- Workbook custom document properties (Workbook.properties.custom, ExcelApi 1.7) ----

const customTypeOf = (v: CustomPropertyValue) => (typeof v === 'number' ? (Number.isInteger(v) ? 'Number' : 'Float') : typeof v === 'boolean' ? 'Boolean' : 'String');

/**
 * CustomPropertyCollection: `add(key, value)` "creates a new or sets an
 * existing custom property"; keys are case-insensitive; keys and values are
 * limited to 255 characters (trimmed outside Excel on the web: the stand-in
 * refuses instead, the harsher reading); `getItem` of a missing key fails
 * with ItemNotFound; `load('items')` lists them.
 */
export class StandInWorkbookCustomProperties {
  private loadedItems: StandInWorkbookCustomProperty[] | null = null;
  constructor(private readonly ctx: StandInContext) {}

  add(key: string, value: CustomPropertyValue): StandInWorkbookCustomProperty {
    if (!key || key.length > 255) throw new StandInError('InvalidArgument', 'A custom property key is 1 to 255 characters.');
    if (typeof value === 'string' && value.length > 255) throw new StandInError('InvalidArgument', 'A custom property value is at most 255 characters.');
    this.ctx.enqueue({ key, value }, () => {
      const existing = this.ctx.state.customProperties.get(key.toLowerCase());
      this.ctx.state.customProperties.set(key.toLowerCase(), { key: existing?.key ?? key, value });
    });
    return this.getItem(key);
  }

  deleteAll() {
    this.ctx.enqueue('deleteAllCustomProperties', () => this.ctx.state.customProperties.clear());
  }

  getItem(key: string): StandInWorkbookCustomProperty {
    return new StandInWorkbookCustomProperty(this.ctx, () => {
      const p = this.ctx.state.customProperties.get(key.toLowerCase());
      if (!p) throw new StandInError('ItemNotFound', `The custom property ${key} does not exist.`);
      return p;
    });
  }

  getItemOrNullObject(key: string): StandInWorkbookCustomProperty {
    const p = new StandInWorkbookCustomProperty(this.ctx, () => this.ctx.state.customProperties.get(key.toLowerCase()) ?? null);
    p.maybeNull = true;
    return p;
  }

  /** load('items') or load('items/key,items/value'): every property, loaded. */
  load(_props?: string | string[]) {
    this.ctx.enqueueLoad(() => {
      const all = [...this.ctx.state.customProperties.values()];
      this.loadedItems = all.map((p) => {
        const item = new StandInWorkbookCustomProperty(this.ctx, () => (this.ctx.state.customProperties.get(p.key.toLowerCase()) === p ? p : null));
        item.preload({ key: p.key, value: p.value, type: customTypeOf(p.value), isNullObject: false });
        return item;
      });
      return all.reduce((n, p) => n + p.key.length + String(p.value).length + 32, 0);
    });
    return this;
  }

  get items(): StandInWorkbookCustomProperty[] {
    if (!this.loadedItems) throw new StandInError('PropertyNotLoaded', "The property 'items' is not available. Call load and sync first.");
    return this.loadedItems;
  }
}

export class StandInWorkbookCustomProperty extends Loadable {
  constructor(
    ctx: StandInContext,
    private readonly resolve: () => { key: string; value: CustomPropertyValue } | null,
  ) {
    super(ctx);
  }
  protected override abstractSnapshot(prop: string) {
    const p = this.resolve();
    if (prop === 'isNullObject') return !p;
    if (!p) return undefined;
    return prop === 'key' ? p.key : prop === 'value' ? p.value : prop === 'type' ? customTypeOf(p.value) : undefined;
  }
  protected override defaultProps() {
    return ['key', 'value', 'type', 'isNullObject'];
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get key(): string {
    return this.read('key');
  }
  get value(): CustomPropertyValue {
    return this.read('value');
  }
  get type(): string {
    return this.read('type');
  }
  delete() {
    const resolve = this.guard(() => this.resolve(), 'CustomProperty.delete');
    this.ctx.enqueue('deleteCustomProperty', () => {
      const p = resolve();
      if (!p) throw new StandInError('InvalidObjectPath', 'The custom property does not exist (a null object).');
      this.ctx.state.customProperties.delete(p.key.toLowerCase());
    });
  }
}

class StandInTableCollection {
  constructor(
    private readonly ctx: StandInContext,
    private readonly sheet: () => SheetState | null,
  ) {}

  /**
   * Part A: "the range object or source address determines the worksheet";
   * an address without a sheet name goes to the ACTIVE sheet (harsh), whatever
   * sheet's collection it was called on. A protected sheet refuses it.
   */
  add(address: string | StandInRange, hasHeaders: boolean): StandInTable {
    let created: TableState | undefined;
    const from = typeof address === 'string' ? null : address.where();
    this.ctx.enqueue({ add: typeof address === 'string' ? address : 'range', hasHeaders }, () => {
      if (!this.sheet()) throw new StandInError('InvalidObjectPath', 'The worksheet does not exist (a null object).');
      const { sheet: s, ...a } = from ? from() : resolveAddress(this.ctx.state, address as string);
      assertUnprotected(s, 'Adding a table');
      const overlap = this.ctx.state.tables.find((t) => t.sheet === s && t.row < a.row + a.rows && a.row < t.row + t.rows && t.column < a.column + a.columns && a.column < t.column + t.columns);
      if (overlap) throw new StandInError('InvalidOperation', `A table can't overlap another table (${overlap.name}).`);
      let n = this.ctx.state.tables.length + 1;
      while (this.ctx.state.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
      created = { name: `Table${n}`, sheet: s, ...a, style: 'TableStyleMedium2' };
      this.ctx.state.tables.push(created);
    });
    return new StandInTable(this.ctx, () => created ?? null);
  }

  getItem(name: string): StandInTable {
    return new StandInTable(this.ctx, () => {
      const s = this.sheet();
      const t = s && this.ctx.state.tables.find((x) => x.name.toLowerCase() === name.toLowerCase() && x.sheet === s);
      if (!t) throw new StandInError('ItemNotFound', `The table ${name} does not exist.`);
      return t;
    });
  }

  getItemOrNullObject(name: string): StandInTable {
    const table = new StandInTable(this.ctx, () => {
      const s = this.sheet();
      return (s && this.ctx.state.tables.find((t) => t.name.toLowerCase() === name.toLowerCase() && t.sheet === s)) || null;
    });
    table.maybeNull = true;
    return table;
  }
}

// ---- Part A: tables by address, the workbook's tables ----

/** "Sheet!A1:B2" on that sheet; "A1:B2" on the active sheet. */
function resolveAddress(state: StandInWorkbook, address: string): RangeRef {
  const bang = address.lastIndexOf('!');
  const sheetName = bang < 0 ? null : address.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  const sheet = sheetName === null ? state.active() : state.sheet(sheetName);
  if (!sheet) throw new StandInError('ItemNotFound', `The worksheet for "${address}" does not exist.`);
  return { sheet, ...parseAddress(address) };
}

/** Workbook.tables: every table in the workbook (names are unique in a workbook). */
export class StandInWorkbookTables {
  private loadedItems: StandInTable[] | null = null;
  constructor(private readonly ctx: StandInContext) {}

  /** load('items/name'): the tables, each with its name loaded. */
  load(_props?: string) {
    this.ctx.enqueueLoad(() => {
      this.loadedItems = this.ctx.state.tables.map((t) => {
        const table = new StandInTable(this.ctx, () => (this.ctx.state.tables.includes(t) ? t : null));
        table.preload({ name: t.name, isNullObject: false });
        return table;
      });
      return this.ctx.state.tables.reduce((n, t) => n + t.name.length + 16, 0);
    });
    return this;
  }

  get items(): StandInTable[] {
    if (!this.loadedItems) throw new StandInError('PropertyNotLoaded', "The property 'items' is not available. Call load and sync first.");
    return this.loadedItems;
  }

  getItem(name: string): StandInTable {
    return new StandInTable(this.ctx, () => {
      const t = this.ctx.state.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!t) throw new StandInError('ItemNotFound', `The table ${name} does not exist.`);
      return t;
    });
  }

  getItemOrNullObject(name: string): StandInTable {
    const table = new StandInTable(this.ctx, () => this.ctx.state.tables.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null);
    table.maybeNull = true;
    return table;
  }
}

export class StandInTable extends Loadable {
  constructor(
    ctx: StandInContext,
    private readonly resolve: () => TableState | null,
  ) {
    super(ctx);
  }
  private get state(): TableState {
    const t = this.resolve();
    if (!t) throw new StandInError('InvalidObjectPath', 'The table does not exist (a null object).');
    return t;
  }
  protected override abstractSnapshot(prop: string) {
    const t = this.resolve();
    if (prop === 'isNullObject') return !t;
    if (!t) return undefined;
    return prop === 'name' ? t.name : prop === 'style' ? t.style : undefined;
  }
  protected override defaultProps() {
    return ['name', 'style', 'isNullObject'];
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get name(): string {
    return this.read('name');
  }
  set name(value: string) {
    const at = this.at('Table.name');
    this.ctx.enqueue({ name: value }, () => {
      const state = at();
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(value) || value.length > 255) throw new StandInError('InvalidArgument', `"${value}" is not a valid table name.`);
      // Table names are unique in the workbook, not just on the sheet.
      if (this.ctx.state.tables.some((t) => t !== state && t.name.toLowerCase() === value.toLowerCase())) throw new StandInError('ItemAlreadyExists', `A table named ${value} exists.`);
      state.name = value;
    });
  }
  set style(value: string) {
    const at = this.at('Table.style');
    this.ctx.enqueue({ style: value }, () => (at().style = value));
  }
  get style(): string {
    return this.read('style');
  }
  getRange(): StandInRange {
    const at = this.at('Table.getRange');
    return new StandInRange(this.ctx, () => {
      const t = at();
      return { sheet: t.sheet, row: t.row, column: t.column, rows: t.rows, columns: t.columns };
    });
  }
  /**
   * Part A: deletes the table AND clears its cells, as VBA's ListObject.Delete
   * does (Office.js does not say; modelled harshly). Cells a user typed into
   * the table (it grows as they type beside it) go with it.
   */
  delete() {
    const at = this.at('Table.delete');
    this.ctx.enqueue('deleteTable', () => {
      const t = at();
      assertUnprotected(t.sheet, 'Deleting a table');
      for (let i = 0; i < t.rows; i++) for (let j = 0; j < t.columns; j++) t.sheet.cells.delete(key(t.row + i, t.column + j));
      this.ctx.state.tables = this.ctx.state.tables.filter((x) => x !== t);
    });
  }
  /** The table's header row (ExcelApi 1.1). */
  getHeaderRowRange(): StandInRange {
    const at = this.at('Table.getHeaderRowRange');
    return new StandInRange(this.ctx, () => {
      const t = at();
      return { sheet: t.sheet, row: t.row, column: t.column, rows: 1, columns: t.columns };
    });
  }
  /** Part A: the table becomes a plain range; every cell keeps its value (ExcelApi 1.2). */
  convertToRange(): StandInRange {
    const at = this.at('Table.convertToRange');
    let block: RangeRef | null = null;
    this.ctx.enqueue('convertToRange', () => {
      const t = at();
      assertUnprotected(t.sheet, 'Converting a table to a range');
      block = { sheet: t.sheet, row: t.row, column: t.column, rows: t.rows, columns: t.columns };
      this.ctx.state.tables = this.ctx.state.tables.filter((x) => x !== t);
    });
    return new StandInRange(this.ctx, () => block);
  }
  private at(what: string): () => TableState {
    const resolve = this.guard(() => this.resolve(), what);
    return () => {
      const t = resolve();
      if (!t) throw new StandInError('InvalidObjectPath', `The table does not exist (a null object) for ${what}.`);
      return t;
    };
  }
}

interface RangeRef {
  sheet: SheetState;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export class StandInRange extends Loadable {
  constructor(
    ctx: StandInContext,
    private readonly resolve: () => RangeRef | null,
  ) {
    super(ctx);
  }

  private get ref(): RangeRef {
    const r = this.resolve();
    if (!r) throw new StandInError('InvalidObjectPath', 'The range does not exist (a null object).');
    return r;
  }

  protected override abstractSnapshot(prop: string): unknown {
    const r = this.resolve();
    if (prop === 'isNullObject') return !r;
    if (!r) return undefined;
    const grid = <T>(f: (c: Cell | undefined) => T) =>
      Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.columns }, (_, j) => f(r.sheet.cells.get(key(r.row + i, r.column + j)))));
    // Beyond five million cells Excel may give null instead of failing (office-js-docs-pr#5821): the harsher reading.
    const tooMany = r.rows * r.columns > MAX_GET_CELLS;
    switch (prop) {
      case 'values': {
        if (tooMany) return null;
        const ev = evaluatorOf(r.sheet);
        return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.columns }, (_, j) => ev.value(r.row + i, r.column + j)));
      }
      case 'formulas':
        return tooMany ? null : grid((c) => c?.formula ?? c?.value ?? '');
      case 'numberFormat':
        return tooMany ? null : grid((c) => c?.numberFormat ?? 'General');
      case 'address':
        return addressOf(r.sheet.name, r.row, r.column, r.rows, r.columns);
      case 'rowCount':
        return r.rows;
      case 'columnCount':
        return r.columns;
      case 'rowIndex':
        return r.row;
      case 'columnIndex':
        return r.column;
      default:
        return undefined;
    }
  }

  protected override defaultProps() {
    return ['values', 'numberFormat', 'address', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex', 'isNullObject'];
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get values(): (CellValue | '')[][] {
    return this.read('values');
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  get address(): string {
    return this.read('address');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }

  /** On a protected sheet, Excel refuses API writes to locked cells (Part A: formats, widths, hiding and validation too). */
  private checkWritable() {
    const r = this.ref;
    if (!r.sheet.protected) return;
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < r.columns; j++)
        if (!r.sheet.cells.get(key(r.row + i, r.column + j))?.unlocked) {
          throw new StandInError('AccessDenied', `The cell ${columnLetters(r.column + j)}${r.row + i + 1} is on a protected sheet and locked.`);
        }
  }

  private eachCell(f: (cell: Cell) => void) {
    const r = this.ref;
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < r.columns; j++) {
        const k = key(r.row + i, r.column + j);
        const cell = r.sheet.cells.get(k) ?? { value: '', numberFormat: 'General' };
        f(cell);
        r.sheet.cells.set(k, cell);
      }
  }

  /** Part A: where the range is when the batch runs (for tables.add by a Range). */
  where(): () => RangeRef {
    return () => this.ref;
  }

  /** Part A: Range.getUsedRangeOrNullObject(valuesOnly) (ExcelApi 1.4): the used part of this range. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): StandInRange {
    void valuesOnly;
    const used = new StandInRange(this.ctx, () => {
      const r = this.ref;
      const b = this.ctx.state.usedBounds(r.sheet);
      if (!b) return null;
      const row = Math.max(r.row, b.row);
      const column = Math.max(r.column, b.column);
      const bottom = Math.min(r.row + r.rows, b.row + b.rows);
      const right = Math.min(r.column + r.columns, b.column + b.columns);
      if (bottom <= row || right <= column) return null;
      // The used range's corners are cells that hold something within this range.
      let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
      for (const [k, cell] of r.sheet.cells) {
        if (cell.value === '' && !cell.formula) continue;
        const [i, j] = k.split(',').map(Number) as [number, number];
        if (i < row || i >= bottom || j < column || j >= right) continue;
        r0 = Math.min(r0, i); c0 = Math.min(c0, j); r1 = Math.max(r1, i); c1 = Math.max(c1, j);
      }
      return r1 < 0 ? null : { sheet: r.sheet, row: r0, column: c0, rows: r1 - r0 + 1, columns: c1 - c0 + 1 };
    });
    used.maybeNull = true;
    return used;
  }

  /** Where the range is, for the stand-in's own use (freezeAt). */
  get block(): Block {
    const r = this.ref;
    return { row: r.row, column: r.column, rows: r.rows, columns: r.columns };
  }

  /** Part B: the sheet and block, for charts and conditional formats. */
  get target(): RangeRef {
    return this.ref;
  }

  /** Part B: conditional formats (ExcelApi 1.6), recorded in workbook.conditionalFormats; a CellValue one also marks its cells. */
  get conditionalFormats() {
    return conditionalFormatsOf(
      this.ctx.host,
      this.ctx.state.conditionalFormats,
      this,
      (applied) => this.eachCell((c) => (c.conditional = applied)),
      () => this.eachCell((c) => delete c.conditional),
      () => this.checkWritable(),
    );
  }

  /** Part B: formulas in, as typed: the same reading as values (a constant stays a constant). */
  set formulas(grid: unknown[][]) {
    this.ctx.enqueue(
      grid,
      () => {
        this.checkShape(grid, 'formulas');
        this.checkWritable();
        const r = this.ref;
        grid.forEach((row, i) => row.forEach((v, j) => writeCell(r.sheet, r.row + i, r.column + j, v)));
      },
      arrayChunkBytes(grid),
    );
    this.forget('formulas');
    this.forget('values');
  }

  get dataValidation() {
    const ctx = this.ctx;
    const range = this;
    return {
      clear: () => ctx.enqueue('clearValidation', () => {
        range.checkWritable();
        range.eachCell((c) => {
          delete c.validation;
          delete c.validationAlert;
        });
      }),
      set rule(rule: unknown) {
        ctx.enqueue({ rule }, () => {
          range.checkWritable();
          checkListSource(ctx.state, rule);
          range.eachCell((c) => (c.validation = rule));
        });
      },
      set errorAlert(alert: { style?: string; message?: string; showAlert?: boolean }) {
        ctx.enqueue({ alert }, () => {
          range.checkWritable();
          range.eachCell((c) => (c.validationAlert = alert));
        });
      },
    };
  }

  set columnHidden(hidden: boolean) {
    this.ctx.enqueue({ columnHidden: hidden }, () => {
      this.checkWritable();
      this.ctx.state.refusal('columnHidden');
      const r = this.ref;
      for (let j = 0; j < r.columns; j++) (hidden ? r.sheet.hiddenColumns.add(r.column + j) : r.sheet.hiddenColumns.delete(r.column + j));
    });
  }

  private checkShape(grid: unknown, what: string) {
    const r = this.ref;
    if (!Array.isArray(grid) || grid.length !== r.rows || grid.some((row) => !Array.isArray(row) || row.length !== r.columns)) {
      throw new StandInError('InvalidArgument', `The number of rows or columns in the ${what} array doesn't match the size or dimensions of the range (${r.rows}×${r.columns}).`);
    }
  }

  set values(grid: unknown[][]) {
    this.ctx.enqueue(
      grid,
      () => {
        this.checkShape(grid, 'values');
        this.checkWritable();
        const r = this.ref;
        grid.forEach((row, i) => row.forEach((v, j) => writeCell(r.sheet, r.row + i, r.column + j, v)));
      },
      arrayChunkBytes(grid),
    );
    this.forget('values');
  }

  /** A grid the range's shape, or one value (not an array) that Excel applies to every cell of the range. */
  set numberFormat(grid: unknown[][] | string) {
    const one = !Array.isArray(grid);
    this.ctx.enqueue(grid, () => {
      if (!one) this.checkShape(grid, 'numberFormat');
      this.checkWritable();
      const r = this.ref;
      const set = (i: number, j: number, f: unknown) => {
        if (f === null || f === undefined) return;
        const k = key(r.row + i, r.column + j);
        const cell = r.sheet.cells.get(k) ?? { value: '', numberFormat: 'General' };
        cell.numberFormat = String(f);
        r.sheet.cells.set(k, cell);
      };
      if (one) for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.columns; j++) set(i, j, grid);
      else (grid as unknown[][]).forEach((row, i) => row.forEach((f, j) => set(i, j, f)));
    }, one ? 0 : arrayChunkBytes(grid));
    this.forget('numberFormat');
  }

  clear(applyTo?: string) {
    this.ctx.enqueue({ clear: applyTo ?? 'All' }, () => {
      this.checkWritable();
      const r = this.ref;
      for (let i = 0; i < r.rows; i++)
        for (let j = 0; j < r.columns; j++) {
          const k = key(r.row + i, r.column + j);
          const cell = r.sheet.cells.get(k);
          if (!cell) continue;
          if (applyTo === 'Formats') cell.numberFormat = 'General';
          else if (applyTo === 'Contents') {
            cell.value = '';
            delete cell.formula;
          } else r.sheet.cells.delete(k);
        }
    });
  }

  select() {
    this.ctx.enqueue('select', () => {
      const r = this.ref;
      this.ctx.state.selection = addressOf(r.sheet.name, r.row, r.column, r.rows, r.columns);
    });
  }

  get format() {
    const ctx = this.ctx;
    const range = this;
    return {
      set columnWidth(points: number) {
        ctx.enqueue({ columnWidth: points }, () => {
          range.checkWritable();
          ctx.state.refusal('columnWidth');
          const r = range.ref;
          for (let j = 0; j < r.columns; j++) {
            r.sheet.columnWidths.set(r.column + j, points);
            // Part A: a width shows a hidden column again (undocumented; modelled harshly).
            r.sheet.hiddenColumns.delete(r.column + j);
          }
        });
      },
      autofitColumns: () => ctx.enqueue('autofit', () => range.checkWritable()),
      autofitRows: () => ctx.enqueue('autofitRows', () => range.checkWritable()),
      set wrapText(value: boolean) {
        ctx.enqueue({ wrapText: value }, () => {
          range.checkWritable();
          range.eachCell((c) => (c.wrap = value));
        });
      },
      font: {
        set bold(value: boolean) {
          ctx.enqueue({ bold: value }, () => range.checkWritable());
        },
      },
      fill: {
        set color(value: string) {
          ctx.enqueue({ fill: value }, () => {
            range.checkWritable();
            range.eachCell((c) => (c.fill = value));
          });
        },
      },
      protection: {
        set locked(value: boolean) {
          ctx.enqueue({ locked: value }, () => {
            range.checkWritable();
            range.eachCell((c) => (c.unlocked = !value));
          });
        },
      },
    };
  }
}

/** A fresh stand-in workbook with an `Excel`-like namespace over it. */
export function createStandInExcel(sheetNames?: string[]) {
  const workbook = new StandInWorkbook(sheetNames);
  return {
    workbook,
    /** Part B: what Office.context.requirements would answer in this Excel. */
    Office: { context: { requirements: workbook.requirements } },
    Excel: {
      run: workbook.run,
      ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents' },
      ErrorCodes: {
        requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
        responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
        propertyNotLoaded: 'PropertyNotLoaded',
        invalidArgument: 'InvalidArgument',
        itemNotFound: 'ItemNotFound',
      },
    },
  };
}

// Compile-time checks that the stand-in's shapes match @types/office-js for
// the members the adapter uses.
type Conforms<T extends U, U> = T;
export type RangeConforms = Conforms<
  StandInRange,
  Pick<Excel.Range, 'values' | 'numberFormat' | 'address' | 'rowCount' | 'columnCount' | 'rowIndex' | 'columnIndex' | 'isNullObject' | 'clear' | 'select'>
>;
export type WorksheetConforms = Conforms<StandInWorksheet, Pick<Excel.Worksheet, 'name' | 'isNullObject' | 'activate' | 'delete'>>;
export type TableConforms = Conforms<StandInTable, Pick<Excel.Table, 'name' | 'style' | 'isNullObject' | 'delete'>>;

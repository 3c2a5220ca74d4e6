/**
 * Splits rows into blocks whose serialised size stays under a budget, so that
 * each `context.sync` carries at most that much (Excel on the web caps a
 * request at 5 MB). Pure: no Excel here.
 */
/** A formula the add-in means to write, e.g. formula('=SUM(D4:D6)'); every plain string is written as text. */
export interface Formula {
  readonly formula: string;
}

/** A cell as the sheet modules give it: text (always kept as text), a number, a boolean, a formula, or null (leave the cell alone). */
export type CellInput = string | number | boolean | null | Formula;

export const formula = (text: string): Formula => ({ formula: text.startsWith('=') ? text : `=${text}` });

export const isFormula = (v: unknown): v is Formula => typeof v === 'object' && v !== null && typeof (v as Formula).formula === 'string';

/**
 * Excel reads a string that starts with "=", "+" or "-" as a formula (the
 * Range.values reference), whatever the cell's number format as far as anyone
 * has documented; "@" starts a formula too in recent Excel. An apostrophe in
 * front keeps such text as text and is not part of the value Excel returns; a
 * string that starts with an apostrophe itself gets a second one, so it keeps
 * its own.
 */
const NEEDS_APOSTROPHE = /^[=+\-@']/;

/** The one place a cell's value is turned into what Range.values is given. */
export function cellValue(v: CellInput): string | number | boolean | null {
  if (isFormula(v)) return v.formula;
  if (typeof v === 'string' && NEEDS_APOSTROPHE.test(v)) return `'${v}`;
  return v;
}

const encoder = new TextEncoder();

/**
 * What Office.js adds to a request besides the values (estimates, generous on
 * purpose): each queued action carries its own object path, and an array of
 * more than 1,500 cells goes in chunks of 1,500, each with its own objects.
 */
export const OFFICE_ACTION_BYTES = 320;
export const OFFICE_CHUNK_CELLS = 1500;
export const OFFICE_CHUNK_BYTES = 640;

/** A value's size as JSON in UTF-8: what it weighs in a request or a response. */
export const jsonBytes = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

/**
 * Bytes a row adds to a request: its values as JSON, and its share of the
 * array's chunk objects. (Number formats go once per column range, not per
 * row: see `formatRuns`.)
 */
export function rowBytes(row: readonly CellInput[]): number {
  const json = encoder.encode(JSON.stringify(row.map(cellValue))).length + 1;
  return json + Math.ceil((row.length * OFFICE_CHUNK_BYTES) / OFFICE_CHUNK_CELLS);
}

/** Runs of neighbouring columns with the same number format, each [first column, columns, format]: one write each for a whole block. */
export function formatRuns(formats: readonly string[]): [number, number, string][] {
  const runs: [number, number, string][] = [];
  formats.forEach((f, j) => {
    const last = runs[runs.length - 1];
    if (last && last[2] === f) last[1]++;
    else runs.push([j, 1, f]);
  });
  return runs;
}

/**
 * Cells as few rectangles as cover exactly them: each column's runs of
 * consecutive rows, then runs over the same rows in neighbouring columns
 * joined. A refresh that changed a whole column is one rectangle, not a
 * format action per cell.
 */
export function rectangles(cells: readonly { row: number; column: number }[]): Block[] {
  const byColumn = new Map<number, number[]>();
  for (const c of cells) (byColumn.get(c.column) ?? byColumn.set(c.column, []).get(c.column)!).push(c.row);
  const out: Block[] = [];
  const open = new Map<string, Block>(); // rows "start:count" → the rectangle reaching the previous column
  for (const column of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byColumn.get(column))].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const r of rows) {
      const last = runs[runs.length - 1];
      if (last && last[0] + last[1] === r) last[1]++;
      else runs.push([r, 1]);
    }
    const next = new Map<string, Block>();
    for (const [row, count] of runs) {
      const k = `${row}:${count}`;
      const before = open.get(k);
      if (before && before.column + before.columns === column) {
        before.columns++;
        next.set(k, before);
      } else {
        const b = { row, column, rows: count, columns: 1 };
        out.push(b);
        next.set(k, b);
      }
    }
    open.clear();
    for (const [k, b] of next) open.set(k, b);
  }
  return out;
}

/** Half-open row ranges [start, end) whose estimated size is at most maxBytes each (a single huge row stands alone). */
export function planChunks(rows: readonly (readonly CellInput[])[], maxBytes: number): [number, number][] {
  const chunks: [number, number][] = [];
  let start = 0;
  let size = 0;
  rows.forEach((row, i) => {
    const bytes = rowBytes(row);
    if (i > start && size + bytes > maxBytes) {
      chunks.push([start, i]);
      start = i;
      size = 0;
    }
    size += bytes;
  });
  if (rows.length > start) chunks.push([start, rows.length]);
  return chunks;
}

/** Column letters for a zero-based index: 0 → A, 26 → AA. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface Block {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export const a1 = (b: Block) => `${columnLetters(b.column)}${b.row + 1}:${columnLetters(b.column + b.columns - 1)}${b.row + b.rows}`;

export function parseA1(address: string): Block {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(local);
  if (!m) throw new Error(`"${address}" is not an A1 address`);
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c1 = col(m[1]!);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  return { row: r1, column: c1, rows: r2 - r1 + 1, columns: c2 - c1 + 1 };
}

/** The parts of `outer` not covered by `inner` (at most two blocks: below and to the right). */
export function outside(outer: Block, inner: Block | null): Block[] {
  if (!inner) return [outer];
  const parts: Block[] = [];
  const innerBottom = inner.row + inner.rows;
  const innerRight = inner.column + inner.columns;
  if (outer.row + outer.rows > innerBottom) {
    const row = Math.max(outer.row, innerBottom);
    parts.push({ row, column: outer.column, rows: outer.row + outer.rows - row, columns: outer.columns });
  }
  if (outer.column + outer.columns > innerRight) {
    const column = Math.max(outer.column, innerRight);
    const bottom = Math.min(outer.row + outer.rows, innerBottom);
    if (bottom > outer.row) parts.push({ row: outer.row, column, rows: bottom - outer.row, columns: outer.column + outer.columns - column });
  }
  return parts;
}

export function intersect(a: Block, b: Block): Block | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  const right = Math.min(a.column + a.columns, b.column + b.columns);
  return bottom > row && right > column ? { row, column, rows: bottom - row, columns: right - column } : null;
}

/**
 * Nothing typed is lost (issue 8 §3): the one way an input grid sheet is
 * rewritten (a plan, the work month sheets, a scorecard, seasonality, class
 * rules, an indicator set). What a write put in the sheet's input cells is
 * kept in the workbook (writeStoredText, as the Targets sheet keeps its last
 * pull); before the next write, the input cells that differ from it are the
 * user's typing, and those the new write would change are handed back to be
 * asked about instead of written over. A sheet written before its cells were
 * kept has what is coming stand in for them (only cells that would change
 * count), as Targets does.
 */
import { cellText } from './cells.ts';
import { columnLetters, isFormula, parseA1 } from './chunks.ts';
import { readStoredText, readTaggedSheet, writeGridSheet, writeStoredText, type ExcelRun, type GridSheetSpec, type SheetRead, type WriteReport } from './workbook.ts';

/** A sheet's input cells the user typed that a write would change. */
export interface TypedSheet {
  sheetName: string;
  /** "B9", in the sheet's order. */
  cells: string[];
}

/** Where a sheet's input cells as last written are kept: by its kind and identity (the sheet may be renamed). */
export const keptKey = (spec: Pick<GridSheetSpec, 'kind' | 'identity'>) =>
  `inputs:${spec.kind}:${JSON.stringify(Object.entries(spec.identity ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;

/**
 * A cell's value as a comparison sees it: text trimmed; in a column that is
 * not text, a number written as text ("1234.50", which Excel stores as the
 * number 1234.5) as that number.
 */
export function inputText(v: unknown, numberFormat: string): string {
  const text = cellText(v);
  if (numberFormat === '@' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return text;
  return cellText(Number(text));
}

/** The header's row on the sheet (a banner above it pushes it down). */
const top = (spec: GridSheetSpec) => (spec.banner === undefined ? 0 : 1);

/** What the spec writes in a cell (zero-based, within the sheet), as a comparison sees it; "" outside its rows. */
function written(spec: GridSheetSpec, row: number, column: number): string {
  const r = spec.rows[row - top(spec) - 1];
  const v = r?.[column];
  if (v === undefined || isFormula(v)) return '';
  return inputText(v, spec.columns[column]?.numberFormat ?? 'General');
}

/** The cells typed in (`input` and `extraInputs`), each with what the spec writes there, by "B9". */
export function inputCells(spec: GridSheetSpec): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of [spec.input, ...(spec.extraInputs ?? []).map((x) => x.block)]) {
    for (let i = 0; i < b.rows; i++) for (let j = 0; j < b.columns; j++) out.set(`${columnLetters(b.column + j)}${b.row + i + 1}`, written(spec, b.row + i, b.column + j));
  }
  return out;
}

export const keptText = (spec: GridSheetSpec) => JSON.stringify(Object.fromEntries(inputCells(spec)));

export function readKept(text: string | null): Map<string, string> | null {
  if (!text) return null;
  try {
    return new Map(Object.entries(JSON.parse(text) as Record<string, string>));
  } catch {
    return null;
  }
}

/**
 * The input cells of a sheet as read that the user typed (they differ from
 * what was kept at the last write; with nothing kept, from what is coming)
 * and that the incoming write would change. A cell keeps the number format
 * the last write gave it, which is the incoming one's for the same column.
 */
export function typedInputCells(read: Pick<SheetRead, 'values'>, kept: Map<string, string> | null, incoming: GridSheetSpec): string[] {
  const coming = inputCells(incoming);
  const cells = kept ?? coming;
  const out: string[] = [];
  for (const [cell, was] of cells) {
    const { row, column } = parseA1(cell);
    const format = incoming.columns[column]?.numberFormat ?? 'General';
    const now = inputText(read.values[row]?.[column], format);
    if (now === was) continue;
    if (now === (coming.get(cell) ?? written(incoming, row, column))) continue;
    out.push(cell);
  }
  // In the sheet's order: by row, then column.
  const at = (cell: string) => parseA1(cell);
  return out.sort((a, b) => at(a).row - at(b).row || at(a).column - at(b).column);
}

/**
 * Before a rewrite: the cells the user typed in the sheet this spec would
 * replace, that the write would change; null when there are none (or no such
 * sheet). `read`: the sheet as just read (its tags' kind and identity the
 * spec's), else it is read now.
 */
export async function typedBeforeWrite(run: ExcelRun, spec: GridSheetSpec, read?: SheetRead | null): Promise<TypedSheet | null> {
  const sheet = read === undefined ? await readTaggedSheet(run, spec.kind, spec.identity ?? {}) : read;
  if (!sheet) return null;
  const cells = typedInputCells(sheet, readKept(await readStoredText(run, keptKey(spec))), spec);
  return cells.length ? { sheetName: sheet.sheetName, cells } : null;
}

/** Writes an input grid (writeGridSheet) and keeps what its input cells were written with. */
export async function writeInputSheet(run: ExcelRun, spec: GridSheetSpec, options: Parameters<typeof writeGridSheet>[2] = {}): Promise<WriteReport> {
  const report = await writeGridSheet(run, spec, options);
  await writeStoredText(run, keptKey(spec), keptText(spec));
  return report;
}

/** A sheet to write, with the sheet as just read when it was (its handle then goes to the write). */
export interface InputWrite {
  spec: GridSheetSpec;
  read?: SheetRead | null;
}

/**
 * Rewrites input grids (one action's sheets, e.g. the month's log and
 * reports) unless the user typed cells in any of them that the writes would
 * change: then nothing is written and those cells come back, for the pane to
 * ask about; `replace` once the user said to replace them.
 */
export async function rewriteInputSheets(run: ExcelRun, writes: InputWrite[], replace = false): Promise<{ typed: TypedSheet[] } | { reports: WriteReport[] }> {
  // Each sheet read once: what it holds is compared, and what the read found goes to the write (no second look).
  const reads: (SheetRead | null)[] = [];
  for (const w of writes) reads.push(w.read !== undefined ? w.read : await readTaggedSheet(run, w.spec.kind, w.spec.identity ?? {}));
  if (!replace) {
    const typed: TypedSheet[] = [];
    for (const [i, w] of writes.entries()) {
      const t = await typedBeforeWrite(run, w.spec, reads[i]!);
      if (t) typed.push(t);
    }
    if (typed.length) return { typed };
  }
  const reports: WriteReport[] = [];
  for (const [i, w] of writes.entries()) reports.push(await writeInputSheet(run, w.spec, { sheet: reads[i]?.sheet }));
  return { reports };
}

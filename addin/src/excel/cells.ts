/**
 * Reading cells back and naming them: what a cell holds as text, a problem
 * at a cell ("Sheet!B4: message", with the cell kept for the pane's link to
 * it), and problems in the sheet's order. Pure; shared by every sheet read
 * back (targets, plans, scorecards, the calendar, indicator sets…).
 */
import { columnLetters } from './chunks.ts';

/** A problem to show, at its cell when it has one (one click in the pane selects it). */
export interface Issue {
  cell: string | null;
  message: string;
}

/** A cell's value as text: trimmed; a number as Excel shows it (to 15 significant digits, no float noise); nothing as "". */
export const cellText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(Number(v.toPrecision(15))) : String(v).trim());

/**
 * A count typed in a cell, from its cellText: blank is 0; a plain decimal
 * ("12", "-3", "1.5") its number, for the shared rules to judge (whole, not
 * negative, not too many); anything else ("两", "0x10", "1e2" typed as text,
 * "Infinity") NaN, for the reader to name as not a whole number, never a
 * number JavaScript would make of it. The one reading of counts every sheet
 * uses (plans, work logs).
 */
export const typedCount = (text: string): number => (text === '' ? 0 : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN);

/** A problem at a cell of a sheet (row and column 0-based), its message prefixed with the cell. */
export function cellIssue(sheet: string, row: number, column: number, message: string): Issue {
  const cell = `${sheet}!${columnLetters(column)}${row + 1}`;
  return { cell, message: `${cell}: ${message}` };
}

/** Problems as the sheet reads: by row, then column; those of no cell last, in the order given. */
export function inSheetOrder(issues: readonly Issue[]): Issue[] {
  const place = (i: Issue): [number, string] => {
    const m = /!([A-Z]+)(\d+)$/.exec(i.cell ?? '');
    return m ? [Number(m[2]), m[1]!.padStart(3, ' ')] : [Number.MAX_SAFE_INTEGER, ''];
  };
  return [...issues].sort((a, b) => {
    const [ra, ca] = place(a);
    const [rb, cb] = place(b);
    return ra - rb || (ca < cb ? -1 : ca > cb ? 1 : 0);
  });
}

/**
 * A short digest of text (FNV-1a, 32 bits, hex), kept with a sheet as it was
 * written so that writing it again can tell a sheet typed in from one left
 * as it was. Not for security: a change that keeps the digest is a one in
 * four billion chance.
 */
export function textDigest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The digest of a block of cells as text (cellText), trailing blank rows and cells aside. */
export function cellsDigest(rows: readonly (readonly unknown[])[]): string {
  const lines = rows.map((r) => r.map(cellText).join('\t').replace(/\t+$/, ''));
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  return textDigest(lines.join('\n'));
}

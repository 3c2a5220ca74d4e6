/**
 * The Excel stand-in's formula evaluator: just the formulas the add-in
 * writes (numbers, cell references on the same sheet, `+` and `-`, unary
 * signs, parentheses, and SUM over references and ranges). Anything else is
 * refused when written (StandInUnsupportedFormula), so a test that writes a
 * formula the stand-in cannot compute fails loudly instead of passing on "".
 *
 * Semantics follow Excel where they matter to the add-in:
 * - an empty cell is 0 in arithmetic and ignored by SUM;
 * - SUM ignores text and booleans in ranges; `+`/`-` on text that is not a
 *   number gives #VALUE!; errors propagate;
 * - arithmetic is IEEE double, as in Excel (no decimal rounding);
 * - a circular reference evaluates to #CIRCULAR! here (Excel warns and shows
 *   0): a loud value that no test expects.
 */
import { parseA1 } from '../../addin/src/excel/chunks.ts';

export type FormulaValue = number | string | boolean;

export type Formula =
  | { kind: 'number'; value: number }
  | { kind: 'ref'; row: number; column: number }
  | { kind: 'range'; row: number; column: number; rows: number; columns: number }
  | { kind: 'neg'; of: Formula }
  | { kind: 'binary'; op: '+' | '-'; left: Formula; right: Formula }
  | { kind: 'sum'; args: Formula[] };

export class UnsupportedFormula extends Error {
  constructor(readonly formula: string, reason: string) {
    super(`The stand-in cannot compute ${JSON.stringify(formula)}: ${reason}. It evaluates numbers, cell references, + and -, parentheses and SUM only.`);
  }
}

const REF = /^\$?[A-Z]{1,3}\$?\d+/i;

/** Parses "=…" into a tree; throws UnsupportedFormula for anything outside the small grammar. */
export function parseFormula(text: string): Formula {
  if (!text.startsWith('=')) throw new UnsupportedFormula(text, 'a formula starts with "="');
  const src = text.slice(1);
  let at = 0;
  const fail = (why: string): never => {
    throw new UnsupportedFormula(text, `${why} at character ${at + 2}`);
  };
  const peek = () => src[at];
  const ref = (): { row: number; column: number } | null => {
    const m = REF.exec(src.slice(at));
    if (!m) return null;
    at += m[0].length;
    const b = parseA1(m[0]);
    return { row: b.row, column: b.column };
  };
  const primary = (inSum: boolean): Formula => {
    const ch = peek();
    if (ch === undefined) return fail('the formula ends early');
    if (ch === '(') {
      at++;
      const e = expr(false);
      if (peek() !== ')') fail('expected ")"');
      at++;
      return e;
    }
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(at));
    if (num) {
      at += num[0].length;
      return { kind: 'number', value: Number(num[0]) };
    }
    if (/^SUM\(/i.test(src.slice(at))) {
      at += 4;
      const args: Formula[] = [];
      if (peek() !== ')') {
        for (;;) {
          args.push(expr(true));
          if (peek() === ',') at++;
          else break;
        }
      }
      if (peek() !== ')') fail('expected ")" after SUM\'s arguments');
      at++;
      return { kind: 'sum', args };
    }
    const a = ref();
    if (a) {
      if (peek() === ':') {
        at++;
        const b = ref() ?? fail('expected a cell after ":"');
        if (!inSum) fail('a range is supported only as an argument of SUM');
        const row = Math.min(a.row, b.row);
        const column = Math.min(a.column, b.column);
        return { kind: 'range', row, column, rows: Math.abs(a.row - b.row) + 1, columns: Math.abs(a.column - b.column) + 1 };
      }
      return { kind: 'ref', ...a };
    }
    return fail(`unexpected ${JSON.stringify(ch)}`);
  };
  const unary = (inSum: boolean): Formula => {
    if (peek() === '-') {
      at++;
      return { kind: 'neg', of: unary(false) };
    }
    if (peek() === '+') {
      at++;
      return unary(false);
    }
    return primary(inSum);
  };
  const expr = (inSum: boolean): Formula => {
    let left = unary(inSum);
    while (peek() === '+' || peek() === '-') {
      if (left.kind === 'range') fail('a range is supported only as an argument of SUM');
      const op = peek() as '+' | '-';
      at++;
      left = { kind: 'binary', op, left, right: unary(false) };
    }
    return left;
  };
  const tree = expr(false);
  if (at < src.length) fail(`unexpected ${JSON.stringify(src[at])}`);
  return tree;
}

/** What a cell holds, as the evaluator asks for it. */
export type CellLookup = (row: number, column: number) => { value: FormulaValue | ''; formula?: string } | undefined;

const ERRORS = new Set(['#VALUE!', '#REF!', '#NAME?', '#DIV/0!', '#N/A', '#NUM!', '#NULL!', '#CIRCULAR!']);
const isError = (v: unknown): boolean => typeof v === 'string' && ERRORS.has(v);

/** Computes cells' values on one sheet; one instance per read, so shared references are computed once. */
export class SheetEvaluator {
  private cache = new Map<string, FormulaValue | ''>();
  private active = new Set<string>();
  constructor(private readonly lookup: CellLookup) {}

  /** The value a cell shows: its constant, or its formula's result. */
  value(row: number, column: number): FormulaValue | '' {
    const cell = this.lookup(row, column);
    if (!cell) return '';
    if (!cell.formula) return cell.value;
    const k = `${row},${column}`;
    if (this.cache.has(k)) return this.cache.get(k)!;
    if (this.active.has(k)) return '#CIRCULAR!';
    this.active.add(k);
    const v = this.evaluate(parseFormula(cell.formula));
    this.active.delete(k);
    this.cache.set(k, v);
    return v;
  }

  private number(f: Formula): number | string {
    const v = this.evaluate(f);
    if (isError(v)) return v as string;
    if (v === '') return 0;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    const n = Number(v.trim());
    return v.trim() !== '' && Number.isFinite(n) ? n : '#VALUE!';
  }

  private evaluate(f: Formula): FormulaValue | '' {
    switch (f.kind) {
      case 'number':
        return f.value;
      case 'ref':
        return this.value(f.row, f.column);
      case 'range':
        return '#VALUE!';
      case 'neg': {
        const v = this.number(f.of);
        return typeof v === 'string' ? v : -v;
      }
      case 'binary': {
        const a = this.number(f.left);
        if (typeof a === 'string') return a;
        const b = this.number(f.right);
        if (typeof b === 'string') return b;
        return f.op === '+' ? a + b : a - b;
      }
      case 'sum': {
        let total = 0;
        for (const arg of f.args) {
          if (arg.kind === 'range' || arg.kind === 'ref') {
            const r = arg.kind === 'range' ? arg : { ...arg, rows: 1, columns: 1 };
            for (let i = 0; i < r.rows; i++)
              for (let j = 0; j < r.columns; j++) {
                const v = this.value(r.row + i, r.column + j);
                if (isError(v)) return v as string;
                if (typeof v === 'number') total += v; // SUM skips text, booleans and blanks in references
              }
          } else {
            const v = this.number(arg);
            if (typeof v === 'string') return v;
            total += v;
          }
        }
        return total;
      }
    }
  }
}

/**
 * Exact arithmetic formulas for compensation plans, e.g. "sales * 0.9 / 1.17":
 * numbers, names of inputs, + - * / and parentheses — nothing else (no
 * function calls, no property access), evaluated on exact rationals (bigint
 * numerator and denominator), so that a plan is data and cannot run code.
 * Small enough to read in one sitting; a general expression library would
 * have to be fenced off to this subset anyway.
 */
export class FormulaError extends Error {}

/** An exact rational number n/d with d > 0, in lowest terms. */
export interface Rational {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
};

export function rational(n: bigint, d = 1n): Rational {
  if (d === 0n) throw new FormulaError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

export const add = (a: Rational, b: Rational) => rational(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational) => rational(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational) => rational(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational) => {
  if (b.n === 0n) throw new FormulaError('division by zero');
  return rational(a.n * b.d, a.d * b.n);
};
export const cmp = (a: Rational, b: Rational) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};

/** A decimal string ("0.9", "-12.5") as an exact rational. */
export function decimal(text: string): Rational {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new FormulaError(`"${text}" is not a decimal number`);
  const frac = m[3] ?? '';
  const n = BigInt(m[2]! + frac) * (m[1] ? -1n : 1n);
  return rational(n, 10n ** BigInt(frac.length));
}

/** Fen (1/100 yuan) as an exact rational number of yuan. */
export const fromFen = (fen: bigint) => rational(fen, 100n);

/** Rounds yuan half away from zero to whole fen. */
export function toFenHalfUp(r: Rational): bigint {
  const n = r.n * 100n;
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs * 2n + r.d) / (r.d * 2n);
  return negative ? -q : q;
}

/** A rational shown as a decimal, with at most `places` places and "…" when cut short. */
export function show(r: Rational, places = 4): string {
  const negative = r.n < 0n;
  const n = negative ? -r.n : r.n;
  const whole = n / r.d;
  let rest = n % r.d;
  let digits = '';
  for (let i = 0; i < places && rest; i++) {
    rest *= 10n;
    digits += (rest / r.d).toString();
    rest %= r.d;
  }
  return `${negative ? '-' : ''}${whole}${digits ? `.${digits}` : ''}${rest ? '…' : ''}`;
}

type Node = { kind: 'num'; value: Rational; text: string } | { kind: 'name'; name: string } | { kind: 'op'; op: '+' | '-' | '*' | '/'; left: Node; right: Node } | { kind: 'neg'; arg: Node };

export interface Formula {
  source: string;
  names: string[];
  ast: Node;
}

/** Parses a formula; names must come from `allowed` (the plan's inputs). */
export function parseFormula(source: string, allowed: readonly string[]): Formula {
  const tokens = [...source.matchAll(/\s*(\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/()]|\S)/g)].map((m) => m[1]!);
  let i = 0;
  const names = new Set<string>();
  const peek = () => tokens[i];
  const fail = (what: string): never => {
    throw new FormulaError(`The formula "${source}" ${what}`);
  };
  const primary = (): Node => {
    const t = tokens[i++];
    if (t === undefined) return fail('ends too early');
    if (t === '(') {
      const e = expr();
      if (tokens[i++] !== ')') fail('has an unclosed "("');
      return e;
    }
    if (t === '-') return { kind: 'neg', arg: primary() };
    if (/^\d/.test(t)) return { kind: 'num', value: decimal(t), text: t };
    if (/^[A-Za-z_]/.test(t)) {
      if (!allowed.includes(t)) fail(`uses "${t}", which is not one of ${allowed.join(', ')}`);
      if (peek() === '(') fail(`calls "${t}(…)"; only + - * / and parentheses are allowed`);
      names.add(t);
      return { kind: 'name', name: t };
    }
    return fail(`has "${t}" where a number or a name should be`);
  };
  const term = (): Node => {
    let left = primary();
    while (peek() === '*' || peek() === '/') left = { kind: 'op', op: tokens[i++] as '*' | '/', left, right: primary() };
    return left;
  };
  const expr = (): Node => {
    let left = term();
    while (peek() === '+' || peek() === '-') left = { kind: 'op', op: tokens[i++] as '+' | '-', left, right: term() };
    return left;
  };
  if (!source.trim()) fail('is empty');
  const ast = expr();
  if (i < tokens.length) fail(`has "${tokens[i]}" where it should end`);
  // A divisor must be a non-zero constant: a divisor with an input in it can be
  // zero in some month, and the payslip could not be computed.
  const constant = (n: Node): boolean => n.kind === 'num' || (n.kind === 'neg' && constant(n.arg)) || (n.kind === 'op' && constant(n.left) && constant(n.right));
  const checkDivisors = (n: Node): void => {
    if (n.kind === 'neg') return checkDivisors(n.arg);
    if (n.kind !== 'op') return;
    checkDivisors(n.left);
    checkDivisors(n.right);
    if (n.op !== '/') return;
    if (!constant(n.right)) fail('divides by an input, which can be zero; divide only by numbers');
    if (evaluate({ source, names: [], ast: n.right }, {}).n === 0n) fail('has a division by zero');
  };
  checkDivisors(ast);
  return { source, names: [...names], ast };
}

/** Evaluates exactly; `values` gives each name as a rational. */
export function evaluate(f: Formula, values: Record<string, Rational>): Rational {
  const ev = (n: Node): Rational => {
    switch (n.kind) {
      case 'num':
        return n.value;
      case 'name': {
        const v = values[n.name];
        if (!v) throw new FormulaError(`No value for "${n.name}"`);
        return v;
      }
      case 'neg':
        return rational(-ev(n.arg).n, ev(n.arg).d);
      case 'op': {
        const a = ev(n.left);
        const b = ev(n.right);
        return n.op === '+' ? add(a, b) : n.op === '-' ? sub(a, b) : n.op === '*' ? mul(a, b) : div(a, b);
      }
    }
  };
  return ev(f.ast);
}

/** The formula with each name replaced by its value, for an explanation: "20000.00 × 0.9 ÷ 1.17". */
export function substitute(f: Formula, values: Record<string, string>): string {
  const show = (n: Node, parentPrec = 0): string => {
    switch (n.kind) {
      case 'num':
        return n.text;
      case 'name':
        return values[n.name] ?? n.name;
      case 'neg':
        return `-${show(n.arg, 3)}`;
      case 'op': {
        const prec = n.op === '+' || n.op === '-' ? 1 : 2;
        const text = `${show(n.left, prec)} ${{ '+': '+', '-': '−', '*': '×', '/': '÷' }[n.op]} ${show(n.right, prec + 1)}`;
        return prec < parentPrec ? `(${text})` : text;
      }
    }
  };
  return show(f.ast);
}

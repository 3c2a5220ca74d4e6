/**
 * Money as integer fen (CNY minor units, 0.01). Pure and exact: amounts are
 * bigint, never a JS float. Shared by the add-in and the server.
 */
export type Fen = bigint;

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

export class MoneyFormatError extends Error {
  constructor(readonly input: string, reason: string) {
    super(`"${input}" is not an amount of money: ${reason}`);
  }
}

/** The largest amount the database columns hold: 64-bit signed fen (92,233,720,368,547,758.07 yuan). */
export const MAX_FEN: Fen = 2n ** 63n - 1n;
export const MIN_FEN: Fen = -(2n ** 63n);
export const isFenInRange = (fen: Fen) => fen >= MIN_FEN && fen <= MAX_FEN;

export class MoneyRangeError extends MoneyFormatError {
  readonly reason = 'MONEY_OUT_OF_RANGE';
  constructor(input: string) {
    super(input, `beyond the supported range of ±${formatMoney(MAX_FEN)}`);
  }
}

/**
 * A decimal text with its thousands separators taken out ("1,234.5" → "1234.5"),
 * or null when a comma stands anywhere else ("1,2,3", "12,34"): such a text
 * is a typing slip, not a number to guess at.
 */
export function ungrouped(text: string): string | null {
  if (!text.includes(',')) return text;
  return /^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text) ? text.replace(/,/g, '') : null;
}

/** Parses a decimal string such as "1234.5", "1,234.50" or "-0.07" into fen; refuses amounts beyond 64-bit fen. */
export function parseMoney(input: string): Fen {
  const text = ungrouped(input.trim());
  if (text === null) throw new MoneyFormatError(input, 'commas only between groups of three digits, such as 1,234.56');
  const m = DECIMAL.exec(text);
  if (!m) {
    if (/^-?\d+\.\d{3,}$/.test(text)) throw new MoneyFormatError(input, 'more than two decimal places (fen)');
    throw new MoneyFormatError(input, 'expected a decimal number such as 1234.56');
  }
  const [, sign, whole, frac = ''] = m;
  // A thousand digits would still parse exactly; refuse before building a huge bigint.
  if (whole!.replace(/^0+/, '').length > 19) throw new MoneyRangeError(input);
  const fen = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
  const signed = sign ? -fen : fen;
  if (!isFenInRange(signed)) throw new MoneyRangeError(input);
  return signed;
}

/** Formats fen as a plain decimal string with two places: 123450n -> "1234.50". */
export function formatMoney(fen: Fen): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Whether fenToCellNumber can write fen as a spreadsheet number (below 2^53 fen either way). */
export const isCellNumber = (fen: Fen): boolean => fen <= BigInt(Number.MAX_SAFE_INTEGER) && fen >= -BigInt(Number.MAX_SAFE_INTEGER);

/** Converts fen to a Number of yuan for display in a spreadsheet cell; exact below 2^53 fen. */
export function fenToCellNumber(fen: Fen): number {
  if (!isCellNumber(fen)) {
    throw new RangeError(`amount ${formatMoney(fen)} is too large to write as a spreadsheet number`);
  }
  // A decimal string keeps the cell's value the nearest double to the exact amount.
  return Number(formatMoney(fen));
}

/**
 * Fen for a cell that must show whatever is stored: the number fenToCellNumber
 * gives, or, for an amount no spreadsheet number holds, the exact amount as
 * text ("1000000000000000.00"): the sheet is still written, and reading the
 * cell back gives the amount for the checks to name, where throwing would
 * refuse the whole sheet.
 */
export const fenToCellValue = (fen: Fen): number | string => (isCellNumber(fen) ? fenToCellNumber(fen) : formatMoney(fen));

/** Divides with rounding half away from zero, the rule domain §7 calls half-up. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}

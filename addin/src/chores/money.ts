/**
 * Money as people type it in the pane (yuan, "300", "-50.5", "1,200.00")
 * and as the API's Money scalar carries it ("1200.00"), exact: parsed to fen
 * and formatted back, never through a float. Shown with Intl in the pane's
 * language.
 */
import { formatMoney, parseMoney } from '../../../schema/money.ts';
import type { Locale } from '../i18n.ts';

/** The Money string for what was typed, or null when it is not an amount (or is zero and zero is not allowed). */
export function yuanToMoney(typed: string, options: { allowZero?: boolean } = {}): string | null {
  try {
    const fen = parseMoney(typed);
    if (fen === 0n && !options.allowZero) return null;
    return formatMoney(fen);
  } catch {
    return null;
  }
}

/** A Money string as the pane shows it: ¥, thousands separators, two decimals, in the pane's language. Exact (Intl takes the decimal string). */
export function showMoney(locale: Locale, money: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return format.format(money as unknown as number);
}

/** The exact sum of Money strings. */
export function sumMoney(amounts: string[]): string {
  return formatMoney(amounts.reduce((a, m) => a + parseMoney(m), 0n));
}

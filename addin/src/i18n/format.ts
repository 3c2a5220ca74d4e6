/**
 * Numbers, money and periods as the pane shows them, the same in zh-CN and
 * English and the same as the sheets' formats (`#,##0.00`, ¥ in the pane).
 * Amounts arrive as exact decimal strings ("20000.5", "-3.10"): they are
 * grouped as text, never through a float.
 */
import type { Locale } from '../i18n.ts';
import { CN_CALENDAR } from '../../../schema/working-calendar.ts';

/** "1234567.5" → "1,234,567.50" (money: always two decimals). */
export function groupDecimal(text: string, decimals: number | null = 2): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return text;
  const [, sign, int, frac = ''] = m;
  const grouped = int!.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const f = decimals === null ? frac : (frac + '0'.repeat(decimals)).slice(0, decimals);
  return `${sign}${grouped}${f ? `.${f}` : ''}`;
}

/** Money for the pane: "¥1,234.50". */
export const formatMoneyText = (text: string) => {
  const g = groupDecimal(text, 2);
  return g.startsWith('-') ? `-¥${g.slice(1)}` : `¥${g}`;
};

/** A count: "12,345". */
export const formatCountText = (text: string, locale: Locale) =>
  /^-?\d+$/.test(text) ? new Intl.NumberFormat(locale).format(BigInt(text)) : text;

/** A percentage given as a decimal string of percent points ("87.5" → "87.5%"). */
export const formatPercentText = (text: string) => `${groupDecimal(text, null)}%`;

/** An amount of a metric: money as "¥1,234.50", counts grouped. */
export const formatAmountText = (text: string, unit: 'money' | 'count', locale: Locale) =>
  unit === 'money' ? formatMoneyText(text) : formatCountText(text, locale);

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period key as people read it: 2026-03 → "2026年3月" / "Mar 2026". Unknown shapes are shown as they are. */
export function formatPeriod(key: string, locale: Locale): string {
  const zh = locale === 'zh-CN';
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(key))) return zh ? `${m[1]}年` : m[1]!;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return zh ? `${m[1]}年第${m[2]}季度` : `Q${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return zh ? `${m[1]}年${m[2] === '1' ? '上' : '下'}半年` : `H${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) return zh ? `${m[1]}年${Number(m[2])}月` : `${MONTHS_EN[Number(m[2]) - 1]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})-W(\d)$/.exec(key))) return zh ? `${m[1]}年${Number(m[2])}月第${m[3]}周` : `${MONTHS_EN[Number(m[2]) - 1]} ${m[1]} week ${m[3]}`;
  if ((m = /^(\d{4})-(\d{2})-D([1-3])$/.exec(key))) {
    const zhBlock = ['上旬', '中旬', '下旬'][Number(m[3]) - 1];
    const enBlock = ['1st', '2nd', '3rd'][Number(m[3]) - 1];
    return zh ? `${m[1]}年${Number(m[2])}月${zhBlock}` : `${MONTHS_EN[Number(m[2]) - 1]} ${m[1]} ${enBlock} ten days`;
  }
  if ((m = /^(\d{4})-(\d{2})-H([12])$/.exec(key))) return zh ? `${m[1]}年${Number(m[2])}月${m[3] === '1' ? '上' : '下'}半月` : `${MONTHS_EN[Number(m[2]) - 1]} ${m[1]} ${m[3] === '1' ? '1st' : '2nd'} half`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) return zh ? `${m[1]}年第${Number(m[2])}周` : `week ${Number(m[2])} of ${m[1]}`;
  // Year to date (the achievement range of a year read to a day): the fiscal year's start to the day.
  if ((m = /^(\d{4})-YTD$/.exec(key))) return zh ? `${m[1]}年年初至今` : `Year to date ${m[1]}`;
  return key;
}

/**
 * A period in a sheet name: as `formatPeriod` says it, except an English
 * ten-day block, said by its days ("11-20 Nov 2026"), so that a sheet's word
 * and its period fit Excel's 31 characters ("Performance 11-20 Nov 2026")
 * rather than losing their middle. Sheet names stay unique per period: each
 * key has its own label.
 */
export function sheetPeriod(key: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-D([1-3])$/.exec(key);
  if (!m || locale === 'zh-CN') return formatPeriod(key, locale);
  const block = Number(m[3]);
  const last = block < 3 ? block * 10 : new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return `${(block - 1) * 10 + 1}-${last} ${MONTHS_EN[Number(m[2]) - 1]} ${m[1]}`;
}

/** A working calendar's name as the reader says it: the built-in one (CN, China's public holidays and make-up days) is 中国 / China, not its code. */
export const calendarName = (locale: Locale, name: string) => (name === CN_CALENDAR ? (locale === 'zh-CN' ? '中国' : 'China') : name);

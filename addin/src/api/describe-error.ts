/**
 * What the pane says when a request fails, in the user's language: the
 * server's reason rendered from the catalogue (i18n/reasons.ts) with its
 * params, numbers, money and dates formatted by Intl for the locale, and
 * code values (statuses, metrics, roles, fields…) named in that language; the
 * server being unreachable or slow in the pane's own words. The server's
 * English message is never shown to a zh-CN user.
 */
import { WorkbookError } from '../excel/workbook.ts';
import type { Words } from '../i18n.ts';
import { format } from '../i18n.ts';
import { zh as zhReasons, fallback, others, transport, values } from '../i18n/reasons.ts';
import { isMoneyParam, isOthersParam, isReason, NAMES_SEPARATOR, type Reason } from '../../../schema/reasons.ts';
import { ApiError, DEFAULT_TIMEOUT_MS, RequestTimeout } from './client.ts';
import { showMoney } from '../chores/money.ts';
import { isIsoDay } from '../../../schema/dates.ts';
import { formatPeriod } from '../i18n/format.ts';

type Lang = 'en' | 'zh';
const langOf = (w: Words): Lang => (w.locale === 'zh-CN' ? 'zh' : 'en');
const localeOf = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A param's value as the user reads it. */
function formatParam(w: Words, lang: Lang, name: string, value: string | number): string {
  const locale = localeOf(lang);
  if (isMoneyParam(name) && DECIMAL.test(String(value).replace(/^±/, ''))) {
    // The decimal string itself (Intl formats it exactly), never a float: money is exact to the fen, ¥1,234.50 in both languages.
    return showMoney(locale, String(value).replace(/^±/, ''));
  }
  // A list of names, joined as the reader's language joins them (王芳、李娜).
  if (name === 'names' && lang === 'zh') return String(value).split(NAMES_SEPARATOR).join('、');
  if (isOthersParam(name)) return Number(value) > 0 ? format(others[lang], { others: new Intl.NumberFormat(locale).format(Number(value)) }) : '';
  if (typeof value === 'number') return new Intl.NumberFormat(locale, { useGrouping: name !== 'year' && name !== 'version' && name !== 'status' }).format(value);
  // A day that exists, in the reader's words; a text only shaped like one ("2026-13-01", a typing slip) is quoted as typed.
  if (ISO_DAY.test(value) && isIsoDay(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  }
  // A period or month key as people say it (2026年11月 / Nov 2026); any other text as it is.
  if (name === 'period' || name === 'month') return formatPeriod(value, locale);
  const named = enumName(w, lang, name, value);
  return named ?? value;
}

/** The name in this language of a code value (a status, metric, role…), if the param is one. */
function enumName(w: Words, lang: Lang, name: string, value: string): string | undefined {
  const table: Record<string, string> | undefined =
    name === 'runStatus'
      ? w.payroll.statuses
      : name === 'planStatus'
        ? w.targets.statuses
        : name === 'rank'
          ? w.chores.ranks
          : name === 'metric'
            ? w.targets.metrics
            : name === 'level'
              ? w.targets.levels
              : name === 'parentKind'
                ? values[lang].unitKind
                : values[lang][name];
  return table?.[value];
}

/** The message for a failed request, in the language of `w`. */
export function describeError(w: Words, err: unknown): string {
  const lang = langOf(w);
  if (err instanceof ApiError) {
    if (err.code === 'TIMEOUT') return format(transport[lang].timeout, { seconds: Math.round((err.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000) });
    if (err.code === 'NETWORK') return transport[lang].offline;
    if (isReason(err.reason)) {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(err.params)) params[k] = formatParam(w, lang, k, v);
      return format(w.reasons[err.reason], params);
    }
    const byCode = fallback[lang] as Record<string, string>;
    return byCode[err.code ?? ''] ?? byCode.other!;
  }
  if (err instanceof RequestTimeout) return format(transport[lang].timeout, { seconds: Math.round(err.ms / 1000) });
  // fetch's own failure ("Failed to fetch", "NetworkError when attempting to fetch resource", "Load failed").
  if (err instanceof TypeError && /fetch|network|load failed/i.test(err.message)) return transport[lang].offline;
  // The workbook's refusals are codes too.
  if (err instanceof WorkbookError) return format(w.workbook[err.reason], err.params);
  // An Excel error (OfficeExtension.Error: a code and debugInfo): its message may be in English whatever
  // the user's language (PropertyNotLoaded, GeneralException…), so the pane says it in its own words, with the code.
  const code = excelErrorCode(err);
  if (code) {
    const t = transport[lang];
    const text = code === 'AccessDenied' ? t.excelProtected : code === 'InvalidOperationInCellEditMode' ? t.excelBusy : code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded' ? t.excelTooLarge : t.excel;
    return format(text, { code });
  }
  // Anything else is the pane's own, already in the user's language.
  return err instanceof Error ? err.message : String(err);
}

/** The code of an Excel JavaScript API error (RichApi.Error), or null for anything else. */
function excelErrorCode(err: unknown): string | null {
  if (!(err instanceof Error) || !('debugInfo' in err)) return null;
  const code = (err as Error & { code?: unknown }).code;
  return typeof code === 'string' && code ? code : null;
}

/**
 * A reason with its params as the reader reads them: the pane's own checks (the rule is the server's too) and the
 * problems a refusal names by cell, rendered as a refusal would be (money ¥1,234.50, days and code values in words).
 * A code the catalogue lacks (a newer server) is shown as it is.
 */
export function describeReason(w: Words, reason: Reason | string, params: Record<string, string | number>): string {
  const lang = langOf(w);
  return format(w.reasons[reason as Reason] ?? reason, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, formatParam(w, lang, k, v)])));
}

/** One import problem in the reader's language: where (sheet!cell, or the row) and why. */
export function describeProblem(w: Words, p: { sheet: string | null; cell: string | null; row: number; reason: string; params: { name: string; value: string }[]; message: string }): string {
  const lang = langOf(w);
  const where = p.sheet && p.cell ? `${p.sheet}!${p.cell}` : format(lang === 'zh' ? '第 {row} 行' : 'row {row}', { row: p.row });
  if (!isReason(p.reason)) return p.message;
  const params: Record<string, string> = {};
  for (const { name, value } of p.params) params[name] = formatParam(w, lang, name, value);
  return `${where}: ${format(w.reasons[p.reason], params)}`;
}

/**
 * Whether trying the same request again may well succeed: the server was slow
 * or out of reach. A refusal (bad input, permission, conflict) is not: the
 * same request would be refused again, so the pane offers no Retry for it.
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof ApiError) return err.code === 'TIMEOUT' || err.code === 'NETWORK' || err.reason === 'DATABASE_BUSY';
  if (err instanceof RequestTimeout) return true;
  return err instanceof TypeError && /fetch|network|load failed/i.test(err.message);
}

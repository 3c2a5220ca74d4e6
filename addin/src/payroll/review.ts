/**
 * What a signer (or finance) sees of a run before signing: headcount, total
 * pay, each component's total, and the change against the previous month,
 * computed exactly from the server's decimal strings. Pure, plus the query.
 */
import { formatMoney, parseMoney } from '../../../schema/money.ts';
import { TOTALS_FIELDS, type RunTotalsView, type SignOff } from './payroll-sheet.ts';
import { JOB_FIELDS, type JobView } from '../api/jobs.ts';
import { componentName } from '../i18n/pay-components.ts';
import type { Locale } from '../i18n.ts';

export const PAYROLL_REVIEW = `query PayrollReview($id: ID!) { payrollRun(id: $id) {
  run { id month version revision status scopeUnitName scopeUnitId }
  totals { ${TOTALS_FIELDS} } signOffs { role actor at comment } nextSigner viewerMaySign viewerMayReturn
  events { action actor at comment }
  calculation { ${JOB_FIELDS} }
  comparison(against: PREVIOUS_MONTH) { base { month version } baseTotals { ${TOTALS_FIELDS} } }
} }`;

export const PAYROLL_COMPARISON = `query PayrollComparison($id: ID!, $against: PayrollComparisonBase!) { payrollRun(id: $id) {
  comparison(against: $against) { base { month version scopeUnitId scopeUnitName } changes { employeeNo personName component label old new } }
} }`;

export interface RunReview {
  run: { id: string; month: string; version: number; revision: number; status: string; scopeUnitName: string; scopeUnitId: string };
  totals: RunTotalsView;
  signOffs: SignOff[];
  nextSigner: string | null;
  viewerMaySign: boolean;
  viewerMayReturn: boolean;
  /** The run's history, oldest first: a return's comment says why it came back. */
  events: { action: string; actor: string; at: string; comment: string | null }[];
  /** The newest calculation job the viewer may see: followed when the pane opens while it runs. */
  calculation?: JobView | null;
  comparison: { base: { month: string; version: number } | null; baseTotals: RunTotalsView | null };
}

export interface ReviewLine {
  key: string;
  label: string;
  amount: string;
  /** Now less the previous month (decimal string), or null when there is no previous month. */
  change: string | null;
}

const minus = (a: string, b: string | undefined) => formatMoney(parseMoney(a) - parseMoney(b ?? '0'));

/** Total net, total gross and each component (named in `locale`, as the Payroll sheet names it), with the change against the previous month's run. */
export function reviewLines(review: Pick<RunReview, 'totals' | 'comparison'>, names: { net: string; gross: string }, locale: Locale): ReviewLine[] {
  const base = review.comparison.baseTotals;
  const before = new Map(base?.components.map((c) => [c.key, c.total]) ?? []);
  const t = review.totals;
  return [
    { key: 'net', label: names.net, amount: t.net, change: base ? minus(t.net, base.net) : null },
    { key: 'gross', label: names.gross, amount: t.gross, change: base ? minus(t.gross, base.gross) : null },
    ...t.components.map((c) => ({ key: c.key, label: componentName(locale, c), amount: c.total, change: base ? minus(c.total, before.get(c.key)) : null })),
  ];
}

/** Money in the pane: ¥, thousands separators, two decimals, from the exact decimal string. */
export function paneMoney(locale: string, amount: string, signed = false): string {
  const f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: signed ? 'exceptZero' : 'auto' });
  return f.format(amount as unknown as number);
}

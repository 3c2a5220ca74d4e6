/**
 * A breakdown preview as the pane says it: the year target, then each
 * top-level period's share, amounts as everywhere in the pane (money as
 * ¥1,234.50, counts grouped), with the catalogue's punctuation.
 */
import { format, type Words, phrase } from '../i18n.ts';
import { formatAmountText } from '../i18n/format.ts';
import { METRICS, type Metric } from '../../../schema/metrics.ts';

export interface BreakdownPreview {
  total: string;
  row: { periodKey: string; amount: string }[];
}

export function previewText(w: Words, preview: BreakdownPreview, metric: string): { total: string; periods: string } {
  const unit = METRICS[metric as Metric]?.unit ?? 'money';
  const amount = (text: string) => formatAmountText(text, unit, w.locale);
  return {
    total: format(w.targets.previewTotal, { amount: amount(preview.total) }),
    periods: preview.row.map((l) => phrase(w.locale, w.targets.previewPeriod, { period: l.periodKey, amount: amount(l.amount) })).join(' · '),
  };
}

/**
 * The built-in compensation plans' component names in the reader's language.
 *
 * A plan is data: each component carries the label its plan gives it, and
 * the built-in plans (schema/compensation.ts DIRECT_SALES_LADDER,
 * BASE_PLUS_COMMISSION) give theirs in Chinese, which payslips keep as they
 * were calculated and the API answers as stored. The pane names a component
 * from this catalogue, by its key (the component's code; every adjustment,
 * "奖惩: reason", under `adjustments`), when its label is the built-in name
 * for that key in either language, and by its own label otherwise: a label a
 * customer wrote is theirs and shown as written.
 *
 * Likewise the reasons the product itself writes (the demo's top-three
 * rewards, server/seed/demo-payroll.ts), said in the reader's language; any
 * other reason is what someone typed, shown as typed.
 */
import type { Locale } from '../i18n.ts';
import { ADJUSTMENTS, componentKey } from '../../../schema/payroll-report.ts';

/** By component key: the built-in plans' label (zh-CN, as stored) and its English. */
const NAMES = new Map<string, Record<Locale, string>>([
  ['base', { 'zh-CN': '基本工资', en: 'Base salary' }],
  ['commission', { 'zh-CN': '提成', en: 'Commission' }],
  ['morningStar', { 'zh-CN': '晨星奖', en: 'Morning Star bonus' }],
  ['openStar', { 'zh-CN': '开星奖', en: 'Open Star bonus' }],
  ['override', { 'zh-CN': '团队奖', en: 'Team bonus' }],
  ['attendance', { 'zh-CN': '考勤扣款', en: 'Attendance deductions' }],
  [ADJUSTMENTS, { 'zh-CN': '奖惩', en: 'Rewards & penalties' }],
]);

/** The keys the catalogue names (each component of a built-in plan has one). */
export const NAMED_COMPONENTS: readonly string[] = [...NAMES.keys()];

/**
 * A component (a Payroll sheet column, a review line, a change) by its key
 * and label: the catalogue's name in `locale` when the label is the built-in
 * one for that key, in either language; the label as it is otherwise.
 */
export function componentName(locale: Locale | 'api', c: { key: string; label: string }): string {
  const names = NAMES.get(c.key);
  if (locale === 'api' || !names || !Object.values(names).includes(c.label)) return c.label;
  return names[locale];
}

/**
 * A payslip line's name: its component's, and an adjustment's reason after
 * it ("Rewards & penalties: …", the line's label being "奖惩: reason").
 */
export function lineName(locale: Locale | 'api', l: { code: string; kind: string; label: string }): string {
  const key = componentKey(l);
  if (key !== ADJUSTMENTS) return componentName(locale, { key, label: l.label });
  const colon = l.label.indexOf(':');
  if (colon < 0) return componentName(locale, { key, label: l.label });
  const head = l.label.slice(0, colon).trim();
  const name = componentName(locale, { key, label: head });
  // A customer's own adjustments label keeps its line exactly as written.
  if (name === head) return l.label;
  return `${name}: ${reasonText(locale, l.label.slice(colon + 1).trim())}`;
}

/** The demo's monthly top-three reward (server/seed/demo-payroll.ts): "月度销售前三名奖励（第2名）". */
const TOP_THREE = /^月度销售前三名奖励（第(\d+)名）$/;

/** An adjustment's reason: one the product writes, in the reader's language; any other as typed. */
export function reasonText(locale: Locale | 'api', reason: string): string {
  if (locale !== 'en') return reason;
  const top = TOP_THREE.exec(reason);
  return top ? `Monthly top-three sales reward (place ${top[1]})` : reason;
}

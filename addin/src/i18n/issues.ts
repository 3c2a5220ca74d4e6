/**
 * The target rules' issues in words: one template per rule (and per reading
 * detail), in English and zh-CN, filled from the issue's params. The rules
 * themselves (schema/target-validation.ts) carry no language.
 */
import type { Rule, ReadDetail, ValidationIssue } from '../../../schema/target-validation.ts';
import type { Locale } from '../i18n.ts';
import { formatAmountText, formatPeriod } from './format.ts';

type Catalogue = { rules: Record<Rule, string>; details: Record<ReadDetail, string>; over: string; short: string };

export const en: Catalogue = {
  rules: {
    notANumber: '{owner}, {period}: “{found}” {detail}',
    negative: '{owner}, {period}: “{found}” {detail}',
    fraction: '{owner}, {period}: “{found}” {detail}',
    tooLarge: '{owner}, {period}: “{found}” {detail}',
    sum: "{period}: the rows add up to {found}, but the period's target is {expected} ({direction} by {diff})",
    rowTotal: '{owner}: the periods add up to {found}, but the target is {expected}',
    levelSum: '{owner}, {period}: {found}, but the periods within it add up to {expected}',
    parentTotal: "{owner}: the plan's total {found} differs from {expected}, the figure {parentPlan} gives it",
    missingOwner: '{owner} has no row; every active member of the scope needs one',
    unexpectedOwner: "{owner} is not in this plan's scope; remove the row",
    duplicateOwner: '{owner} has a second row (first at row {firstRow})',
    beforeJoining: '{owner} joins on {hireDate}, after {period}: no target before joining',
    afterLeaving: '{owner} left on {leaveDate}, before {period}: no target after leaving',
    stretchBelowBase: '{owner}, {period}: the stretch target {found} is below the base target {base}',
    baseAboveStretch: '{owner}, {period}: the base target {found} is above the approved stretch target {stretch}',
    unknownPeriod: '{period} is not a column of this plan',
    duplicateCell: '{owner} has two amounts for {period}',
    lockedPeriod: '{owner}, {period}: {locked} is locked, so the figure stays {expected} (typed: {found}) until an admin reopens it',
  },
  details: {
    boolean: 'is TRUE/FALSE, not a number',
    notFinite: 'is not a finite number',
    text: 'is text, not a number',
    excelError: 'is an Excel error',
    notANumber: 'is not a number',
    wholeUnits: 'is not a whole number; this metric counts whole units',
    fenFraction: 'has fractions of a fen (more than two decimals)',
    negative: 'is negative',
    tooLarge: 'is too large',
  },
  over: 'over',
  short: 'short',
};

export const zh: Catalogue = {
  rules: {
    notANumber: '{owner}，{period}：“{found}”{detail}',
    negative: '{owner}，{period}：“{found}”{detail}',
    fraction: '{owner}，{period}：“{found}”{detail}',
    tooLarge: '{owner}，{period}：“{found}”{detail}',
    sum: '{period}：各行合计 {found}，但该期间目标为 {expected}（{direction} {diff}）',
    rowTotal: '{owner}：各期间合计 {found}，但目标为 {expected}',
    levelSum: '{owner}，{period}：填写为 {found}，但其下各期间合计为 {expected}',
    parentTotal: '{owner}：本计划总额 {found} 与上级计划“{parentPlan}”下达的 {expected} 不一致',
    missingOwner: '{owner} 没有对应的行；范围内每位在职成员都需要一行',
    unexpectedOwner: '{owner} 不在本计划范围内，请删除该行',
    duplicateOwner: '{owner} 出现了第二行（第一次在第 {firstRow} 行）',
    beforeJoining: '{owner} 于 {hireDate} 入职，晚于 {period}：入职前不能有目标',
    afterLeaving: '{owner} 已于 {leaveDate} 离职，早于 {period}：离职后不能有目标',
    stretchBelowBase: '{owner}，{period}：奋斗指标 {found} 低于基础指标 {base}',
    baseAboveStretch: '{owner}，{period}：基础指标 {found} 高于已批准的奋斗指标 {stretch}',
    unknownPeriod: '{period} 不是本计划的期间（{first} … {last}）',
    duplicateCell: '{owner} 在 {period} 有两个数额',
    lockedPeriod: '{owner}，{period}：{locked} 已锁定，数额须保持 {expected}（填写为 {found}），须由管理员重新开放后才能修改',
  },
  details: {
    boolean: '是 TRUE/FALSE，不是数字',
    notFinite: '不是有效的数字',
    text: '是文本，不是数字',
    excelError: '是 Excel 错误值',
    notANumber: '不是数字',
    wholeUnits: '不是整数；该指标只能填整数',
    fenFraction: '小数超过两位（不足一分）',
    negative: '是负数',
    tooLarge: '数额过大',
  },
  over: '多出',
  short: '短缺',
};

export const issueWords: Record<Locale, Catalogue> = { en, 'zh-CN': zh };

const AMOUNTS = new Set(['expected', 'found', 'base', 'stretch', 'diff']);
const AMOUNT_RULES = new Set<Rule>(['sum', 'rowTotal', 'levelSum', 'parentTotal', 'stretchBelowBase', 'baseAboveStretch', 'lockedPeriod']);
const PERIODS = new Set(['period', 'first', 'last', 'locked']);

/**
 * One issue in the reader's language; amounts in the metric's unit, periods as
 * people say them. `plain` keeps amounts and period keys as the API gives them
 * (the server's English message for API clients).
 */
export function describeIssue(issue: Pick<ValidationIssue, 'rule' | 'params'>, locale: Locale, unit: 'money' | 'count', plain = false): string {
  const c = issueWords[locale];
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(issue.params)) {
    if (k === 'detail') values[k] = c.details[v as ReadDetail] ?? v;
    else if (k === 'direction') values[k] = v === 'over' ? c.over : c.short;
    else if (plain) values[k] = v;
    else if (AMOUNTS.has(k) && AMOUNT_RULES.has(issue.rule)) values[k] = formatAmountText(v, unit, locale);
    else if (PERIODS.has(k)) values[k] = formatPeriod(v, locale);
    else values[k] = v;
  }
  const template = c.rules[issue.rule] ?? issue.rule;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}

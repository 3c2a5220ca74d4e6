/**
 * Payslip explanations in words. schema/compensation.ts gives each line's
 * explanation as data (rule, inputs, arithmetic step, calendar); this renders
 * it in English or zh-CN. The server renders its API's English from here too,
 * so one text serves both.
 */
import type { ArithmeticStep, CalendarCount, Explanation, ExplanationRule, Measure, RankingFacts } from '../../../schema/compensation.ts';
import type { Locale } from '../i18n.ts';
import { calendarName, formatPeriod } from './format.ts';

interface Renderer {
  rule(r: ExplanationRule, calendar: CalendarCount | undefined): string;
  arithmetic(a: ArithmeticStep, label: string): string;
  calendar(c: CalendarCount): string;
  input(name: string): string;
  salesBy(byDay: number | null): string;
}

const metricsEn: Record<string, string> = { SALES_AMOUNT: 'sales', UNITS: 'units sold', NEW_CUSTOMERS: 'new customers', COLLECTIONS: 'collections', GROSS_MARGIN: 'gross margin' };
const metricsZh: Record<string, string> = { SALES_AMOUNT: '销售额', UNITS: '销量', NEW_CUSTOMERS: '新客户', COLLECTIONS: '回款', GROSS_MARGIN: '毛利' };
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
/** "Ranking reward: 1st of 12, 华东一区, Mar 2026 2nd ten days, by sales achievement (published v1)". */
export const rankingEn = (f: RankingFacts) =>
  `Ranking ${f.kind === 'REWARD' ? 'reward' : 'penalty'}: ${ordinal(f.place)} of ${f.ranked}, ${f.unit}, ${formatPeriod(f.period, 'en')}, by ${metricsEn[f.metric] ?? f.metric}${f.basis === 'ACHIEVEMENT' ? ' achievement' : ''} (published v${f.version})`;
/** "排名奖励：华东一区 2026年3月中旬 第1名/共12名（按销售额达成率，第1版）". */
export const rankingZh = (f: RankingFacts) =>
  `排名${f.kind === 'REWARD' ? '奖励' : '处罚'}：${f.unit} ${formatPeriod(f.period, 'zh-CN')} 第${f.place}名/共${f.ranked}名（按${metricsZh[f.metric] ?? f.metric}${f.basis === 'ACHIEVEMENT' ? '达成率' : ''}，第${f.version}版）`;

const enBy = (byDay: number | null) => (byDay ? `by the ${byDay}th` : 'by month end');
const enMeasures: Record<Measure, string> = { sales: 'sales', units: 'units', collections: 'collections', margin: 'margin' };
const zhMeasures: Record<Measure, string> = { sales: '销售额', units: '销量', collections: '回款', margin: '毛利' };
/** A plan's formula with its measures named in Chinese: "sales * 0.9 / 1.17" → "销售额 × 0.9 ÷ 1.17". */
const zhFormula = (f: string) => f.replace(/\b(sales|units|collections|margin)\b/g, (m) => zhMeasures[m as Measure]).replace(/\s\*\s/g, ' × ').replace(/\s\/\s/g, ' ÷ ');
const capEn = (cap: string | null) => (cap ? `; capped at ${cap}` : '');
const capZh = (cap: string | null) => (cap ? `；封顶 ${cap}` : '');

const enInputs: Record<string, string> = {
  base: 'base salary',
  workingDays: 'working days',
  workingDaysEmployed: 'working days employed',
  employedFrom: 'employed from',
  employedTo: 'employed to',
  calendar: 'calendar',
  rank: 'rank',
  lates: 'late arrivals',
  absentDays: 'days absent',
  absentDates: 'recorded absent on',
  leaveWithoutRequest: 'leave without a request approved beforehand (counted as absent)',
  personalLeaveDays: 'days of personal leave',
  fieldVisitsWithoutSlip: 'field-visit days without an approved visit slip',
  fieldVisitsWithSlip: 'field-visit days with an approved visit slip',
  dayPay: 'day’s pay',
  reason: 'reason',
  approvedBy: 'approved by',
  unit: 'unit ranked',
  period: 'ranking period',
  place: 'place / ranked',
  version: 'published version',
  ...enMeasures,
};

const en: Renderer = {
  rule(r, calendar) {
    const perCalendar = calendar ? `; working days per calendar ${calendar.name}` : '';
    switch (r.code) {
      case 'base':
        return (r.prorate ? 'Monthly base, pro-rated by working days employed' : 'Monthly base') + perCalendar;
      case 'commission':
        return `${r.mode === 'whole' ? 'Whole-amount' : 'Marginal'} tiers on ${r.on} (${r.tiers.map((t) => `≥ ${t.from}: ${t.rate} %`).join(', ')}) of the base ${r.base}${r.cap ? `, at most ${r.cap}` : ''}`;
      case 'milestone':
        return `Bonus when sales ${enBy(r.byDay)} reach the rank's threshold (${r.table.map((t) => `${t.ranks.join('/')}: ${t.threshold} → ${t.bonus}`).join('; ')})`;
      case 'override':
        return `${r.rate} % of the sales of each trained rep who sold at least ${r.qualifying} (ranks ${r.ranks.join(', ')})`;
      case 'attendance':
        return `${r.perLate} per late arrival beyond ${r.freeLates} free; a day's pay (base ÷ working days) per absent day${r.personalLeaveDayPay ? ' and per day of personal leave' : ''}${r.fieldVisitWithoutSlip === 'absent' ? '; a field-visit day without an approved visit slip counts as absent' : r.fieldVisitWithoutSlip === 'none' ? '; field-visit days without an approved visit slip cost nothing' : ''}${perCalendar}`;
      case 'adjustment':
        return r.ranking ? rankingEn(r.ranking) : 'A reward or penalty with a reason and an approver';
    }
  },
  arithmetic(a, label) {
    const rounded = (fen: string) => ` → ${fen} (rounded half-up to the fen)`;
    switch (a.code) {
      case 'baseFull':
        return `${a.full} (employed all ${a.days} working days)`;
      case 'baseProrated':
        return `${a.full} × ${a.employed} ÷ ${a.days} = ${a.amount}`;
      case 'commissionBelowFirstTier':
        return `${a.on} ${a.value} is below the first tier (${a.first}): no commission${rounded(a.fen)}`;
      case 'commissionWhole':
        return `${a.baseFormula} = ${a.base}; ${a.on} ${a.value} ≥ ${a.from} → ${a.rate} % of the whole base; ${a.base} × ${a.rate} % = ${a.amount}${capEn(a.cap)}${rounded(a.fen)}`;
      case 'commissionMarginal':
        return `${a.baseFormula} = ${a.base}; slices of ${a.on} ${a.value}: ${a.slices.map((s) => `${s.slice} × ${s.rate} %`).join(' + ') || 'none'}; applied to the base: ${a.amount}${capEn(a.cap)}${rounded(a.fen)}`;
      case 'milestoneNoRow':
        return `rank ${a.rank ?? 'none'} has no ${label} milestone`;
      case 'milestone':
        return `sales ${enBy(a.byDay)}: ${a.reached} ${a.met ? '≥' : '<'} ${a.threshold} for ${a.rank} → ${a.amount}`;
      case 'overrideNotEligible':
        return `rank ${a.rank ?? 'none'} earns no ${label}`;
      case 'overrideNone':
        return `no trained rep reached ${a.qualifying}`;
      case 'override':
        return `(${a.sales.join(' + ')}) × ${a.rate} % = ${a.amount}`;
      case 'attendance':
        return `${a.charged} × ${a.perLate} + ${a.days} × ${a.base} ÷ ${a.workingDays} = ${a.total} deducted`;
      case 'adjustment':
        return a.amount;
    }
  },
  calendar(c) {
    const parts = [`${c.weekdays} weekdays`];
    if (c.holidays.length) parts.push(`− ${c.holidays.length} public holiday${c.holidays.length === 1 ? '' : 's'} (${c.holidays.join(', ')})`);
    if (c.makeupDays.length) parts.push(`+ ${c.makeupDays.length} make-up working day${c.makeupDays.length === 1 ? '' : 's'} (${c.makeupDays.join(', ')})`);
    return `calendar ${c.name}: ${parts.join(' ')} = ${c.count} working days`;
  },
  input: (name) => enInputs[name] ?? name,
  salesBy: (byDay) => `sales ${enBy(byDay)}`,
};

/** The API's English: input names as codes, as API clients have always read them. */
const api: Renderer = { ...en, input: (name) => name };

const zhBy = (byDay: number | null) => (byDay ? `截至 ${byDay} 日` : '截至月末');
const zhInputs: Record<string, string> = {
  base: '基本工资',
  workingDays: '应出勤工作日',
  workingDaysEmployed: '在岗工作日',
  employedFrom: '在职起始日',
  employedTo: '在职截止日',
  calendar: '工作日历',
  rank: '职级',
  lates: '迟到次数',
  absentDays: '旷工天数',
  absentDates: '记为旷工的日期',
  leaveWithoutRequest: '未事先获批的请假日期（按旷工计）',
  personalLeaveDays: '事假天数',
  fieldVisitsWithoutSlip: '无已批准出访单的外勤日',
  fieldVisitsWithSlip: '有已批准出访单的外勤日',
  dayPay: '日薪',
  reason: '原因',
  approvedBy: '批准人',
  unit: '排名单位',
  period: '排名期间',
  place: '名次/参与排名人数',
  version: '发布版本',
  ...zhMeasures,
};

const zh: Renderer = {
  rule(r, calendar) {
    const perCalendar = calendar ? `；工作日按${calendarName('zh-CN', calendar.name)}日历` : '';
    switch (r.code) {
      case 'base':
        return (r.prorate ? '月基本工资，按在岗工作日折算' : '月基本工资') + perCalendar;
      case 'commission':
        return `${r.mode === 'whole' ? '全额累进' : '超额分段'}提成，按${zhMeasures[r.on]}分档（${r.tiers.map((t) => `≥ ${t.from}：${t.rate}%`).join('，')}），提成基数 ${zhFormula(r.base)}${r.cap ? `，最高 ${r.cap}` : ''}`;
      case 'milestone':
        return `${zhBy(r.byDay)}销售额达到职级门槛即发奖金（${r.table.map((t) => `${t.ranks.join('/')}：${t.threshold} → ${t.bonus}`).join('；')}）`;
      case 'override':
        return `所带新人中销售额不低于 ${r.qualifying} 者，按其销售额的 ${r.rate}% 计发（适用职级 ${r.ranks.join('、')}）`;
      case 'attendance':
        return `迟到超过 ${r.freeLates} 次后每次扣 ${r.perLate}；旷工${r.personalLeaveDayPay ? '及事假' : ''}每天扣一天日薪（基本工资 ÷ 工作日）${r.fieldVisitWithoutSlip === 'absent' ? '；无已批准出访单的外勤日按旷工计' : r.fieldVisitWithoutSlip === 'none' ? '；无已批准出访单的外勤日不扣款' : ''}${perCalendar}`;
      case 'adjustment':
        return r.ranking ? rankingZh(r.ranking) : '经批准、注明原因的奖励或处罚';
    }
  },
  arithmetic(a, label) {
    const rounded = (fen: string) => ` → ${fen}（四舍五入到分）`;
    switch (a.code) {
      case 'baseFull':
        return `${a.full}（${a.days} 个工作日全部在岗）`;
      case 'baseProrated':
        return `${a.full} × ${a.employed} ÷ ${a.days} = ${a.amount}`;
      case 'commissionBelowFirstTier':
        return `${zhMeasures[a.on]} ${a.value} 低于第一档（${a.first}）：无提成${rounded(a.fen)}`;
      case 'commissionWhole':
        return `${zhFormula(a.baseFormula)} = ${a.base}；${zhMeasures[a.on]} ${a.value} ≥ ${a.from} → 全额按 ${a.rate}%；${a.base} × ${a.rate}% = ${a.amount}${capZh(a.cap)}${rounded(a.fen)}`;
      case 'commissionMarginal':
        return `${zhFormula(a.baseFormula)} = ${a.base}；${zhMeasures[a.on]} ${a.value} 分段：${a.slices.map((s) => `${s.slice} × ${s.rate}%`).join(' + ') || '无'}；折算到基数：${a.amount}${capZh(a.cap)}${rounded(a.fen)}`;
      case 'milestoneNoRow':
        return `职级 ${a.rank ?? '（无）'} 没有“${label}”奖励`;
      case 'milestone':
        return `${zhBy(a.byDay)}销售额：${a.reached} ${a.met ? '≥' : '<'} ${a.threshold}（职级 ${a.rank}）→ ${a.amount}`;
      case 'overrideNotEligible':
        return `职级 ${a.rank ?? '（无）'} 不享受“${label}”`;
      case 'overrideNone':
        return `没有新人销售额达到 ${a.qualifying}`;
      case 'override':
        return `(${a.sales.join(' + ')}) × ${a.rate}% = ${a.amount}`;
      case 'attendance':
        return `${a.charged} × ${a.perLate} + ${a.days} × ${a.base} ÷ ${a.workingDays} = 扣 ${a.total}`;
      case 'adjustment':
        return a.amount;
    }
  },
  calendar(c) {
    const parts = [`工作日 ${c.weekdays} 天`];
    if (c.holidays.length) parts.push(`− 法定节假日 ${c.holidays.length} 天（${c.holidays.join('、')}）`);
    if (c.makeupDays.length) parts.push(`+ 调休上班 ${c.makeupDays.length} 天（${c.makeupDays.join('、')}）`);
    return `${calendarName('zh-CN', c.name)}日历：${parts.join(' ')} = ${c.count} 个工作日`;
  },
  input: (name) => zhInputs[name] ?? name,
  salesBy: (byDay) => `${zhBy(byDay)}销售额`,
};

const renderers: Record<Locale, Renderer> = { en, 'zh-CN': zh };

export interface ExplanationText {
  rule: string;
  arithmetic: string;
  inputs: { name: string; value: string }[];
}

/** A line's explanation in words. Explanations stored before they were data (strings) are shown as stored. */
export function explain(e: Explanation | { rule: string; inputs: Record<string, string>; arithmetic: string }, label: string, locale: Locale | 'api'): ExplanationText {
  if (typeof e.rule === 'string') {
    const old = e as { rule: string; inputs: Record<string, string>; arithmetic: string };
    return { rule: old.rule, arithmetic: old.arithmetic, inputs: Object.entries(old.inputs).map(([name, value]) => ({ name, value })) };
  }
  const x = e as Explanation;
  const r = locale === 'api' ? api : renderers[locale];
  const byDay = x.rule.code === 'milestone' ? x.rule.byDay : null;
  const inputs = Object.entries(x.inputs).map(([name, value]) => ({
    name: name === 'salesBy' ? r.salesBy(byDay) : r.input(name),
    // A ranking's period key, as the reader reads periods (the API keeps the key).
    value: name === 'period' && x.rule.code === 'adjustment' && locale !== 'api' ? formatPeriod(value, locale) : value,
  }));
  if (x.calendar) inputs.push({ name: r.input('calendar'), value: r.calendar(x.calendar) });
  return { rule: r.rule(x.rule, x.calendar), arithmetic: r.arithmetic(x.arithmetic, label), inputs };
}

export const calendarText = (c: CalendarCount, locale: Locale) => renderers[locale].calendar(c);

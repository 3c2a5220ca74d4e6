/**
 * Payslip explanations in words. schema/compensation.ts gives each line's
 * explanation as data (rule, inputs, arithmetic step, calendar); this renders
 * it in English or zh-CN. The server renders its API's English from here too,
 * so one text serves both.
 */
import type { ArithmeticStep, CalendarCount, Explanation, ExplanationRule, Measure, RankingFacts } from '../../../schema/compensation.ts';
import type { Locale } from '../i18n.ts';
import { calendarName, formatPeriod, groupDecimal } from './format.ts';
import { en as choresEn, zh as choresZh } from './chores.ts';
import { reasonText } from './pay-components.ts';

/**
 * How a renderer says the figures and codes inside an explanation. The pane's: money grouped with two decimals
 * (15,000.00), an exact intermediate quotient grouped with its digits (18,144.6153…), ranks by the catalogue's
 * labels (资深销售主任 SSE), the plan's formula with × and ÷, the built-in calendar by its name. The API's: as stored.
 */
interface Say {
  /** An amount of money. */
  money(amount: string): string;
  /** A figure of a measure: money, or a count of units. */
  measure(on: Measure, value: string): string;
  rank(code: string): string;
  /** A plan's formula, its measures named, or the figures put in it. */
  formula(f: string): string;
  calendar(name: string): string;
}

/** "18144.6153…" → "18,144.6153…": the whole part grouped, the digits kept. */
const groupWhole = (text: string) => text.replace(/^(-?)(\d+)/, (_, sign: string, int: string) => `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);
/** Money as the sheets show it (1,234.50); a quotient with more digits than the fen keeps them, grouped. */
const groupMoney = (text: string) => (/^-?\d+(\.\d{1,2})?$/.test(text) ? groupDecimal(text, 2) : groupWhole(text));
/** The arithmetic signs people write: "sales * 0.9 / 1.17" → "sales × 0.9 ÷ 1.17", figures in it grouped. */
const readableFormula = (f: string) => f.replace(/\d+(\.\d+)?…?/g, groupWhole).replace(/\s\*\s/g, ' × ').replace(/\s\/\s/g, ' ÷ ');
const sayFor = (locale: Locale, measures: Record<Measure, string>): Say => {
  const ranks: Record<string, string> = locale === 'zh-CN' ? choresZh.ranks : choresEn.ranks;
  return {
    money: groupMoney,
    measure: (on, value) => (on === 'units' ? groupWhole(value) : groupMoney(value)),
    rank: (code) => ranks[code] ?? code,
    formula: (f) => readableFormula(f.replace(/\b(sales|units|collections|margin)\b/g, (m) => measures[m as Measure])),
    calendar: (name) => calendarName(locale, name),
  };
};
const asStored: Say = { money: (x) => x, measure: (_on, x) => x, rank: (x) => x, formula: (x) => x, calendar: (x) => x };

interface Renderer {
  say: Say;
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

const makeEn = (say: Say, input: (name: string) => string): Renderer => ({
  say,
  rule(r, calendar) {
    const perCalendar = calendar ? `; working days per calendar ${say.calendar(calendar.name)}` : '';
    switch (r.code) {
      case 'base':
        return (r.prorate ? 'Monthly base, pro-rated by working days employed' : 'Monthly base') + perCalendar;
      case 'commission':
        return `${r.mode === 'whole' ? 'Whole-amount' : 'Marginal'} tiers on ${r.on} (${r.tiers.map((t) => `≥ ${say.measure(r.on, t.from)}: ${t.rate} %`).join(', ')}) of the base ${say.formula(r.base)}${r.cap ? `, at most ${say.money(r.cap)}` : ''}`;
      case 'milestone':
        return `Bonus when sales ${enBy(r.byDay)} reach the rank's threshold (${r.table.map((t) => `${t.ranks.map(say.rank).join('/')}: ${say.money(t.threshold)} → ${say.money(t.bonus)}`).join('; ')})`;
      case 'override':
        return `${r.rate} % of the sales of each trained rep who sold at least ${say.money(r.qualifying)} (ranks ${r.ranks.map(say.rank).join(', ')})`;
      case 'attendance':
        return `${say.money(r.perLate)} per late arrival beyond ${r.freeLates} free; a day's pay (base ÷ working days) per absent day${r.personalLeaveDayPay ? ' and per day of personal leave' : ''}${r.fieldVisitWithoutSlip === 'absent' ? '; a field-visit day without an approved visit slip counts as absent' : r.fieldVisitWithoutSlip === 'none' ? '; field-visit days without an approved visit slip cost nothing' : ''}${perCalendar}`;
      case 'adjustment':
        return r.ranking ? rankingEn(r.ranking) : 'A reward or penalty with a reason and an approver';
    }
  },
  arithmetic(a, label) {
    const m = say.money;
    const rounded = (fen: string) => ` → ${m(fen)} (rounded half-up to the fen)`;
    const cap = (c: string | null) => (c ? `; capped at ${m(c)}` : '');
    const rank = (r: string | null) => (r ? say.rank(r) : 'none');
    switch (a.code) {
      case 'baseFull':
        return `${m(a.full)} (employed all ${a.days} working days)`;
      case 'baseProrated':
        return `${m(a.full)} × ${a.employed} ÷ ${a.days} = ${m(a.amount)}`;
      case 'baseSpans':
        return `${a.spans.map((x) => `${m(x.full)} × ${x.employed} ÷ ${a.days} (${x.from} to ${x.to})`).join(' + ')} = ${m(a.amount)} (the base changed in the month; rounded half-up to the fen)`;
      case 'commissionBelowFirstTier':
        return `${a.on} ${say.measure(a.on, a.value)} is below the first tier (${say.measure(a.on, a.first)}): no commission${rounded(a.fen)}`;
      case 'commissionWhole':
        return `${say.formula(a.baseFormula)} = ${m(a.base)}; ${a.on} ${say.measure(a.on, a.value)} ≥ ${say.measure(a.on, a.from)} → ${a.rate} % of the whole base; ${m(a.base)} × ${a.rate} % = ${m(a.amount)}${cap(a.cap)}${rounded(a.fen)}`;
      case 'commissionMarginal':
        return `${say.formula(a.baseFormula)} = ${m(a.base)}; slices of ${a.on} ${say.measure(a.on, a.value)}: ${a.slices.map((s) => `${say.measure(a.on, s.slice)} × ${s.rate} %`).join(' + ') || 'none'}${a.sliced && a.slices.length ? ` = ${say.measure(a.on, a.sliced)}; applied to the base: ${say.measure(a.on, a.sliced)} × ${m(a.base)} ÷ ${say.measure(a.on, a.value)} = ${m(a.amount)}` : `; applied to the base: ${m(a.amount)}`}${cap(a.cap)}${rounded(a.fen)}`;
      case 'milestoneNoRow':
        return `rank ${rank(a.rank)} has no ${label} milestone`;
      case 'milestone':
        return `sales ${enBy(a.byDay)}: ${m(a.reached)} ${a.met ? '≥' : '<'} ${m(a.threshold)} for ${rank(a.rank)} → ${m(a.amount)}`;
      case 'overrideNotEligible':
        return `rank ${rank(a.rank)} earns no ${label}`;
      case 'overrideNone':
        return `no trained rep reached ${m(a.qualifying)}`;
      case 'override':
        return `(${a.sales.map(m).join(' + ')}) × ${a.rate} % = ${m(a.amount)}`;
      case 'attendance':
        return `${a.charged} × ${m(a.perLate)} + ${daysCharged(a, { absent: 'absent', unslipped: 'field visits without a slip', personalLeave: 'personal leave' }, ' + ')} × ${m(a.base)} ÷ ${a.workingDays} = ${m(a.total)} deducted`;
      case 'adjustment':
        return m(a.amount);
    }
  },
  calendar(c) {
    const parts = [`${c.weekdays} weekdays`];
    if (c.holidays.length) parts.push(`− ${c.holidays.length} public holiday${c.holidays.length === 1 ? '' : 's'} (${c.holidays.join(', ')})`);
    if (c.makeupDays.length) parts.push(`+ ${c.makeupDays.length} make-up working day${c.makeupDays.length === 1 ? '' : 's'} (${c.makeupDays.join(', ')})`);
    return `calendar ${say.calendar(c.name)}: ${parts.join(' ')} = ${c.count} working days`;
  },
  input,
  salesBy: (byDay) => `sales ${enBy(byDay)}`,
});

const en = makeEn(sayFor('en', enMeasures), (name) => enInputs[name] ?? name);
/** The API's English: figures, ranks, formulas and calendars as stored, input names as codes, as API clients have always read them. */
const api = makeEn(asStored, (name) => name);


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

const zh: Renderer = ((say: Say): Renderer => ({
  say,
  rule(r, calendar) {
    const perCalendar = calendar ? `；工作日按${say.calendar(calendar.name)}日历` : '';
    switch (r.code) {
      case 'base':
        return (r.prorate ? '月基本工资，按在岗工作日折算' : '月基本工资') + perCalendar;
      case 'commission':
        return `${r.mode === 'whole' ? '全额累进' : '超额分段'}提成，按${zhMeasures[r.on]}分档（${r.tiers.map((t) => `≥ ${say.measure(r.on, t.from)}：${t.rate}%`).join('，')}），提成基数 ${say.formula(r.base)}${r.cap ? `，最高 ${say.money(r.cap)}` : ''}`;
      case 'milestone':
        return `${zhBy(r.byDay)}销售额达到职级门槛即发奖金（${r.table.map((t) => `${t.ranks.map(say.rank).join('/')}：${say.money(t.threshold)} → ${say.money(t.bonus)}`).join('；')}）`;
      case 'override':
        return `所带新人中销售额不低于 ${say.money(r.qualifying)} 者，按其销售额的 ${r.rate}% 计发（适用职级 ${r.ranks.map(say.rank).join('、')}）`;
      case 'attendance':
        return `迟到超过 ${r.freeLates} 次后每次扣 ${say.money(r.perLate)}；旷工${r.personalLeaveDayPay ? '及事假' : ''}每天扣一天日薪（基本工资 ÷ 工作日）${r.fieldVisitWithoutSlip === 'absent' ? '；无已批准出访单的外勤日按旷工计' : r.fieldVisitWithoutSlip === 'none' ? '；无已批准出访单的外勤日不扣款' : ''}${perCalendar}`;
      case 'adjustment':
        return r.ranking ? rankingZh(r.ranking) : '经批准、注明原因的奖励或处罚';
    }
  },
  arithmetic(a, label) {
    const m = say.money;
    const rounded = (fen: string) => ` → ${m(fen)}（四舍五入到分）`;
    const cap = (c: string | null) => (c ? `；封顶 ${m(c)}` : '');
    const rank = (r: string | null) => (r ? say.rank(r) : '（无）');
    switch (a.code) {
      case 'baseFull':
        return `${m(a.full)}（${a.days} 个工作日全部在岗）`;
      case 'baseProrated':
        return `${m(a.full)} × ${a.employed} ÷ ${a.days} = ${m(a.amount)}`;
      case 'baseSpans':
        return `${a.spans.map((x) => `${m(x.full)} × ${x.employed} ÷ ${a.days}（${x.from} 至 ${x.to}）`).join(' + ')} = ${m(a.amount)}（月内基本工资有调整；四舍五入到分）`;
      case 'commissionBelowFirstTier':
        return `${zhMeasures[a.on]} ${say.measure(a.on, a.value)} 低于第一档（${say.measure(a.on, a.first)}）：无提成${rounded(a.fen)}`;
      case 'commissionWhole':
        return `${say.formula(a.baseFormula)} = ${m(a.base)}；${zhMeasures[a.on]} ${say.measure(a.on, a.value)} ≥ ${say.measure(a.on, a.from)} → 全额按 ${a.rate}%；${m(a.base)} × ${a.rate}% = ${m(a.amount)}${cap(a.cap)}${rounded(a.fen)}`;
      case 'commissionMarginal':
        return `${say.formula(a.baseFormula)} = ${m(a.base)}；${zhMeasures[a.on]} ${say.measure(a.on, a.value)} 分段：${a.slices.map((s) => `${say.measure(a.on, s.slice)} × ${s.rate}%`).join(' + ') || '无'}${a.sliced && a.slices.length ? ` = ${say.measure(a.on, a.sliced)}；折算到基数：${say.measure(a.on, a.sliced)} × ${m(a.base)} ÷ ${say.measure(a.on, a.value)} = ${m(a.amount)}` : `；折算到基数：${m(a.amount)}`}${cap(a.cap)}${rounded(a.fen)}`;
      case 'milestoneNoRow':
        return `职级 ${rank(a.rank)} 没有“${label}”奖励`;
      case 'milestone':
        return `${zhBy(a.byDay)}销售额：${m(a.reached)} ${a.met ? '≥' : '<'} ${m(a.threshold)}（职级 ${rank(a.rank)}）→ ${m(a.amount)}`;
      case 'overrideNotEligible':
        return `职级 ${rank(a.rank)} 不享受“${label}”`;
      case 'overrideNone':
        return `没有新人销售额达到 ${m(a.qualifying)}`;
      case 'override':
        return `(${a.sales.map(m).join(' + ')}) × ${a.rate}% = ${m(a.amount)}`;
      case 'attendance':
        return `${a.charged} × ${m(a.perLate)} + ${daysCharged(a, { absent: '旷工', unslipped: '无出访单外勤', personalLeave: '事假' }, ' + ', true)} × ${m(a.base)} ÷ ${a.workingDays} = 扣 ${m(a.total)}`;
      case 'adjustment':
        return m(a.amount);
    }
  },
  calendar(c) {
    const parts = [`工作日 ${c.weekdays} 天`];
    if (c.holidays.length) parts.push(`− 法定节假日 ${c.holidays.length} 天（${c.holidays.join('、')}）`);
    if (c.makeupDays.length) parts.push(`+ 调休上班 ${c.makeupDays.length} 天（${c.makeupDays.join('、')}）`);
    return `${say.calendar(c.name)}日历：${parts.join(' ')} = ${c.count} 个工作日`;
  },
  input: (name) => zhInputs[name] ?? name,
  salesBy: (byDay) => `${zhBy(byDay)}销售额`,
}))(sayFor('zh-CN', zhMeasures));

const renderers: Record<Locale, Renderer> = { en, 'zh-CN': zh };

export interface ExplanationText {
  rule: string;
  arithmetic: string;
  inputs: { name: string; value: string }[];
}

/** The inputs that are money: an override's are its trained reps' sales, by name. */
const MONEY_INPUTS = new Set(['base', 'dayPay', 'salesBy', 'sales', 'collections', 'margin']);
/** The days an attendance deduction charges: their number, or, when more than one kind makes them up, each kind named ("(3 absent + 1 field visits without a slip)"). */
function daysCharged(a: Extract<ArithmeticStep, { code: 'attendance' }>, names: Record<'absent' | 'unslipped' | 'personalLeave', string>, plus: string, nameFirst = false): string {
  const parts = a.dayParts ? (['absent', 'unslipped', 'personalLeave'] as const).filter((k) => a.dayParts![k] > 0) : [];
  if (parts.length < 2) return String(a.days);
  return `(${parts.map((k) => (nameFirst ? `${names[k]} ${a.dayParts![k]}` : `${a.dayParts![k]} ${names[k]}`)).join(plus)})`;
}

function inputValue(say: Say, rule: ExplanationRule['code'], name: string, value: string, locale: Locale | 'api'): string {
  if (!value) return value;
  // A ranking's period key, as the reader reads periods (the API keeps the key).
  if (name === 'period' && rule === 'adjustment') return locale === 'api' ? value : formatPeriod(value, locale);
  // A reason the product wrote, in the reader's words (the API keeps it as stored).
  if (name === 'reason' && rule === 'adjustment') return reasonText(locale, value);
  if (rule === 'override' || MONEY_INPUTS.has(name)) return say.money(value);
  if (name === 'units') return say.measure('units', value);
  if (name === 'rank') return say.rank(value);
  return value;
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
    value: inputValue(r.say, x.rule.code, name, value, locale),
  }));
  if (x.calendar) inputs.push({ name: r.input('calendar'), value: r.calendar(x.calendar) });
  return { rule: r.rule(x.rule, x.calendar), arithmetic: r.arithmetic(x.arithmetic, label), inputs };
}

/** A month's working days in words; 'api' keeps the calendar's stored name (CN), as the API has always said it. */
export const calendarText = (c: CalendarCount, locale: Locale | 'api') => (locale === 'api' ? api : renderers[locale]).calendar(c);

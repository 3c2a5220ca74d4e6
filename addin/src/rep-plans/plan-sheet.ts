/**
 * A rep's monthly plan as a sheet, and back (issue 11 §2). Pure: the adapter
 * writes and reads; this decides the layout, reads what the rep typed and
 * names every problem by its cell, with the shared rules (schema/rep-plan.ts)
 * the server runs again on submission.
 *
 * Layout: row 1 a banner (person, month, target, due day, status); row 2 the
 * header; one row per week of the month (planned sales, calls, visits,
 * events typed in the yellow cells), a total row (a live SUM), rows for key
 * customers (code, planned sales, visits), and the reason when the plan is
 * below target. A hidden last column keys each row, so the rows are found
 * again wherever the rep has scrolled, sorted or typed beside them.
 */
import { format, words, type Words } from '../i18n.ts';
import { columnLetters, formula, type Block, type CellInput } from '../excel/chunks.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { sheetName } from '../excel/sheet-name.ts';
import { blocksDraft, checkRepPlan, MAX_COUNT, outOfRange, SUBMIT_ONLY, type RepPlanContent, type RepPlanIssue, type RepPlanPlace } from '../../../schema/rep-plan.ts';
import { fenToCellValue, MoneyRangeError, parseMoney } from '../../../schema/money.ts';
import type { MyRepPlan, RepPlanView, RosterRow } from './operations.ts';
import { formatMoneyText } from '../i18n/format.ts';
import { cellText, typedCount, type Issue } from '../excel/cells.ts';
import { describeReason } from '../api/describe-error.ts';

export const PLAN_KIND = 'rep-plan';
/** Empty rows for key customers beyond those already planned. */
export const SPARE_CUSTOMER_ROWS = 8;

const KEY = 1;
const DATES = 2;
const SALES = 3;
const CALLS = 4;
const VISITS = 5;
const EVENTS = 6;
const ROW_KEY = 7;
const HEADER_ROW = 1;
const FIRST_ROW = HEADER_ROW + 1;

export interface PlanSheetOwner {
  personId: string;
  personName: string;
  employeeNo: string;
}

export const planSheetName = (w: Words, owner: Pick<PlanSheetOwner, 'employeeNo'>, month: string) => sheetName(`${w.repPlans.sheet} ${owner.employeeNo} ${month}`);

/**
 * An amount ("1234.50") as the exact cell number the other sheets write; one
 * stored before plans had a most (REP_PLAN_OUT_OF_RANGE) and too large for a
 * spreadsheet number as its exact text, so the sheet is still written and
 * Check names that cell.
 */
const money = (text: string) => fenToCellValue(parseMoney(text));

/** A rep's target as the banner and the pane say it: "target ¥30,000.00", or "no target". */
export const planTargetText = (w: Words, target: string | null) => (target === null ? w.repPlans.noTarget : format(w.repPlans.targetIs, { amount: formatMoneyText(target) }));

/** A plan waiting for the manager, in the list: planned and target as money, and whether it came on time. */
export const waitingFiguresText = (w: Words, row: Pick<RosterRow, 'planned' | 'target' | 'timeliness'>) =>
  format(w.repPlans.waitingFigures, { planned: row.planned === null ? '—' : formatMoneyText(row.planned), target: planTargetText(w, row.target), timeliness: w.repPlans.timeliness[row.timeliness] ?? row.timeliness });

/** The sheet for a month's plan: the newest version's figures, or blank cells to fill in. */
export function planSheetSpec(w: Words, owner: PlanSheetOwner, form: Pick<MyRepPlan, 'month' | 'weeks' | 'target' | 'dueOn'>, plan: RepPlanView | null, editable: boolean): GridSheetSpec {
  const r = w.repPlans;
  const weeks = form.weeks.map((wk) => plan?.weeks.find((x) => x.weekKey === wk.key) ?? { weekKey: wk.key, sales: '', calls: '', visits: '', events: '' });
  const rows: CellInput[][] = form.weeks.map((wk, i) => {
    const p = weeks[i]!;
    return [r.sections.week, wk.key, `${wk.start.slice(5)} – ${wk.end.slice(5)}`, p.sales === '' ? '' : money(String(p.sales)), p.calls, p.visits, p.events, `W|${wk.key}`];
  });
  const firstWeek = FIRST_ROW;
  const lastWeek = FIRST_ROW + form.weeks.length - 1;
  const salesCol = columnLetters(SALES);
  rows.push([r.sections.total, '', '', formula(`=SUM(${salesCol}${firstWeek + 1}:${salesCol}${lastWeek + 1})`), '', '', '', 'T']);
  const customers = plan?.customers ?? [];
  const customerRows = customers.length + SPARE_CUSTOMER_ROWS;
  for (let i = 0; i < customerRows; i++) {
    const c = customers[i];
    rows.push([r.sections.customer, c?.customer ?? '', '', c ? money(c.sales) : '', '', c ? c.visits : '', '', `C|${i}`]);
  }
  rows.push([r.sections.reason, plan?.belowTargetReason ?? '', '', '', '', '', '', 'R']);
  const customerStart = lastWeek + 2;
  const reasonRow = customerStart + customerRows;
  const count = { kind: 'whole' as const, min: 0, max: MAX_COUNT, message: format(r.countRule, { max: MAX_COUNT }) };
  const extraInputs: NonNullable<GridSheetSpec['extraInputs']> = editable
    ? [
        { block: { row: firstWeek, column: CALLS, rows: form.weeks.length, columns: 3 }, rule: count },
        { block: { row: customerStart, column: KEY, rows: customerRows, columns: 1 }, rule: null },
        { block: { row: customerStart, column: SALES, rows: customerRows, columns: 1 }, rule: { kind: 'decimal', min: 0, message: r.salesRule } },
        { block: { row: customerStart, column: VISITS, rows: customerRows, columns: 1 }, rule: count },
        { block: { row: reasonRow, column: KEY, rows: 1, columns: 1 }, rule: null },
      ]
    : [];
  const status = plan ? (r.statuses[plan.status] ?? plan.status) : r.notStarted;
  return {
    sheetName: planSheetName(w, owner, form.month),
    kind: PLAN_KIND,
    identity: { personId: owner.personId, month: form.month },
    banner: format(r.banner, { name: owner.personName, no: owner.employeeNo, month: form.month, target: planTargetText(w, form.target), due: form.dueOn, status }),
    columns: [
      { header: r.columns.section, numberFormat: '@', width: 80 },
      { header: r.columns.key, numberFormat: '@', width: 110 },
      { header: r.columns.dates, numberFormat: '@', width: 80 },
      { header: r.columns.sales, numberFormat: '#,##0.00', width: 95 },
      { header: r.columns.calls, numberFormat: '0', width: 45 },
      { header: r.columns.visits, numberFormat: '0', width: 45 },
      { header: r.columns.events, numberFormat: '0', width: 45 },
      { header: 'ID', numberFormat: '@', width: 40 },
    ],
    rows,
    properties: { personName: owner.personName, planId: plan?.id ?? '', revision: String(plan?.revision ?? ''), status: plan?.status ?? '' },
    input: editable ? { row: firstWeek, column: SALES, rows: form.weeks.length, columns: 1 } : { row: FIRST_ROW, column: SALES, rows: 0, columns: 0 },
    inputRule: { kind: 'decimal', message: r.salesRule },
    extraInputs,
    hiddenColumns: [ROW_KEY],
    totalRows: [lastWeek + 1],
    protect: true,
    freeze: { rows: 0, columns: 2 },
    readOnly: !editable,
  };
}

export type { Issue } from '../excel/cells.ts';


export interface PlanReadBack {
  content: RepPlanContent;
  issues: Issue[];
  /** Problems the shared rules found (also in issues), with their severity: warnings do not stop a submission. */
  warnings: Issue[];
  /** Those of `issues` that stop a submission but not a draft (an empty plan, a missing reason below target). */
  submitOnly: Issue[];
  revision: number | null;
  /** The cell of a field as the server names it ("weeks.1.sales", "customers.0.customer", "belowTargetReason"), for a refusal the pane's own check did not foresee; null when it has none. */
  cellOfField: (field: string) => string | null;
}

/**
 * What the sheet holds, as a plan, and every problem named by its cell:
 * rows missing, cells that are not numbers, then the shared rules against
 * the target (errors in `issues`, warnings such as "below target, reason
 * given" in `warnings`); with cells that are not numbers, the rules still
 * name every other wrong cell, and judge the plan as a whole once they are fixed.
 */
export function readPlanSheet(w: Words, form: Pick<MyRepPlan, 'month' | 'weeks' | 'target'> & Partial<Pick<MyRepPlan, 'customerCodes'>>, read: SheetRead): PlanReadBack {
  const r = w.repPlans;
  const sheet = read.sheetName;
  const rowOf = new Map<string, number>();
  read.values.forEach((row, i) => {
    const key = cellText(row[ROW_KEY]);
    if (key && key !== 'ID' && !rowOf.has(key)) rowOf.set(key, i);
  });
  const issues: Issue[] = [];
  const at = (row: number, column: number) => `${sheet}!${columnLetters(column)}${row + 1}`;
  const say = (cell: string | null, message: string) => issues.push({ cell, message: cell ? `${cell}: ${message}` : message });
  // An amount beyond any the checks could hold: too large, or, with a minus, negative as the shared rules say it.
  const tooLarge = (row: number, column: number, v: string) =>
    say(at(row, column), v.startsWith('-') ? describeReason(w, 'REP_PLAN_NEGATIVE', { value: v }) : describeReason(w, 'REP_PLAN_OUT_OF_RANGE', outOfRange(v)));
  const money = (row: number, column: number): bigint => {
    const raw = read.values[row]?.[column];
    const v = cellText(raw);
    if (v === '') return 0n;
    if (!/^-?\d+(\.\d+)?$/.test(v)) {
      // A number cell Excel shows in exponent form ("1e+21") is a number, too large (or, below 1, too finely divided).
      if (typeof raw === 'number' && Number.isFinite(raw)) {
        if (Math.abs(raw) >= 1) tooLarge(row, column, v);
        else say(at(row, column), format(r.tooManyDecimals, { value: v }));
      } else say(at(row, column), format(r.notANumber, { value: v }));
      return 0n;
    }
    try {
      return parseMoney(v);
    } catch (e) {
      // Beyond what any amount may be (the shared rules name what is merely above a plan's most).
      if (e instanceof MoneyRangeError) tooLarge(row, column, v);
      else say(at(row, column), format(r.tooManyDecimals, { value: v }));
      return 0n;
    }
  };
  const count = (row: number, column: number): number => {
    const v = cellText(read.values[row]?.[column]);
    const n = typedCount(v);
    if (Number.isNaN(n)) {
      say(at(row, column), describeReason(w, 'REP_PLAN_NOT_WHOLE', { value: v }));
      return 0;
    }
    return n;
  };
  const weekRows: number[] = [];
  const weeks = form.weeks.flatMap((wk) => {
    const row = rowOf.get(`W|${wk.key}`);
    if (row === undefined) {
      say(null, format(r.missingRow, { key: wk.key }));
      return [];
    }
    weekRows.push(row);
    return [{ weekKey: wk.key, salesFen: money(row, SALES), calls: count(row, CALLS), visits: count(row, VISITS), events: count(row, EVENTS) }];
  });
  const customerRows: number[] = [];
  const customers = [...rowOf.entries()]
    .filter(([k]) => k.startsWith('C|'))
    .sort((a, b) => a[1] - b[1])
    .flatMap(([, row]) => {
      const code = cellText(read.values[row]?.[KEY]);
      const sales = cellText(read.values[row]?.[SALES]);
      const visits = cellText(read.values[row]?.[VISITS]);
      if (!code && !sales && !visits) return [];
      if (!code) {
        say(at(row, KEY), r.customerMissing);
        return [];
      }
      customerRows.push(row);
      return [{ customer: code, salesFen: money(row, SALES), visits: count(row, VISITS) }];
    });
  const reasonRow = rowOf.get('R');
  if (reasonRow === undefined) say(null, format(r.missingRow, { key: r.sections.reason }));
  const content: RepPlanContent = { month: form.month, weeks, customers, belowTargetReason: reasonRow === undefined ? null : cellText(read.values[reasonRow]?.[KEY]) || null };
  const targetFen = form.target === null ? null : parseMoney(form.target);
  const cellAt = (p: RepPlanPlace): string | null => {
    const column = (field: string) => ({ weekKey: KEY, customer: KEY, salesFen: SALES, calls: CALLS, visits: VISITS, events: EVENTS })[field] ?? SALES;
    if (p.section === 'weeks') return weekRows[p.index] === undefined ? null : at(weekRows[p.index]!, column(p.field));
    if (p.section === 'customers') return customerRows[p.index] === undefined ? null : at(customerRows[p.index]!, column(p.field));
    if (p.section === 'reason') return reasonRow === undefined ? null : at(reasonRow, KEY);
    return null;
  };
  const cellOf = (i: RepPlanIssue) => cellAt(i.place);
  const warnings: Issue[] = [];
  const submitOnly: Issue[] = [];
  // With cells that could not be read (taken as 0), the shared rules still judge every other cell, so one Check names
  // every wrong cell; what they would say of the plan as a whole (empty, below target) waits until those cells are fixed.
  const unreadable = new Set(issues.map((i) => i.cell));
  const partial = issues.length > 0;
  const knownCustomers = form.customerCodes ? new Set(form.customerCodes) : undefined;
  for (const i of checkRepPlan(content, { targetFen, knownCustomers })) {
    const cell = cellOf(i);
    if (partial && (cell === null || unreadable.has(cell) || i.severity !== 'error' || SUBMIT_ONLY.has(i.code))) continue;
    const message = describeReason(w, i.code, i.params);
    const issue = { cell, message: cell ? `${cell}: ${message}` : message };
    (i.severity === 'error' ? issues : warnings).push(issue);
    if (i.severity === 'error' && !blocksDraft(i)) submitOnly.push(issue);
  }
  const revision = read.properties.revision ? Number(read.properties.revision) : null;
  const cellOfField = (field: string): string | null => {
    if (field === 'belowTargetReason') return cellAt({ section: 'reason' });
    const m = /^(weeks|customers)\.(\d+)\.(\w+)$/.exec(field);
    if (!m) return null;
    // The inputs' "sales" is the money the checks read as salesFen.
    return cellAt({ section: m[1], index: Number(m[2]), field: m[3] === 'sales' ? 'salesFen' : m[3] } as RepPlanPlace);
  };
  return { content, issues, warnings, submitOnly, revision, cellOfField };
}

/** The plan sheet's header row in a language's words. */
const headersOf = (w: Words) => {
  const c = w.repPlans.columns;
  return [c.section, c.key, c.dates, c.sales, c.calls, c.visits, c.events, 'ID'];
};

/**
 * Whether a plan sheet someone else wrote (a template made on the server, in
 * either language) is still laid out as the pane lays it out: the header
 * row, then a row for each week of the month in order, the total, the key
 * customers' rows numbered from the first, and the reason; every key in its
 * hidden column where it was written. The first place it is not is an issue
 * at that cell (rows deleted, inserted or moved; the header changed), and
 * the plan's block when it is.
 */
export function checkTemplateLayout(w: Words, read: Pick<SheetRead, 'sheetName' | 'values'>, weekKeys: readonly string[]): { issues: Issue[]; block: Block | null; header: string[] } {
  const r = w.repPlans;
  const sheet = read.sheetName;
  const refuse = (row: number, column: number, code: 'PLAN_TEMPLATE_HEADER_CHANGED' | 'PLAN_TEMPLATE_ROW_CHANGED', expected: string) => {
    const cell = `${sheet}!${columnLetters(column)}${row + 1}`;
    return { issues: [{ cell, message: `${cell}: ${format(w.reasons[code], { expected })}` }], block: null, header: [] };
  };
  const header = (read.values[HEADER_ROW] ?? []).slice(0, ROW_KEY + 1).map(cellText);
  const expected = headersOf(w);
  if (![expected, ...Object.values(words).map(headersOf)].some((h) => h.every((x, i) => header[i] === x))) {
    const j = Math.max(0, expected.findIndex((x, i) => header[i] !== x));
    return refuse(HEADER_ROW, j, 'PLAN_TEMPLATE_HEADER_CHANGED', expected[j]!);
  }
  const keyAt = (row: number) => cellText(read.values[row]?.[ROW_KEY]);
  let row = FIRST_ROW;
  for (const wk of weekKeys) {
    if (keyAt(row) !== `W|${wk}`) return refuse(row, 0, 'PLAN_TEMPLATE_ROW_CHANGED', `${r.sections.week} ${wk}`);
    row++;
  }
  if (keyAt(row) !== 'T') return refuse(row, 0, 'PLAN_TEMPLATE_ROW_CHANGED', r.sections.total);
  row++;
  for (let i = 0; keyAt(row).startsWith('C|'); i++, row++) {
    if (keyAt(row) !== `C|${i}`) return refuse(row, 0, 'PLAN_TEMPLATE_ROW_CHANGED', `${r.sections.customer} ${i + 1}`);
  }
  if (keyAt(row) !== 'R') return refuse(row, 0, 'PLAN_TEMPLATE_ROW_CHANGED', r.sections.reason);
  return { issues: [], block: { row: 0, column: 0, rows: row + 1, columns: ROW_KEY + 1 }, header };
}

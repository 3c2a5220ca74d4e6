/**
 * A month's expenses as a sheet, and back (brief §5, the expense ratio's
 * numerator). Pure: the adapter writes and reads; this decides the layout
 * and reads what finance typed, naming every problem by its cell with the
 * shared reading rule of amounts (schema/target-validation.ts readAmount).
 *
 * Layout: row 1 a banner; row 2 the header (unit code, unit, one column per
 * category, the total, a hidden unit id, and the row's figures as pulled,
 * hidden too); then a row per unit in the tree's order. The category cells
 * are typed in (yuan, blank is none); the total is a formula; the rest is
 * protected. The figures as pulled let a save send only what was typed,
 * each with the figure it replaces: one someone else saved since is not
 * overwritten unseen (nor removed because the sheet's cell was blank).
 */
import { format, type Words } from '../i18n.ts';
import { issueWords } from '../i18n/issues.ts';
import { columnLetters, formula, type CellInput } from '../excel/chunks.ts';
import { cellIssue, cellText, inSheetOrder, type Issue } from '../excel/cells.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { fenToCellNumber, formatMoney, parseMoney } from '../../../schema/money.ts';
import { EXPENSE_CATEGORIES, type ExpenseCategory } from '../../../schema/ratios.ts';
import { readAmount } from '../../../schema/target-validation.ts';

export const EXPENSES_KIND = 'unitExpenses';

const EXPENSE_FIELDS = 'unitId category amount';
export const UNIT_EXPENSES = `query UnitExpenses($month: String!) { unitExpenses(month: $month) { ${EXPENSE_FIELDS} } }`;
/** The units the sheet lists: those whose figures the viewer keeps (the finance manager: every unit, which orgTree does not show them). */
export const EXPENSE_UNITS = `query ExpenseUnits { expenseUnits { id code name kind parentId depth version } }`;
export const SAVE_UNIT_EXPENSES = `mutation SaveUnitExpenses($month: String!, $lines: [UnitExpenseInput!]!) { saveUnitExpenses(month: $month, lines: $lines) { ${EXPENSE_FIELDS} } }`;

export interface UnitExpense {
  unitId: string;
  category: ExpenseCategory;
  amount: string;
}

/** A figure read back from the sheet, with the figure the sheet was pulled with ("0.00" for none; absent from a sheet pulled before it kept them). */
export interface ExpenseLine extends UnitExpense {
  was?: string;
}

export interface ExpenseUnit {
  id: string;
  code: string;
  name: string;
  depth: number;
}

const FIRST_ROW = 2;
const FIRST_CATEGORY = 2;
const TOTAL = FIRST_CATEGORY + EXPENSE_CATEGORIES.length;
const KEY = TOTAL + 1;
/** The row's figures as pulled, one per category in order, ";"-separated, blank for none. */
const WAS = KEY + 1;
const WAS_HEADER = 'was';

export function expensesSheetSpec(w: Words, month: string, units: ExpenseUnit[], expenses: UnitExpense[]): GridSheetSpec {
  const e = w.ratios.expenses;
  const amountOf = new Map(expenses.map((x) => [`${x.unitId}|${x.category}`, x.amount]));
  const first = columnLetters(FIRST_CATEGORY);
  const last = columnLetters(TOTAL - 1);
  // Names indented by depth below the shallowest unit listed, as the tree reads.
  const top = Math.min(...units.map((u) => u.depth));
  const rows: CellInput[][] = units.map((u, i) => {
    const excelRow = FIRST_ROW + i + 1;
    return [
      u.code,
      `${'  '.repeat(u.depth - top)}${u.name}`,
      ...EXPENSE_CATEGORIES.map((c) => {
        const a = amountOf.get(`${u.id}|${c}`);
        return a ? fenToCellNumber(parseMoney(a)) : '';
      }),
      formula(`SUM(${first}${excelRow}:${last}${excelRow})`),
      u.id,
      EXPENSE_CATEGORIES.map((c) => amountOf.get(`${u.id}|${c}`) ?? '').join(';'),
    ];
  });
  return {
    sheetName: format(e.sheet, { month }),
    kind: EXPENSES_KIND,
    identity: { month },
    banner: format(e.banner, { month }),
    columns: [
      { header: e.code, numberFormat: '@', width: 64 },
      { header: e.unit, numberFormat: '@', width: 120 },
      ...EXPENSE_CATEGORIES.map((c) => ({ header: w.ratios.categories[c]!, numberFormat: '#,##0.00', width: 76 })),
      { header: e.total, numberFormat: '#,##0.00', width: 84 },
      { header: 'key', numberFormat: '@', width: 40 },
      { header: WAS_HEADER, numberFormat: '@', width: 40 },
    ],
    rows,
    properties: { month },
    input: { row: FIRST_ROW, column: FIRST_CATEGORY, rows: units.length, columns: EXPENSE_CATEGORIES.length },
    inputRule: { kind: 'decimal', message: e.amountRule },
    hiddenColumns: [KEY, WAS],
    totalRows: [],
    protect: true,
    freeze: { rows: 0, columns: 2 },
  };
}

export interface ExpensesReadBack {
  month: string;
  /** Every unit × category of the sheet, blank as "0.00" (the save removes a figure no longer there), with the figure it was pulled with. */
  lines: ExpenseLine[];
  /** Whether the sheet keeps the figures it was pulled with (one pulled by an earlier version of the pane does not). */
  keepsPulled: boolean;
  issues: Issue[];
}

/** What the sheet holds, and every cell that is not an amount of money, by its cell. */
export function readExpensesSheet(w: Words, read: SheetRead): ExpensesReadBack {
  const details = issueWords[w.locale].details;
  const issues: Issue[] = [];
  const lines: ExpenseLine[] = [];
  const keepsPulled = cellText(read.values[FIRST_ROW - 1]?.[WAS]) === WAS_HEADER;
  read.values.forEach((row, r) => {
    const unitId = cellText(row[KEY]);
    if (r < FIRST_ROW || !unitId) return;
    const unit = cellText(row[1]);
    const pulled = cellText(row[WAS]).split(';');
    EXPENSE_CATEGORIES.forEach((category, i) => {
      const column = FIRST_CATEGORY + i;
      const got = readAmount(row[column], 'money');
      const was = pulled[i] ? formatMoney(parseMoney(pulled[i]!)) : '0.00';
      if ('value' in got) lines.push({ unitId, category, amount: formatMoney(got.value), ...(keepsPulled ? { was } : {}) });
      else issues.push(cellIssue(read.sheetName, r, column, format(w.ratios.expenses.badAmount, { unit, category: w.ratios.categories[category]!, found: got.found, detail: details[got.detail] })));
    });
  });
  return { month: read.properties.month ?? '', lines, keepsPulled, issues: inSheetOrder(issues) };
}

/**
 * A payroll run as sheets: the Payroll sheet (one row per person, one column
 * per component, totals as formulas, a status banner, changes since the last
 * refresh highlighted), the Explain sheet (every line's rule and arithmetic)
 * and a rep's My payslip. Pure: the adapter writes what this returns.
 */
import { explain } from '../i18n/explanations.ts';
import type { Words } from '../i18n.ts';
import type { CellInput } from '../excel/chunks.ts';
import { columnLetters } from '../excel/chunks.ts';
import type { GridSheetSpec, SheetRead, SheetTableSpec } from '../excel/workbook.ts';
import { fenToCellNumber, parseMoney } from '../../../schema/money.ts';

export interface PayslipView {
  personId: string;
  personName: string;
  employeeNo: string;
  planCode: string;
  gross: string;
  deductions: string;
  net: string;
  lines: { code: string; label: string; kind: string; amount: string; explanation: { data: string } }[];
}

export interface RunView {
  run: { id: string; month: string; version: number; revision: number; status: string; scopeUnitName: string; scopeUnitId: string };
  payslips: PayslipView[];
}

export const RUN_FIELDS = `run { id month version revision status scopeUnitName scopeUnitId }
  payslips { personId personName employeeNo planCode gross deductions net lines { code label kind amount explanation { data } } }`;

export const PAYROLL_KIND = 'payroll';
const money = (s: string) => fenToCellNumber(parseMoney(s));
/** Adjustments (one line each) share one column. */
const columnKey = (l: PayslipView['lines'][number]) => (l.kind === 'adjustments' ? 'adjustments' : l.code);
const FIXED = 3; // employee no., name, plan

export function payrollColumns(view: RunView): { key: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const p of view.payslips) for (const l of p.lines) if (!seen.has(columnKey(l))) seen.set(columnKey(l), l.kind === 'adjustments' ? l.label.split(':')[0]! : l.label);
  return [...seen].map(([key, label]) => ({ key, label }));
}

/** The values now on a previous Payroll sheet, by person id and column header. */
export function previousValues(read: SheetRead | null): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!read) return out;
  const header = (read.values[1] ?? []).map(String);
  const idCol = header.length - 1;
  for (const row of read.values.slice(2)) {
    const id = String(row[idCol] ?? '');
    if (!id) continue;
    header.forEach((h, c) => out.set(`${id}|${h}`, row[c]));
  }
  return out;
}

export function payrollSheetSpec(w: Words, view: RunView, previous: Map<string, unknown> = new Map()): GridSheetSpec {
  const p = w.payroll;
  const comps = payrollColumns(view);
  const headers = [p.employeeNo, p.name, p.plan, ...comps.map((c) => c.label), p.gross, p.deductions, p.net, 'ID'];
  const rows: CellInput[][] = view.payslips.map((s) => {
    const byKey = new Map<string, bigint>();
    for (const l of s.lines) byKey.set(columnKey(l), (byKey.get(columnKey(l)) ?? 0n) + parseMoney(l.amount));
    return [s.employeeNo, s.personName, s.planCode, ...comps.map((c) => (byKey.has(c.key) ? fenToCellNumber(byKey.get(c.key)!) : '')), money(s.gross), money(s.deductions), money(s.net), s.personId];
  });
  const first = 2; // banner, header, then data from sheet row 3 (index 2)
  const last = first + rows.length - 1;
  const totals: CellInput[] = [p.total, '', '', ...Array.from({ length: comps.length + 3 }, (_, j) => `=SUM(${columnLetters(FIXED + j)}${first + 1}:${columnLetters(FIXED + j)}${last + 1})`), ''];
  const highlight: { row: number; column: number }[] = [];
  if (previous.size) {
    rows.forEach((r, i) =>
      r.forEach((v, c) => {
        if (c < FIXED || c === headers.length - 1) return;
        const before = previous.get(`${r[headers.length - 1]}|${headers[c]}`);
        if ((before ?? '') !== v) highlight.push({ row: first + i, column: c });
      }),
    );
  }
  const status = p.statuses[view.run.status as keyof typeof p.statuses] ?? view.run.status;
  return {
    sheetName: `${p.sheet} ${view.run.month}`,
    kind: PAYROLL_KIND,
    identity: { month: view.run.month, scope: view.run.scopeUnitId },
    banner: `${view.run.scopeUnitName} · ${view.run.month} · v${view.run.version} · ${status}${['SUBMITTED', 'FINANCE_APPROVED', 'SALES_APPROVED', 'LOCKED', 'PAID'].includes(view.run.status) ? ` · ${p.readOnly}` : ''}`,
    columns: headers.map((h, c) => ({ header: h, numberFormat: c < FIXED || c === headers.length - 1 ? '@' : '#,##0.00', width: c === 1 ? 70 : c < FIXED ? 90 : 84 })),
    rows: [...rows, totals],
    properties: { runId: view.run.id, version: String(view.run.version), status: view.run.status },
    input: { row: 0, column: 0, rows: 0, columns: 0 },
    inputRule: { kind: 'decimal', message: '' },
    hiddenColumns: [headers.length - 1],
    totalRows: [first + rows.length],
    protect: true,
    highlight,
  };
}

/** A line's explanation in the reader's language, from the data the server gives. */
export const lineExplanation = (w: Words, l: { label: string; explanation: { data: string } }) => explain(JSON.parse(l.explanation.data), l.label, w.locale);

export function explainSheetSpec(w: Words, view: RunView): SheetTableSpec {
  const p = w.payroll;
  return {
    sheetName: `${p.explain} ${view.run.month}`,
    kind: 'payroll-explain',
    identity: { month: view.run.month, scope: view.run.scopeUnitId },
    tableName: `QuotabookExplain${view.run.month.replace('-', '')}`,
    columns: [
      { header: p.employeeNo, numberFormat: '@', width: 70 },
      { header: p.name, numberFormat: '@', width: 70 },
      { header: p.component, numberFormat: '@', width: 140 },
      { header: p.amount, numberFormat: '#,##0.00', width: 80 },
      { header: p.rule, numberFormat: '@', width: 300 },
      { header: p.arithmetic, numberFormat: '@', width: 420 },
      { header: p.inputs, numberFormat: '@', width: 240 },
    ],
    rows: view.payslips.flatMap((s) =>
      s.lines.map((l) => {
        const e = lineExplanation(w, l);
        return [s.employeeNo, s.personName, l.label, money(l.amount), e.rule, e.arithmetic, e.inputs.map((i) => `${i.name}: ${i.value}`).join('; ')] as CellInput[];
      }),
    ),
    properties: { runId: view.run.id },
  };
}

export function myPayslipSheet(w: Words, month: string, slip: PayslipView): SheetTableSpec {
  const p = w.payroll;
  return {
    sheetName: `${p.myPayslip} ${month}`,
    kind: 'my-payslip',
    identity: { month },
    tableName: `QuotabookPayslip${month.replace('-', '')}`,
    columns: [
      { header: p.component, numberFormat: '@', width: 140 },
      { header: p.amount, numberFormat: '#,##0.00', width: 80 },
      { header: p.rule, numberFormat: '@', width: 300 },
      { header: p.arithmetic, numberFormat: '@', width: 420 },
    ],
    rows: [
      ...slip.lines.map((l) => {
        const e = lineExplanation(w, l);
        return [l.label, money(l.amount), e.rule, e.arithmetic] as CellInput[];
      }),
      [p.gross, money(slip.gross), '', ''],
      [p.deductions, -money(slip.deductions), '', ''],
      [p.net, money(slip.net), '', ''],
    ],
    properties: { month },
  };
}

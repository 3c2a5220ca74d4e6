/**
 * A payroll run as sheets: the Payroll sheet (the 薪酬月报表: one row per
 * person, one column per component, exact totals, a status banner, the
 * sign-off block, changes since the last refresh highlighted), the "what
 * changed" sheet, the Explain sheet (every line's rule and arithmetic) and a
 * rep's My payslip. Pure: the adapter writes what this returns.
 */
import { explain } from '../i18n/explanations.ts';
import { componentName, lineName } from '../i18n/pay-components.ts';
import { format, rankText, type Words, versionText } from '../i18n.ts';
import type { CellInput } from '../excel/chunks.ts';
import type { GridSheetSpec, SheetRead, SheetTableSpec } from '../excel/workbook.ts';
import { fenToCellNumber, parseMoney } from '../../../schema/money.ts';
import { amountsByComponent, components } from '../../../schema/payroll-report.ts';

export interface PayslipView {
  personId: string;
  personName: string;
  employeeNo: string;
  planCode: string;
  /** The plan's name; absent from older callers, which show the code. */
  planName?: string;
  unitName?: string | null;
  unitPath?: string;
  rank?: string | null;
  attendanceDays?: number;
  sales?: string;
  gross: string;
  deductions: string;
  net: string;
  lines: { code: string; label: string; kind: string; amount: string; explanation: { data: string } }[];
}

export interface SignOff {
  role: string;
  actor: string;
  /** ISO date-time. */
  at: string;
  comment: string | null;
}

export interface RunTotalsView {
  headcount: number;
  gross: string;
  deductions: string;
  net: string;
  components: { key: string; label: string; kind: string; total: string }[];
}

export interface RunView {
  run: { id: string; month: string; version: number; revision: number; status: string; scopeUnitName: string; scopeUnitId: string };
  payslips: PayslipView[];
  totals?: RunTotalsView;
  signOffs?: SignOff[];
  nextSigner?: string | null;
  viewerMaySign?: boolean;
  viewerMayReturn?: boolean;
}

export const SLIP_FIELDS = `personId personName employeeNo planCode planName unitName unitPath rank attendanceDays sales gross deductions net
  lines { code label kind amount explanation { data } }`;
export const TOTALS_FIELDS = 'headcount gross deductions net components { key label kind total }';
/** What a mutation answers with: the run's summary, never its payslips (issue 12 §3). */
export const RUN_SUMMARY = 'run { id month version revision status scopeUnitName scopeUnitId }';
/** A run's head for its sheets: the summary and who signed; the payslips come a page at a time (addin/src/payroll/read-run.ts). */
export const RUN_HEAD_FIELDS = `${RUN_SUMMARY} signOffs { role actor at comment } nextSigner viewerMaySign viewerMayReturn`;

export const PAYROLL_KIND = 'payroll';
export const CHANGES_KIND = 'payroll-changes';
const money = (s: string) => fenToCellNumber(parseMoney(s));

/** The steps that sign a run, in order: finance's submission, then the three signers. */
export const SIGN_STEPS = ['FINANCE', 'FINANCE_MANAGER', 'DIRECTOR', 'GENERAL_MANAGER'] as const;

/** The run's component columns, each named in the reader's language (a built-in plan's component) or by its plan's label. */
export function payrollColumns(w: Words, view: RunView): { key: string; label: string }[] {
  return components(view.payslips).map(({ key, label }) => ({ key, label: componentName(w.locale, { key, label }) }));
}

/**
 * Width in points for a header: about 6.5 points a Latin character and 12 a
 * Chinese one (Calibri 11), within [min, max]; longer headers wrap.
 */
export function headerWidth(text: string, min: number, max = 120): number {
  const units = [...text].reduce((n, ch) => n + (/[\u1100-\uFFEF]/.test(ch) ? 2 : 1), 0);
  return Math.min(max, Math.max(min, Math.ceil(units * 6.5 + 10)));
}

/** An ISO date-time as "YYYY-MM-DD HH:mm" in China Standard Time (the business day). */
export function shanghaiTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

type ColumnKind = 'text' | 'count' | 'money';
interface PayrollColumn {
  header: string;
  kind: ColumnKind;
  min: number;
  cell: (s: PayslipView, amounts: Map<string, bigint>) => CellInput;
  /** The column's exact total, or '' when a total means nothing (text, days). */
  total: (slips: PayslipView[]) => CellInput;
}

const sumFen = (values: bigint[]) => fenToCellNumber(values.reduce((a, b) => a + b, 0n));

function columnsOf(w: Words, view: RunView): PayrollColumn[] {
  const p = w.payroll;
  const q = w.sheets.payroll;
  const text = (header: string, min: number, get: (s: PayslipView) => string | null | undefined): PayrollColumn => ({ header, kind: 'text', min, cell: (s) => get(s) ?? '', total: () => '' });
  const fen = (header: string, get: (s: PayslipView, a: Map<string, bigint>) => bigint | null): PayrollColumn => ({
    header,
    kind: 'money',
    min: 72,
    cell: (s, a) => {
      const v = get(s, a);
      return v === null ? '' : fenToCellNumber(v);
    },
    total: (slips) => sumFen(slips.map((s) => get(s, amountsOf(s)) ?? 0n)),
  });
  return [
    text(p.employeeNo, 64, (s) => s.employeeNo),
    text(p.name, 56, (s) => s.personName),
    text(q.unit, 72, (s) => s.unitName ?? ''),
    text(q.rank, 96, (s) => rankText(w, s.rank)),
    text(p.plan, 96, (s) => s.planName ?? s.planCode),
    { header: q.attendanceDays, kind: 'count', min: 40, cell: (s) => s.attendanceDays ?? '', total: () => '' },
    fen(q.sales, (s) => (s.sales === undefined ? null : parseMoney(s.sales))),
    ...payrollColumns(w, view).map((c) => fen(c.label, (_s, a) => a.get(c.key) ?? null)),
    fen(p.gross, (s) => parseMoney(s.gross)),
    fen(p.deductions, (s) => parseMoney(s.deductions)),
    fen(p.net, (s) => parseMoney(s.net)),
  ];
}

const amountCache = new WeakMap<PayslipView, Map<string, bigint>>();
function amountsOf(s: PayslipView): Map<string, bigint> {
  let a = amountCache.get(s);
  if (!a) amountCache.set(s, (a = amountsByComponent(s.lines.map((l) => ({ code: l.code, kind: l.kind, amountFen: parseMoney(l.amount) })))));
  return a;
}

/** The values now on a previous Payroll sheet, by person id and column header. */
export function previousValues(read: SheetRead | null): Map<string, unknown> | null {
  if (!read) return null;
  const out = new Map<string, unknown>();
  const header = (read.values[1] ?? []).map(String);
  const idCol = header.length - 1;
  for (const row of read.values.slice(2)) {
    const id = String(row[idCol] ?? '');
    if (!id) continue;
    header.forEach((h, c) => out.set(`${id}|${h}`, row[c]));
  }
  return out;
}

/** One line of a "what changed" list, as the sheet shows it. */
export interface ChangeRow {
  employeeNo: string;
  personName: string;
  component: string;
  /** Null when the person or component was not there before / is not there now. */
  old: CellInput;
  new: CellInput;
  kind: 'count' | 'money';
}

export interface PayrollSheet extends GridSheetSpec {
  /** What changed since the previous sheet (one entry per highlighted cell). */
  changes: ChangeRow[];
}

/**
 * The Payroll sheet, laid out as the 薪酬月报表: a banner; per person the
 * employee number, name, unit, rank, plan name, attendance days and sales,
 * then a column per pay component, gross, deductions and net; a totals line
 * of exact fen sums; and below it the sign-off block (finance's submission
 * and each signer: who signed, when, their comment; "waiting" for the steps
 * still due). Cells that differ from `previous` (the sheet before this
 * refresh; null: there was none) are highlighted and listed in `changes`,
 * with the amounts of people new to the run and of those no longer in it.
 */
export function payrollSheetSpec(w: Words, view: RunView, previous: Map<string, unknown> | null = null): PayrollSheet {
  const p = w.payroll;
  const q = w.sheets.payroll;
  const cols = columnsOf(w, view);
  const headers = [...cols.map((c) => c.header), 'ID'];
  const width = headers.length;
  const idCol = width - 1;
  const rows: CellInput[][] = view.payslips.map((s) => [...cols.map((c) => c.cell(s, amountsOf(s))), s.personId]);
  const first = 2; // banner, header, then data from sheet row 3 (index 2)
  const pad = (cells: CellInput[]): CellInput[] => [...cells, ...Array.from({ length: width - cells.length }, () => '')];
  const totals: CellInput[] = [format(q.total, { n: view.payslips.length }), ...cols.slice(1).map((c) => c.total(view.payslips)), ''];

  const signed = new Map((view.signOffs ?? []).map((x) => [x.role, x]));
  const signature: CellInput[][] = [
    pad([]),
    pad([q.signatures]),
    pad([q.role, q.signedBy, q.signedAt, q.comment]),
    ...SIGN_STEPS.map((role) => {
      const x = signed.get(role);
      return pad([q.roles[role], x ? x.actor : q.notSigned, x ? shanghaiTime(x.at) : '', x?.comment ?? '']);
    }),
  ];

  const highlight: { row: number; column: number }[] = [];
  const changes: ChangeRow[] = [];
  if (previous) {
    const ids = new Set(rows.map((r) => String(r[idCol])));
    rows.forEach((r, i) => {
      // Someone not on the sheet before (a payslip new since: the first calculation, a hire): their figures are all new, nothing where there is nothing.
      const known = previous.has(`${r[idCol]}|${headers[0]}`);
      cols.forEach((c, j) => {
        if (c.kind === 'text') return;
        const key = `${r[idCol]}|${headers[j]}`;
        const before = previous.get(key);
        if ((before ?? '') === r[j] || (!known && r[j] === 0)) return;
        highlight.push({ row: first + i, column: j });
        changes.push({ employeeNo: String(r[0]), personName: String(view.payslips[i]!.personName), component: c.header, old: before === undefined || before === '' ? null : (before as CellInput), new: r[j] === '' ? null : r[j]!, kind: c.kind });
      });
    });
    // Someone on the sheet before and no longer in the run: each of their amounts is gone.
    for (const [key, before] of previous) {
      const [id, header] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)];
      const c = cols.find((x) => x.header === header);
      if (ids.has(id) || header === 'ID' || c?.kind === 'text' || typeof before !== 'number' || before === 0) continue;
      changes.push({ employeeNo: String(previous.get(`${id}|${headers[0]}`) ?? ''), personName: String(previous.get(`${id}|${headers[1]}`) ?? ''), component: header, old: before, new: null, kind: c?.kind ?? 'money' });
    }
  }
  const status = p.statuses[view.run.status as keyof typeof p.statuses] ?? view.run.status;
  const totalRow = first + rows.length;
  return {
    sheetName: `${p.sheet} ${view.run.month}`,
    kind: PAYROLL_KIND,
    identity: { month: view.run.month, scope: view.run.scopeUnitId },
    banner: `${view.run.scopeUnitName} · ${view.run.month} · ${versionText(w, view.run.version)} · ${status}${['SUBMITTED', 'FINANCE_APPROVED', 'SALES_APPROVED', 'LOCKED', 'PAID'].includes(view.run.status) ? ` · ${p.readOnly}` : ''}`,
    columns: [
      ...cols.map((c) => ({ header: c.header, numberFormat: c.kind === 'money' ? '#,##0.00' : c.kind === 'count' ? '0' : '@', width: headerWidth(c.header, c.min) })),
      { header: 'ID', numberFormat: '@', width: 40 },
    ],
    rows: [...rows, totals, ...signature],
    properties: { runId: view.run.id, version: String(view.run.version), status: view.run.status },
    input: { row: 0, column: 0, rows: 0, columns: 0 },
    inputRule: { kind: 'decimal', message: '' },
    hiddenColumns: [idCol],
    totalRows: [totalRow, totalRow + 2, totalRow + 3],
    protect: true,
    wrapHeader: true,
    highlight,
    changes,
  };
}

/** The server's comparison as change rows, components named as on the Payroll sheet. */
export function changesFromServer(w: Words, changes: { employeeNo: string; personName: string; component: string; label: string; old: string | null; new: string | null }[]): ChangeRow[] {
  const named = w.sheets.payroll.slipTotals as Record<string, string>;
  return changes.map((c) => ({
    employeeNo: c.employeeNo,
    personName: c.personName,
    component: c.label ? componentName(w.locale, { key: c.component, label: c.label }) : named[c.component] || c.component,
    old: c.old === null ? null : money(c.old),
    new: c.new === null ? null : money(c.new),
    kind: 'money',
  }));
}

/** A money cell read back as fen: the sheet holds what fenToCellNumber wrote (two decimals, signed), so rounding its double to the cent is exact. */
const toFen = (v: CellInput) => (typeof v === 'number' ? parseMoney(v.toFixed(2)) : 0n);

/** The "what changed" sheet: person, component, before, now and the exact difference; the banner says against what. */
export function changesSheetSpec(w: Words, view: RunView, against: string, changes: ChangeRow[]): SheetTableSpec {
  const q = w.sheets.payroll;
  const p = w.payroll;
  const headers: [string, string, number][] = [
    [p.employeeNo, '@', 64],
    [p.name, '@', 56],
    [q.component, '@', 120],
    [q.old, '#,##0.00', 80],
    [q.new, '#,##0.00', 80],
    [q.difference, '#,##0.00', 80],
  ];
  const rows: CellInput[][] = changes.length
    ? changes.map((c) => {
        const diff = c.kind === 'money' ? fenToCellNumber(toFen(c.new) - toFen(c.old)) : Number(c.new ?? 0) - Number(c.old ?? 0);
        return [c.employeeNo, c.personName, c.component, c.old ?? '', c.new ?? '', diff];
      })
    : [[q.noChanges, '', '', '', '', '']];
  const status = p.statuses[view.run.status as keyof typeof p.statuses] ?? view.run.status;
  return {
    sheetName: `${q.changesSheet} ${view.run.month}`,
    kind: CHANGES_KIND,
    identity: { month: view.run.month, scope: view.run.scopeUnitId },
    tableName: sheetKeyTableName('QuotabookChanges', view),
    banner: format(q.changesBanner, { run: `${view.run.scopeUnitName} · ${view.run.month} · ${versionText(w, view.run.version)} · ${status}`, against }),
    columns: headers.map(([header, numberFormat, min]) => ({ header, numberFormat, width: headerWidth(header, min) })),
    rows,
    properties: { runId: view.run.id, against },
  };
}

/**
 * A table's name from its sheet's key (month and scope): table names are
 * unique in a workbook, and a second scope pulled in the same month gets its
 * own sheet, so it needs its own table name too.
 */
export const sheetKeyTableName = (prefix: string, view: RunView) => `${prefix}${view.run.month.replace('-', '')}_${view.run.scopeUnitId.replace(/\W/g, '')}`.slice(0, 250);

/** A line's explanation in the reader's language, from the data the server gives, naming the line as the sheets do. */
export const lineExplanation = (w: Words, l: PayslipView['lines'][number]) => explain(JSON.parse(l.explanation.data), lineName(w.locale, l), w.locale);

/** A line's inputs (依据) as one cell, as the Explain and My payslip sheets show them: "name: value; name: value". */
const inputsCell = (e: ReturnType<typeof lineExplanation>) => e.inputs.map((i) => `${i.name}: ${i.value}`).join('; ');

/** The Explain and My payslip sheets' inputs column. */
const inputsColumn = (w: Words) => ({ header: w.payroll.inputs, numberFormat: '@', width: 240 });

export function explainSheetSpec(w: Words, view: RunView): SheetTableSpec {
  const p = w.payroll;
  return {
    sheetName: `${p.explain} ${view.run.month}`,
    kind: 'payroll-explain',
    identity: { month: view.run.month, scope: view.run.scopeUnitId },
    tableName: sheetKeyTableName('QuotabookExplain', view),
    columns: [
      { header: p.employeeNo, numberFormat: '@', width: 70 },
      { header: p.name, numberFormat: '@', width: 70 },
      { header: p.component, numberFormat: '@', width: 140 },
      { header: p.amount, numberFormat: '#,##0.00', width: 80 },
      { header: p.rule, numberFormat: '@', width: 300 },
      { header: p.arithmetic, numberFormat: '@', width: 420 },
      inputsColumn(w),
    ],
    rows: view.payslips.flatMap((s) =>
      s.lines.map((l) => {
        const e = lineExplanation(w, l);
        return [s.employeeNo, s.personName, lineName(w.locale, l), money(l.amount), e.rule, e.arithmetic, inputsCell(e)] as CellInput[];
      }),
    ),
    properties: { runId: view.run.id },
  };
}

/**
 * A rep's own payslip: each line's amount with its whole explanation (rule,
 * arithmetic and the inputs it was reckoned on: the dates counted absent,
 * the lates, the day's pay), so that they can check it by hand (brief §7);
 * then gross, deductions and net. The inputs come last, after the columns
 * the sheet had before them.
 */
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
      inputsColumn(w),
    ],
    rows: [
      ...slip.lines.map((l) => {
        const e = lineExplanation(w, l);
        return [lineName(w.locale, l), money(l.amount), e.rule, e.arithmetic, inputsCell(e)] as CellInput[];
      }),
      [p.gross, money(slip.gross), '', '', ''],
      [p.deductions, -money(slip.deductions), '', '', ''],
      [p.net, money(slip.net), '', '', ''],
    ],
    properties: { month },
  };
}

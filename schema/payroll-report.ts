/**
 * A payroll run read as a report: which components it pays (one column
 * each, a person's adjustments sharing one), the run's totals, and what
 * changed between two runs person by person. Pure and exact (fen as bigint);
 * shared by the server (totals, comparisons) and the add-in (the sheet).
 */
import type { Fen } from './money.ts';

export interface ReportLine {
  code: string;
  label: string;
  kind: string;
  amountFen: Fen;
}

export interface ReportSlip {
  personId: string;
  employeeNo: string;
  personName: string;
  grossFen: Fen;
  deductionsFen: Fen;
  netFen: Fen;
  lines: readonly ReportLine[];
}

/** Adjustments (one line each, "奖惩: reason") share one column. */
export const ADJUSTMENTS = 'adjustments';
export const componentKey = (l: Pick<ReportLine, 'code' | 'kind'>) => (l.kind === ADJUSTMENTS ? ADJUSTMENTS : l.code);
export const componentLabel = (l: Pick<ReportLine, 'label' | 'kind'>) => (l.kind === ADJUSTMENTS ? l.label.split(':')[0]!.trim() : l.label);

export interface Component {
  key: string;
  label: string;
  kind: string;
}

/** The run's components in the order they first appear on its payslips. */
export function components(slips: readonly { lines: readonly Omit<ReportLine, 'amountFen'>[] }[]): Component[] {
  const seen = new Map<string, Component>();
  for (const s of slips) for (const l of s.lines) if (!seen.has(componentKey(l))) seen.set(componentKey(l), { key: componentKey(l), label: componentLabel(l), kind: l.kind });
  return [...seen.values()];
}

/** One payslip's amounts by component key. */
export function amountsByComponent(lines: readonly Pick<ReportLine, 'code' | 'kind' | 'amountFen'>[]): Map<string, Fen> {
  const out = new Map<string, Fen>();
  for (const l of lines) out.set(componentKey(l), (out.get(componentKey(l)) ?? 0n) + l.amountFen);
  return out;
}

export interface RunTotals {
  headcount: number;
  grossFen: Fen;
  deductionsFen: Fen;
  netFen: Fen;
  components: (Component & { totalFen: Fen })[];
}

/** Exact sums over the payslips: headcount, gross, deductions, net, and each component. */
export function runTotals(slips: readonly ReportSlip[]): RunTotals {
  const totals = new Map<string, Fen>();
  let grossFen = 0n;
  let deductionsFen = 0n;
  let netFen = 0n;
  for (const s of slips) {
    grossFen += s.grossFen;
    deductionsFen += s.deductionsFen;
    netFen += s.netFen;
    for (const [k, v] of amountsByComponent(s.lines)) totals.set(k, (totals.get(k) ?? 0n) + v);
  }
  return { headcount: slips.length, grossFen, deductionsFen, netFen, components: components(slips).map((c) => ({ ...c, totalFen: totals.get(c.key) ?? 0n })) };
}

/** The payslip totals compared besides the components, keyed like components. */
export const SLIP_TOTALS = ['gross', 'deductions', 'net'] as const;

export interface PayslipChange {
  personId: string;
  employeeNo: string;
  personName: string;
  /** A component key, or "gross" / "deductions" / "net". */
  key: string;
  /** The component's label (empty for the payslip totals, which the reader names). */
  label: string;
  /** Null when the person or the component was not in that run. */
  oldFen: Fen | null;
  newFen: Fen | null;
}

/**
 * Every (person, component) whose amount differs from `before` to `after`,
 * people in employee-number order, components in the newer run's order
 * (those only in the older run after them), then gross, deductions and net.
 * A person only in one run shows each of their amounts against null.
 */
export function payslipChanges(before: readonly ReportSlip[], after: readonly ReportSlip[]): PayslipChange[] {
  const old = new Map(before.map((s) => [s.personId, s]));
  const now = new Map(after.map((s) => [s.personId, s]));
  const order = [...components(after), ...components(before)].filter((c, i, all) => all.findIndex((x) => x.key === c.key) === i);
  const people = [...new Map([...before, ...after].map((s) => [s.personId, s])).values()].sort((a, b) =>
    a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0,
  );
  const out: PayslipChange[] = [];
  for (const p of people) {
    const a = old.get(p.personId);
    const b = now.get(p.personId);
    const amountsA = a ? amountsByComponent(a.lines) : null;
    const amountsB = b ? amountsByComponent(b.lines) : null;
    const who = { personId: p.personId, employeeNo: (b ?? a)!.employeeNo, personName: (b ?? a)!.personName };
    for (const c of order) {
      const oldFen = amountsA?.get(c.key) ?? null;
      const newFen = amountsB?.get(c.key) ?? null;
      if (oldFen !== newFen) out.push({ ...who, key: c.key, label: c.label, oldFen, newFen });
    }
    for (const key of SLIP_TOTALS) {
      const field = `${key}Fen` as const;
      const oldFen = a ? a[field] : null;
      const newFen = b ? b[field] : null;
      if (oldFen !== newFen) out.push({ ...who, key, label: '', oldFen, newFen });
    }
  }
  return out;
}

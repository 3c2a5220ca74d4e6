/**
 * Nothing typed is lost: what a pull wrote into a Targets sheet is kept in the
 * workbook, so that before the next pull or breakdown the pane can tell which
 * cells the user typed since (they differ from what the server last gave) and
 * ask before replacing them. Pure: the adapter stores and reads the text.
 */
import { columnLetters } from '../excel/chunks.ts';
import { METRICS } from '../../../schema/metrics.ts';
import { sameAmount, type PlanView, type ReadBack } from './target-sheet.ts';

/** Where a plan's last pull is kept (writeStoredText / readStoredText). */
export const pulledKey = (planId: string) => `targets:${planId}`;

/** What the server gave, by "owner|period", as a stored text. */
export function pulledText(view: PlanView): string {
  return JSON.stringify({ revision: view.plan.revision, cells: Object.fromEntries(view.lines.map((l) => [`${l.ownerId}|${l.periodKey}`, l.amount])) });
}

export function readPulled(text: string | null): Map<string, string> | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as { cells?: Record<string, string> };
    return new Map(Object.entries(parsed.cells ?? {}));
  } catch {
    return null;
  }
}

export interface TypedCell {
  ownerId: string;
  periodKey: string;
  /** "Sheet!D5" */
  cell: string;
  value: unknown;
}

/**
 * The cells of the sheet the user typed: different from what the last pull
 * wrote (or, when the workbook has no record of it, from what is coming), and
 * different from what is about to be written (when known), so nothing is
 * asked about that would not change.
 */
export function typedCells(view: PlanView, back: ReadBack, sheetName: string, pulled: Map<string, string> | null, incoming: PlanView | null): TypedCell[] {
  const unit = METRICS[view.plan.metric].unit;
  const next = incoming && new Map(incoming.lines.map((l) => [`${l.ownerId}|${l.periodKey}`, l.amount]));
  const out: TypedCell[] = [];
  for (const l of back.lines) {
    const k = `${l.ownerId}|${l.periodKey}`;
    const before = pulled ? (pulled.get(k) ?? '') : (next?.get(k) ?? '');
    if (sameAmount(unit, l.amount, before)) continue;
    if (next && sameAmount(unit, l.amount, next.get(k) ?? '')) continue;
    const r = back.rowOf.get(l.ownerId);
    const c = back.columnOf.get(l.periodKey);
    if (r === undefined || c === undefined) continue;
    out.push({ ownerId: l.ownerId, periodKey: l.periodKey, cell: `${sheetName}!${columnLetters(c)}${r + 1}`, value: l.amount });
  }
  return out;
}

/** The typed cells by "owner|period", to write instead of the server's figures ("keep my cells"). */
export const keepCells = (typed: TypedCell[]) => new Map(typed.map((t) => [`${t.ownerId}|${t.periodKey}`, t.value]));

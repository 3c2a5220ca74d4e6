/**
 * Nothing typed is lost (issue 8 §3): an action that rewrites input sheets
 * goes through `rewrite`, which writes them unless the user typed cells in
 * them that the write would change; then nothing is written and the pane asks
 * (TypedCellsBar): Replace runs the action again, replacing; Keep mine leaves
 * the sheets as they are. Shared by every screen that writes an input grid.
 */
import { useState } from 'react';
import { format, type Words } from '../../i18n.ts';
import type { ExcelRun, WriteReport } from '../../excel/workbook.ts';
import { rewriteInputSheets, type InputWrite, type TypedSheet } from '../../excel/typed-input.ts';

/** Typed cells waiting for the user's answer, and the action to run again to replace them. */
export interface TypedAsk {
  sheets: TypedSheet[];
  replace: () => void;
}

export function useTypedAsk() {
  const [asking, setAsking] = useState<TypedAsk | null>(null);
  /** The writes' reports, or null when the user is asked first (`again` runs the action again, replacing). */
  const rewrite = async (run: ExcelRun, writes: InputWrite[], replace: boolean, again: () => void): Promise<WriteReport[] | null> => {
    const out = await rewriteInputSheets(run, writes, replace);
    if ('typed' in out) {
      setAsking({ sheets: out.typed, replace: again });
      return null;
    }
    setAsking(null);
    return out.reports;
  };
  /** Keep mine: the sheets stay as they are; what to say about it, in the language the pane is in when it says it. */
  const keep = () => {
    setAsking(null);
    const sheets = (asking?.sheets ?? []).map((s) => s.sheetName);
    return (w: Words) => format(w.typedCells.kept, { sheet: sheets.join(w.locale === 'zh-CN' ? '”、“' : '”, “') });
  };
  return { asking, rewrite, keep, clear: () => setAsking(null) };
}

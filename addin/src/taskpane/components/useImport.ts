/**
 * The Import screen's state and calls: read the active sheet (or take a
 * file), preview it on the server by the import's own rules, show what would
 * be imported and the problems by cell, then import exactly what was
 * previewed. Nothing is written before the import; one action at a time.
 */
import { describeError, isTransient } from '../../api/describe-error.ts';
import { useCallback, useRef, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { ApiError, run } from '../../api/client.ts';
import { startAndFollow, summaryOf } from '../../api/jobs.ts';
import { readActiveSheet, selectCell, SheetTooLargeError, type ExcelRun } from '../../excel/workbook.ts';
import { dataRowCount, toSheetGrid, type SheetGrid } from '../../imports/sheet-grid.ts';
import { START_FILE_IMPORT, START_SHEET_IMPORT, MAX_SHEET_ROWS, PREVIEW, type ImportCounts, type ImportKind, type ImportPreview, type ImportProblem } from '../../imports/operations.ts';
import { useStatusState } from '../status-state.ts';

const excel = () => Excel.run as unknown as ExcelRun;

export type ImportSource = { type: 'sheet'; grid: SheetGrid } | { type: 'file'; file: File };

export type ImportStatus =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string; value?: number }
  | { kind: 'done'; message: string }
  | { kind: 'empty'; message: string }
  | { kind: 'error'; message: string; retry?: () => void };

export function useImport(client: Client, w: Words, onSessionEnded: () => void) {
  const f = w.files;
  const [kind, setKindState] = useState<ImportKind>('sales');
  const [previewed, setPreviewed] = useState<{ source: ImportSource; preview: ImportPreview } | null>(null);
  const [status, setStatus] = useStatusState<ImportStatus>({ kind: 'idle' });
  const busy = useRef(false);

  /** Runs one action at a time; a second start while one runs is ignored. */
  const act = useCallback(
    async function act(work: () => Promise<void>): Promise<void> {
      if (busy.current) return;
      busy.current = true;
      try {
        await work();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
        if (err instanceof SheetTooLargeError) return setStatus({ kind: 'error', message: format(f.tooLarge, { sheet: err.sheetName, rows: err.rows, max: err.max }) });
        setStatus({ kind: 'error', message: describeError(w, err), ...(isTransient(err) ? { retry: () => void act(work) } : {}) });
      } finally {
        busy.current = false;
      }
    },
    [f, onSessionEnded],
  );

  const check = async (source: ImportSource) => {
    setStatus({ kind: 'busy', label: f.checking });
    const variables = source.type === 'sheet' ? { grid: source.grid } : { file: source.file };
    const data = await run<Record<string, ImportPreview>>(client, PREVIEW[kind], variables);
    setPreviewed({ source, preview: Object.values(data)[0]! });
    setStatus({ kind: 'idle' });
  };

  const previewSheet = () =>
    act(async () => {
      setPreviewed(null);
      setStatus({ kind: 'busy', label: format(f.reading, { done: 0, total: '…' }) });
      const read = await readActiveSheet(excel(), {
        maxRows: MAX_SHEET_ROWS + 10,
        onProgress: (p) => setStatus({ kind: 'busy', label: format(f.reading, { done: p.rowsRead, total: p.totalRows }), value: p.rowsRead / p.totalRows }),
      });
      const grid = toSheetGrid(read.sheetName, read.values, read.numberFormats);
      if (dataRowCount(grid) === 0) return setStatus({ kind: 'empty', message: format(f.emptySheet, { sheet: read.sheetName }) });
      await check({ type: 'sheet', grid });
    });

  const previewFile = (file: File) =>
    act(async () => {
      setPreviewed(null);
      await check({ type: 'file', file });
    });

  /** Imports what was previewed: the same rows, not the sheet as it may have been edited since. */
  const importPreviewed = () =>
    act(async () => {
      if (!previewed) return;
      const { source } = previewed;
      setStatus({ kind: 'busy', label: f.importing });
      const counts = await importSource(source);
      setPreviewed(null);
      setStatus({ kind: 'done', message: format(f.imported, { source: sourceName(source), ...counts }) });
    });

  /**
   * A sheet's rows, or a file, are imported by the server as a job (off the request path: a
   * large one holds nobody up), followed to its end. Refused (the data changed since the
   * preview), the preview runs again so the problems show by cell, and the refusal is said.
   */
  const importSource = async (source: ImportSource): Promise<ImportCounts> => {
    try {
      const job = source.type === 'sheet' ? await startAndFollow(client, START_SHEET_IMPORT[kind], { grid: source.grid }) : await startAndFollow(client, START_FILE_IMPORT[kind], { file: source.file });
      const summary = summaryOf(job);
      return { created: Number(summary.created ?? 0), updated: Number(summary.updated ?? 0), unchanged: Number(summary.unchanged ?? 0) };
    } catch (err) {
      if (err instanceof ApiError && err.reason === 'IMPORT_REJECTED') await check(source).catch(() => undefined);
      throw err;
    }
  };

  const goTo = (p: ImportProblem) =>
    act(async () => {
      if (previewed?.source.type === 'sheet' && p.sheet && p.cell) await selectCell(excel(), p.sheet, p.cell);
    });

  const setKind = (k: ImportKind) => {
    if (busy.current) return;
    setKindState(k);
    setPreviewed(null);
    setStatus({ kind: 'idle' });
  };

  return { kind, setKind, previewed, status, busy: status.kind === 'busy', previewSheet, previewFile, importPreviewed, goTo };
}

export const sourceName = (source: ImportSource) => (source.type === 'sheet' ? source.grid.sheet : source.file.name);

/** The import operations the pane sends: a preview (nothing written) and the import, of a sheet's rows or a file. */
import { JOB_FIELDS } from '../api/jobs.ts';

export type ImportKind = 'sales' | 'attendance';

const PREVIEW_FIELDS = 'sheet rows valid created updated unchanged problemCount problems { sheet cell row field message reason params { name value } }';

export const PREVIEW: Record<ImportKind, string> = {
  sales: `query PreviewSales($grid: SheetGridInput, $file: File) { previewSalesImport(grid: $grid, file: $file) { ${PREVIEW_FIELDS} } }`,
  attendance: `query PreviewAttendance($grid: SheetGridInput, $file: File) { previewAttendanceImport(grid: $grid, file: $file) { ${PREVIEW_FIELDS} } }`,
};

/** A sheet's rows are imported as a job (issue 12 §2): the job comes back at once, to be followed. */
export const START_SHEET_IMPORT: Record<ImportKind, string> = {
  sales: `mutation StartSalesSheetImport($grid: SheetGridInput!) { startSalesSheetImport(grid: $grid) { ${JOB_FIELDS} } }`,
  attendance: `mutation StartAttendanceSheetImport($grid: SheetGridInput!) { startAttendanceSheetImport(grid: $grid) { ${JOB_FIELDS} } }`,
};

/** A file's rows imported as a job, the file kept with it until it has finished. */
export const START_FILE_IMPORT: Record<ImportKind, string> = {
  sales: `mutation StartSalesFileImport($file: File!) { startSalesFileImport(file: $file) { ${JOB_FIELDS} } }`,
  attendance: `mutation StartAttendanceFileImport($file: File!) { startAttendanceFileImport(file: $file) { ${JOB_FIELDS} } }`,
};

export interface ImportProblem {
  sheet: string | null;
  cell: string | null;
  row: number;
  field: string;
  message: string;
  reason: string;
  params: { name: string; value: string }[];
}

export interface ImportPreview {
  sheet: string;
  rows: number;
  valid: number;
  created: number;
  updated: number;
  unchanged: number;
  problemCount: number;
  problems: ImportProblem[];
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** At most this many rows are read from a sheet at once (the server's limit per file). */
export const MAX_SHEET_ROWS = 50_000;

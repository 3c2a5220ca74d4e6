/**
 * Where an import's table comes from: an uploaded file (.xlsx, .csv in any
 * encoding Chinese offices write) or the rows of a sheet the pane read from
 * the open workbook. Either way it becomes a Grid, read by the same rules.
 */
import { badInput, clientError } from '../errors.ts';
import { checkGridLimits, MAX_FILE_BYTES, readGrid, type Grid } from './tabular-file.ts';

export type SheetCell = string | number | boolean;

export interface SheetGrid {
  /** The sheet's name, as problems will name it ("Sheet1!D3"). */
  sheet: string;
  /** The sheet's cells from A1, row by row. */
  rows: SheetCell[][];
}

export interface ImportSource {
  file?: File | null;
  grid?: SheetGrid | null;
}

/** The grid to import and the name to give it in messages; exactly one of file or grid. */
export async function gridOf(source: ImportSource, preferSheet: RegExp): Promise<{ grid: Grid; name: string }> {
  const { file, grid } = source;
  if (!!file === !!grid) throw clientError('BAD_USER_INPUT', 'Give either a file or a sheet’s rows, not both', { field: 'file', reason: 'IMPORT_SOURCE', params: {} });
  if (grid) return { grid: checkGridLimits({ sheet: grid.sheet, rows: grid.rows }), name: grid.sheet };
  if (!file || typeof file.arrayBuffer !== 'function') throw badInput(['file'], 'Send the file as a GraphQL multipart upload');
  if (file.size > MAX_FILE_BYTES) throw badInput(['file'], `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  return { grid: await readGrid(file.name, new Uint8Array(await file.arrayBuffer()), preferSheet), name: file.name };
}

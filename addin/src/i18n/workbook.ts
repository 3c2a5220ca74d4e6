/** The workbook adapter's refusals in words (addin/src/excel/workbook.ts raises them as codes). */
import type { WorkbookReason } from '../excel/workbook.ts';

export const en: Record<WorkbookReason, string> = {
  SHEET_OCCUPIED: '{sheet}!{cell} holds your own data where the new table would go. Nothing was overwritten: move it, or rename the sheet, then pull again.',
  NO_FREE_SHEET_NAME: 'Sheets “{sheet}” to “{sheet} (9)” all hold other data; rename one and pull again.',
};

export const zh: Record<WorkbookReason, string> = {
  SHEET_OCCUPIED: '{sheet}!{cell} 中有您自己的数据，正好位于新表格要写入的位置。未覆盖任何内容：请移走这些数据或重命名工作表，然后重新拉取。',
  NO_FREE_SHEET_NAME: '工作表“{sheet}”至“{sheet} (9)”都已有其他数据；请重命名其中一个后重新拉取。',
};

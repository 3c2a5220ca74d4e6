/** The workbook adapter's refusals in words (addin/src/excel/workbook.ts raises them as codes). */
import type { WorkbookReason } from '../excel/workbook.ts';

export const en: Record<WorkbookReason, string> = {
  SHEET_OCCUPIED: '{sheet}!{cell} holds your own data where the new table would go. Nothing was overwritten: move it, or rename the sheet, then pull again.',
  NO_FREE_SHEET_NAME: 'Sheets “{sheet}” to “{sheet} (9)” all hold other data; rename one and pull again.',
  TABLE_CHANGED: 'The Quotabook table now covers {sheet}!{range}, not the block it was written to: rows or columns were added to it. Nothing was changed: move what you added out of the table, then pull again.',
  TABLE_NAME_TAKEN: 'A table on the sheet “{sheet}” already has the name {table}, which Quotabook needs. Nothing was changed: rename or remove that table, then pull again.',
  BLOCK_MOVED: 'Rows were inserted into or above what Quotabook wrote on “{sheet}” (see {sheet}!{cell}), or something was typed right below it. Nothing was changed: delete the inserted rows, or move what you added out of the way, then pull again.',
};

export const zh: Record<WorkbookReason, string> = {
  SHEET_OCCUPIED: '{sheet}!{cell} 中有您自己的数据，正好位于新表格要写入的位置。未覆盖任何内容：请移走这些数据或重命名工作表，然后重新拉取。',
  NO_FREE_SHEET_NAME: '工作表“{sheet}”至“{sheet} (9)”都已有其他数据；请重命名其中一个后重新拉取。',
  TABLE_CHANGED: 'Quotabook 表格现在覆盖 {sheet}!{range}，已不是当初写入的区域：有人向其中添加了行或列。未做任何更改：请把添加的内容移出表格，然后重新拉取。',
  TABLE_NAME_TAKEN: '工作表“{sheet}”上已有名为 {table} 的表格，而 Quotabook 需要使用这个名称。未做任何更改：请重命名或删除该表格，然后重新拉取。',
  BLOCK_MOVED: '工作表“{sheet}”上 Quotabook 写入的区域中或其上方插入了行（见 {sheet}!{cell}），或在其正下方输入了内容。未做任何更改：请删除插入的行，或把添加的内容移开，然后重新拉取。',
};

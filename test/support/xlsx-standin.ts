/**
 * An .xlsx file as the Excel stand-in opens it (`StandInWorkbook.load`):
 * exceljs reads the sheets (values, formulas, number formats, locking, data
 * validation, fills, wrap, protection, hidden columns, widths, frozen panes,
 * the active tab); the custom document properties (docProps/custom.xml,
 * which exceljs does not read) come from the package itself. Runs in Node;
 * the result is plain data, handed to the page's stand-in as it is.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { CustomPropertyValue, WorkbookFile, WorkbookFileCell } from './excel-standin.ts';

/** Excel's column width in characters to points (about 7 points a character, as the template writes them). */
const points = (chars: number) => Math.round(chars * 7);

const OPERATORS: Record<string, string> = {
  between: 'Between',
  notBetween: 'NotBetween',
  equal: 'EqualTo',
  notEqual: 'NotEqualTo',
  greaterThan: 'GreaterThan',
  lessThan: 'LessThan',
  greaterThanOrEqual: 'GreaterThanOrEqualTo',
  lessThanOrEqual: 'LessThanOrEqualTo',
};

/** A file's data validation as the rule Office.js would set (Excel.DataValidationRule). */
function validationRule(v: ExcelJS.DataValidation): unknown {
  const kind = v.type === 'whole' ? 'wholeNumber' : v.type;
  const [formula1, formula2] = (v.formulae ?? []) as unknown[];
  return { [kind]: { formula1, ...(formula2 === undefined ? {} : { formula2 }), operator: OPERATORS[v.operator ?? 'between'] ?? v.operator } };
}

/** What a cell holds, as Excel's values give it: text, a number, a boolean; a formula as its text. */
function contents(cell: ExcelJS.Cell): Pick<WorkbookFileCell, 'value' | 'formula'> | null {
  const v = cell.value;
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { value: v.getTime() / 86_400_000 + 25_569 };
  if (typeof v === 'object' && 'formula' in v && v.formula) return { formula: `=${v.formula}` };
  if (typeof v === 'object' && 'sharedFormula' in v) throw new Error(`${cell.address}: shared formulas are not modelled`);
  if (typeof v === 'object' && 'richText' in v) return { value: v.richText.map((t) => t.text).join('') };
  if (typeof v === 'object' && 'text' in v) return { value: String(v.text) };
  throw new Error(`${cell.address}: a value the stand-in does not model (${JSON.stringify(v)})`);
}

/** docProps/custom.xml's properties: text, numbers and booleans. */
export async function customProperties(xlsx: Uint8Array): Promise<Record<string, CustomPropertyValue>> {
  const zip = await JSZip.loadAsync(xlsx);
  const xml = await zip.file('docProps/custom.xml')?.async('string');
  const out: Record<string, CustomPropertyValue> = {};
  if (!xml) return out;
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  for (const m of xml.matchAll(/<property\b[^>]*\bname="([^"]*)"[^>]*>\s*<vt:(\w+)>([^<]*)<\/vt:\w+>\s*<\/property>/g)) {
    const [, name, type, text] = m as unknown as [string, string, string, string];
    out[unescape(name)] = type === 'bool' ? text === 'true' || text === '1' : /^(i\d|ui\d|int|uint|r4|r8|decimal)$/.test(type) ? Number(text) : unescape(text);
  }
  return out;
}

export async function workbookFileFromXlsx(xlsx: Uint8Array): Promise<WorkbookFile> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(xlsx) as never);
  const sheets: WorkbookFile['sheets'] = [];
  book.eachSheet((ws) => {
    const cells: WorkbookFileCell[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        // Of merged cells only the first holds a value (exceljs reports it on each); Excel's values give the others as empty.
        const held = cell.isMerged && cell.master.address !== cell.address ? null : contents(cell);
        const unlocked = cell.protection?.locked === false;
        const validation = cell.dataValidation?.type ? validationRule(cell.dataValidation) : undefined;
        const fill = cell.fill?.type === 'pattern' && cell.fill.fgColor?.argb ? `#${cell.fill.fgColor.argb.slice(-6)}` : undefined;
        const numberFormat = cell.numFmt || 'General';
        if (!held && !unlocked && validation === undefined && !fill && numberFormat === 'General') return;
        cells.push({
          row: Number(row.number) - 1,
          column: Number(cell.col) - 1,
          ...(held ?? {}),
          numberFormat,
          ...(unlocked ? { unlocked } : {}),
          ...(validation === undefined ? {} : { validation }),
          ...(fill ? { fill } : {}),
          ...(cell.alignment?.wrapText ? { wrap: true } : {}),
        });
      });
    });
    const hiddenColumns: number[] = [];
    const columnWidths: [number, number][] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const col = ws.getColumn(c);
      if (col.hidden) hiddenColumns.push(c - 1);
      if (col.width) columnWidths.push([c - 1, points(col.width)]);
    }
    const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    sheets.push({
      name: ws.name,
      cells,
      protected: !!(ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet,
      hiddenColumns,
      columnWidths,
      frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
      frozenColumns: view?.state === 'frozen' ? (view.xSplit ?? 0) : 0,
      ...(ws.state === 'hidden' ? { visibility: 'Hidden' as const } : ws.state === 'veryHidden' ? { visibility: 'VeryHidden' as const } : {}),
    });
  });
  const active = book.views?.[0]?.activeTab;
  return { sheets, customProperties: await customProperties(xlsx), ...(active !== undefined && sheets[active] ? { activeSheet: sheets[active]!.name } : {}) };
}

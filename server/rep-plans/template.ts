/**
 * A rep's plan template workbook (issue 11 §1): per rep and month, an .xlsx
 * the server makes (for the rep, or for a manager to hand out) with a cover
 * sheet (who, unit, month, published target, due day, how to fill it in,
 * their customers) and the plan sheet laid out exactly as the pane writes it
 * (addin/src/rep-plans/plan-sheet.ts: the same columns, rows, input cells,
 * validation and protection), and the parts that open the Quotabook pane
 * with it (template-package.ts). Custom document properties say what it is:
 * QuotabookKind, QuotabookPersonId, QuotabookMonth, QuotabookTemplateVersion.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// exceljs (some hundreds of milliseconds to load) is loaded when the first template is made, not at start.
import type ExcelJS from 'exceljs';
import type { Context } from '../context.ts';
import { ownCustomers, planFormFor, unitNameIn } from './plans.ts';
import { addTaskpaneParts, type AddinReference } from './template-package.ts';
import { planSheetSpec } from '../../addin/src/rep-plans/plan-sheet.ts';
import { coverRows, TEMPLATE_KIND, TEMPLATE_VERSION, templateProperties } from '../../addin/src/rep-plans/plan-template.ts';
import { isFormula } from '../../addin/src/excel/chunks.ts';
import type { GridSheetSpec } from '../../addin/src/excel/workbook.ts';
import { logSheetSpec, reportSheetSpec, type WorkMonth } from '../../addin/src/work-reports/month-sheets.ts';
import { workMonthOf } from '../work-reports/reports.ts';
import { format, words } from '../../addin/src/i18n.ts';

export { TEMPLATE_KIND, TEMPLATE_VERSION };

let reference: AddinReference | null = null;
/** The add-in's id and version, from manifest.xml (the one the organisation deploys). */
export function addinReference(): AddinReference {
  if (!reference) {
    const manifest = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../manifest.xml'), 'utf8');
    const id = /<Id>([^<]+)<\/Id>/.exec(manifest)![1]!;
    const version = /<Version>([^<]+)<\/Version>/.exec(manifest)![1]!;
    reference = { id, version, store: 'EXCatalog', storeType: 'EXCatalog' };
  }
  return reference;
}

/** Excel column width in characters from the pane's width in points (about 7 points a character). */
const chars = (points: number) => Math.max(6, Math.round(points / 7));

export async function planTemplate(ctx: Context, personId: string, month: string, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const form = await planFormFor(ctx, personId, month);
  const person = form.person!;
  const w = words[lang];
  const t = w.repPlans.template;
  const unitName = await unitNameIn(ctx, personId, form.month);
  const customers = await ownCustomers(ctx, personId);
  const editable = !form.plan || form.plan.canEdit;
  const spec = planSheetSpec(w, { personId: person.id, personName: person.name, employeeNo: person.employeeNo }, form, form.plan, editable);

  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'Quotabook';
  book.title = `${t.title} ${person.name} ${form.month}`;
  book.subject = TEMPLATE_KIND;
  book.keywords = `quotabook ${TEMPLATE_KIND} ${form.month}`;

  const cover = book.addWorksheet(t.cover);
  cover.getColumn(1).width = 16;
  cover.getColumn(2).width = 40;
  cover.getColumn(3).width = 12;
  cover.addRow([t.title]).font = { bold: true, size: 16 };
  cover.addRow([]);
  const LABELS = 7; // name … template version, then a blank row, how to fill it in, a blank row, the customers
  coverRows(w, { person, unitName, month: form.month, target: form.target, stretchTarget: form.stretchTarget, dueOn: form.dueOn, customers }).forEach((values, i) => {
    const row = cover.addRow(values.map((v) => (v === '' ? null : v)));
    if (i < LABELS) row.getCell(1).font = { bold: true };
    if (typeof values[1] === 'number') row.getCell(2).numFmt = '#,##0.00';
    if (values[0] === t.howTo) {
      cover.mergeCells(row.number, 1, row.number, 3);
      row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
      row.height = 60;
    }
    if (i === LABELS + 3 || i === LABELS + 4) row.font = { bold: true };
  });
  await cover.protect('', { selectLockedCells: true, selectUnlockedCells: true });

  addGridSheet(book, spec);
  // The month's work log and reports, to fill in the template as well (issue 11 §3).
  // As the API answers it (times as ISO text), so the sheets are the pane's to the cell.
  const work = JSON.parse(JSON.stringify(await workMonthOf(ctx, personId, form.month))) as WorkMonth;
  const owner = { personId: person.id, personName: person.name, employeeNo: person.employeeNo };
  const logSheet = addGridSheet(book, logSheetSpec(w, owner, work));
  const reportSheet = addGridSheet(book, reportSheetSpec(w, owner, work));
  await Promise.all(book.worksheets.map((x) => x.name !== t.cover && x.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true })));
  book.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];

  const xlsx = Buffer.from(await book.xlsx.writeBuffer());
  return addTaskpaneParts(xlsx, addinReference(), templateProperties({ personId: person.id, personName: person.name, month: form.month, version: TEMPLATE_VERSION, sheet: spec.sheetName, logSheet, reportSheet }));
}

/** The download's file name: ASCII, so every mail client keeps it. */
export const templateFileName = (employeeNo: string, month: string) => format('plan-{no}-{month}.xlsx', { no: employeeNo.replace(/[^\w-]/g, ''), month });

/**
 * A sheet laid out as the pane's writeGridSheet lays it out (excel/workbook.ts):
 * the banner, the bold header on its fill, the rows (formulas as formulas),
 * the input cells unlocked, filled and validated, the hidden columns. The
 * caller protects it. Returns its name.
 */
function addGridSheet(book: ExcelJS.Workbook, spec: GridSheetSpec): string {
  const sheet = book.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', xSplit: spec.freeze?.columns ?? 0, ySplit: 2 }] });
  spec.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = chars(c.width);
    col.numFmt = c.numberFormat === '@' ? '@' : c.numberFormat;
  });
  sheet.addRow([spec.banner ?? '']).font = { bold: true };
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } }));
  for (const row of spec.rows) {
    sheet.addRow(row.map((v) => (isFormula(v) ? { formula: v.formula.slice(1) } : v === '' ? null : v)));
  }
  for (const r of spec.totalRows) sheet.getRow(r + 1).font = { bold: true };
  const inputs = [
    ...(spec.input.rows > 0 ? [{ block: spec.input, rule: { kind: 'decimal' as const, min: 0, message: spec.inputRule.message } }] : []),
    ...(spec.extraInputs ?? []),
  ];
  for (const { block, rule } of inputs) {
    for (let r = block.row; r < block.row + block.rows; r++) {
      for (let c = block.column; c < block.column + block.columns; c++) {
        const cell = sheet.getCell(r + 1, c + 1);
        cell.protection = { locked: false };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
        if (rule?.kind === 'whole') cell.dataValidation = { type: 'whole', operator: 'between', formulae: [rule.min, rule.max], showErrorMessage: true, errorTitle: 'Quotabook', error: rule.message };
        if (rule?.kind === 'decimal') cell.dataValidation = { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [rule.min], showErrorMessage: true, errorTitle: 'Quotabook', error: rule.message };
      }
    }
  }
  for (const c of spec.hiddenColumns) sheet.getColumn(c + 1).hidden = true;
  return sheet.name;
}

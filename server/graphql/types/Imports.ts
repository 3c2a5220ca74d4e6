/**
 * Finance's imports from the open workbook or a file: a preview (every rule
 * of the import, nothing written) and the import of a sheet's rows or of a
 * file, as a job (startSalesSheetImport, startSalesFileImport, …) or within
 * the request (importSalesSheet, importSalesFile, …).
 */
import { Kind } from 'graphql';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { JobRef } from './Job.ts';
import { startFileImport, startSheetImport } from '../../jobs/jobs.ts';
import type { ImportProblem } from '../../targets/sales-import.ts';
import { importAttendanceFrom, importSalesFrom, previewAttendanceImport, previewSalesImport, type ImportPreview } from '../../imports/preview.ts';
import type { SheetCell, SheetGrid } from '../../imports/sources.ts';
import { ImportResultRef } from './SalesRecord.ts';
import { ImportCount } from './PayrollRun.ts';

const financeOnly = { finance: true, admin: true } as const;

/** A plain Error with extensions: graphql-js copies those of what a scalar throws only when it is not a GraphQLError (see scalars.ts). */
const cellError = () =>
  Object.assign(new Error('A sheet cell is a string, a finite number or a boolean'), { extensions: { code: 'BAD_USER_INPUT', field: 'grid', reason: 'SHEET_CELL', params: {} } });

const parseCell = (v: unknown): SheetCell => {
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw cellError();
};

builder.scalarType('SheetCell', {
  description: 'One cell of a sheet as the workbook holds it: a string, a number or a boolean ("" when empty).',
  serialize: (v) => v,
  parseValue: parseCell,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return ast.value;
    if (ast.kind === Kind.BOOLEAN) return ast.value;
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseCell(Number(ast.value));
    throw cellError();
  },
});

const SheetGridInput = builder.inputType('SheetGridInput', {
  description: 'The used cells of one sheet from A1, row by row (a header row, possibly below a few title lines, then data).',
  fields: (t) => ({
    sheet: t.string({ validate: z.string().trim().min(1).max(31) }),
    rows: t.field({ type: t.listRef(t.listRef('SheetCell')) }),
  }),
});

const ImportProblemParamRef = builder.objectRef<{ name: string; value: string }>('ImportProblemParam').implement({
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
});

const ImportProblemRef = builder.objectRef<ImportProblem>('ImportProblem').implement({
  description: 'Why a row cannot be imported, and where: the sheet, the cell and the row.',
  fields: (t) => ({
    row: t.exposeInt('row'),
    field: t.exposeString('field'),
    sheet: t.string({ nullable: true, resolve: (p) => p.sheet ?? null }),
    cell: t.string({ nullable: true, resolve: (p) => p.cell ?? null }),
    message: t.exposeString('message', { description: 'In English, for API clients; the pane renders reason and params in the reader’s language.' }),
    reason: t.exposeString('reason'),
    params: t.field({ type: [ImportProblemParamRef], resolve: (p) => Object.entries(p.params).map(([name, value]) => ({ name, value })) }),
  }),
});

const ImportPreviewRef = builder.objectRef<ImportPreview>('ImportPreview').implement({
  description: 'What an import would do, by the import’s own rules, with nothing written.',
  fields: (t) => ({
    sheet: t.exposeString('sheet'),
    rows: t.exposeInt('rows', { description: 'Data rows read (blank rows skipped).' }),
    valid: t.exposeInt('valid', { description: 'Rows that pass every check.' }),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    unchanged: t.exposeInt('unchanged'),
    problems: t.field({ type: [ImportProblemRef], description: 'Every problem (the import is refused while there is any), at most 500.', resolve: (p) => p.problems.slice(0, 500) }),
    problemCount: t.int({ resolve: (p) => p.problems.length }),
  }),
});

type SourceArgs = { file?: unknown; grid?: { sheet: string; rows: SheetCell[][] } | null };
const source = (args: SourceArgs) => ({ file: (args.file as File | null | undefined) ?? null, grid: (args.grid as SheetGrid | null | undefined) ?? null });

builder.queryFields((t) => ({
  previewSalesImport: t.field({
    type: ImportPreviewRef,
    description: 'What importing sales from a file or a sheet’s rows would do, and every problem by cell; writes nothing. Give file or grid.',
    authScopes: financeOnly,
    args: { file: t.arg({ type: 'File', required: false }), grid: t.arg({ type: SheetGridInput, required: false }) },
    resolve: (_r, args, ctx) => previewSalesImport(ctx, source(args)),
  }),
  previewAttendanceImport: t.field({
    type: ImportPreviewRef,
    description: 'What importing attendance from a file or a sheet’s rows would do, and every problem by cell; writes nothing. Give file or grid.',
    authScopes: financeOnly,
    args: { file: t.arg({ type: 'File', required: false }), grid: t.arg({ type: SheetGridInput, required: false }) },
    resolve: (_r, args, ctx) => previewAttendanceImport(ctx, source(args)),
  }),
}));

builder.mutationFields((t) => ({
  importSalesSheet: t.field({
    type: ImportResultRef,
    description: 'Imports sales from a sheet’s rows (as importSalesFile reads a file); refused whole, naming sheet and cell, when anything is wrong.',
    authScopes: financeOnly,
    args: { grid: t.arg({ type: SheetGridInput }) },
    resolve: (_r, args, ctx) => importSalesFrom(ctx, { grid: args.grid as SheetGrid }),
  }),
  startSalesSheetImport: t.field({
    type: JobRef,
    description: 'Imports sales from a sheet’s rows as importSalesSheet does, as a job returned at once; ask for the job until it has finished (its summary gives created, updated, unchanged). A refusal is kept on the job; preview again to see each problem by cell.',
    authScopes: financeOnly,
    args: { grid: t.arg({ type: SheetGridInput }) },
    resolve: (_r, args, ctx) => startSheetImport(ctx, 'import.sales', args.grid as SheetGrid),
  }),
  startAttendanceSheetImport: t.field({
    type: JobRef,
    description: 'Imports attendance from a sheet’s rows as importAttendanceSheet does, as a job returned at once.',
    authScopes: financeOnly,
    args: { grid: t.arg({ type: SheetGridInput }) },
    resolve: (_r, args, ctx) => startSheetImport(ctx, 'import.attendance', args.grid as SheetGrid),
  }),
  startSalesFileImport: t.field({
    type: JobRef,
    description: 'Imports sales from an .xlsx or .csv file as importSalesFile does, as a job returned at once (the file is kept with the job until it has finished); its summary gives created, updated, unchanged.',
    authScopes: financeOnly,
    args: { file: t.arg({ type: 'File' }) },
    resolve: (_r, args, ctx) => startFileImport(ctx, 'import.sales', args.file as File),
  }),
  startAttendanceFileImport: t.field({
    type: JobRef,
    description: 'Imports attendance from an .xlsx or .csv file as importAttendanceFile does, as a job returned at once.',
    authScopes: financeOnly,
    args: { file: t.arg({ type: 'File' }) },
    resolve: (_r, args, ctx) => startFileImport(ctx, 'import.attendance', args.file as File),
  }),
  importAttendanceSheet: t.field({
    type: ImportCount,
    description: 'Imports attendance from a sheet’s rows (as importAttendanceFile reads a file); refused whole, naming sheet and cell, when anything is wrong.',
    authScopes: financeOnly,
    args: { grid: t.arg({ type: SheetGridInput }) },
    resolve: (_r, args, ctx) => importAttendanceFrom(ctx, { grid: args.grid as SheetGrid }),
  }),
}));

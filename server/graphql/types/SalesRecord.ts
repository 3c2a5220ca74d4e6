/** Sales actuals (业绩): imported in bulk, idempotent on the external id. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { importSales, type ImportResult } from '../../targets/sales-import.ts';
import { importSalesFrom } from '../../imports/preview.ts';

/** What an import did (sales: ImportResult; attendance: AttendanceImportResult). */
export const importResultType = (name: string) =>
  builder.objectRef<ImportResult>(name).implement({
    fields: (t) => ({
      created: t.exposeInt('created'),
      updated: t.exposeInt('updated'),
      unchanged: t.exposeInt('unchanged'),
      auditId: t.exposeID('auditId', {
        nullable: true,
        description: 'The id the import’s changes are recorded under: auditTrail(entityType: "SalesImport" or "AttendanceImport", entityId: auditId). Null when it changed nothing.',
      }),
    }),
  });

export const ImportResultRef = importResultType('ImportResult');

const SaleInput = builder.inputType('SaleInput', {
  fields: (t) => ({
    externalId: t.string({ description: 'The id in the system the sale comes from; importing it again changes nothing.', validate: z.string().trim().min(1).max(64) }),
    employeeNo: t.string({ validate: z.string().trim().min(1).max(32) }),
    date: t.field({ type: 'Date' }),
    amount: t.field({ type: 'Money' }),
    units: t.int({ required: false }),
    customer: t.string({ required: false, validate: z.string().max(128).optional().nullable() }),
    customerCode: t.string({ required: false, description: 'A customer file’s code: the sale names that customer (an unknown code refuses the row); a sale to a customer owned in another unit’s territory is flagged (窜货).', validate: z.string().max(32).optional().nullable() }),
    newCustomer: t.boolean({ required: false }),
    collected: t.field({ type: 'Money', required: false }),
    margin: t.field({ type: 'Money', required: false }),
  }),
});

builder.mutationFields((t) => ({
  importSalesActuals: t.field({
    type: ImportResultRef,
    description: 'Imports sales; refused whole, listing every bad row (extensions.problems), when any row is wrong.',
    authScopes: { finance: true, admin: true },
    args: { records: t.arg({ type: [SaleInput], validate: z.array(z.any()).min(1, 'Nothing to import').max(20_000, 'At most 20,000 records per call') }) },
    resolve: (_r, args, ctx) =>
      importSales(
        ctx,
        args.records.map((r) => ({ ...r, amountFen: r.amount, collectedFen: r.collected ?? null, marginFen: r.margin ?? null })),
      ),
  }),
}));

builder.scalarType('File', {
  description: 'An uploaded file (GraphQL multipart request).',
  serialize: () => {
    throw new Error('File is an input only');
  },
  parseValue: (value) => value as File,
});

builder.mutationFields((t) => ({
  importSalesFile: t.field({
    type: ImportResultRef,
    description:
      'Imports sales from an .xlsx or .csv file whose first row names the columns (externalId/单号, employeeNo/工号, date/日期, amount/金额, and optionally units/数量, customer/客户, customerCode/客户编码, newCustomer/新客户, collected/回款, margin/毛利). Refused whole, naming sheet and cell, when anything is wrong.',
    authScopes: { finance: true, admin: true },
    args: { file: t.arg({ type: 'File' }) },
    resolve: (_r, args, ctx) => importSalesFrom(ctx, { file: args.file as File }),
  }),
}));

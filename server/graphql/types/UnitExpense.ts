/** UnitExpense: what a unit spent in a month, by category (the expense ratio's numerator, brief §5). */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { expenseUnitsWhere, saveUnitExpenses, unitExpenses, MAX_EXPENSE_LINES, type UnitExpenseView } from '../../results/expenses.ts';
import { formatMoney } from '../../../schema/money.ts';
import { EXPENSE_CATEGORIES } from '../../../schema/ratios.ts';

export const ExpenseCategoryEnum = builder.enumType('ExpenseCategory', { values: EXPENSE_CATEGORIES });

const UnitExpenseRef = builder.objectRef<UnitExpenseView>('UnitExpense').implement({
  fields: (t) => ({
    unitId: t.exposeID('unitId'),
    unitCode: t.exposeString('unitCode'),
    unitName: t.exposeString('unitName'),
    month: t.exposeString('month'),
    category: t.field({ type: ExpenseCategoryEnum, resolve: (e) => e.category }),
    amount: t.string({ description: 'Yuan with two decimals.', resolve: (e) => formatMoney(e.amountFen) }),
  }),
});

const UnitExpenseInput = builder.inputType('UnitExpenseInput', {
  fields: (t) => ({
    unitId: t.id(),
    category: t.field({ type: ExpenseCategoryEnum }),
    amount: t.string({ description: 'Yuan, up to two decimals; "0" or "" removes the figure.', validate: z.string().max(24) }),
    was: t.string({
      required: false,
      description: 'The figure as the client last read it (yuan; "0" or "" for none). When given, a figure changed by someone else since is refused whole (EXPENSE_CHANGED_SINCE_PULL, naming the unit and category), not overwritten.',
      validate: z.string().max(24).optional().nullable(),
    }),
  }),
});

const month = z.string().max(7);

builder.queryFields((t) => ({
  unitExpenses: t.field({
    type: [UnitExpenseRef],
    description: 'A month’s expenses by unit and category: a manager’s subtrees; finance, the finance manager, directors, the general manager and admins every unit.',
    authScopes: { manager: true, finance: true, financeManager: true, director: true, generalManager: true, admin: true },
    args: { month: t.arg.string({ validate: month }) },
    resolve: (_r, args, ctx) => unitExpenses(ctx, args.month),
  }),
  expenseUnits: t.prismaField({
    type: ['OrgUnit'],
    description: 'The units of the viewer’s Expenses sheet, parents before children: those whose expenses they read, and for finance who serve named units only those units’ subtrees. Unlike orgTree, the finance manager gets every unit.',
    authScopes: { manager: true, finance: true, financeManager: true, director: true, generalManager: true, admin: true },
    resolve: async (query, _r, _args, ctx) => ctx.prisma.orgUnit.findMany({ ...query, where: await expenseUnitsWhere(ctx), orderBy: [{ depth: 'asc' }, { code: 'asc' }] }),
  }),
}));

builder.mutationFields((t) => ({
  saveUnitExpenses: t.field({
    type: [UnitExpenseRef],
    description: 'Sets a month’s expenses for the units and categories given (finance, the finance manager and admins; audited). Refused whole in a locked month or for an amount that is not money.',
    authScopes: { finance: true, financeManager: true, admin: true },
    args: {
      month: t.arg.string({ validate: month }),
      lines: t.arg({ type: [UnitExpenseInput], validate: z.array(z.any()).max(MAX_EXPENSE_LINES) }),
    },
    resolve: (_r, args, ctx) => saveUnitExpenses(ctx, args.month, args.lines.map((l) => ({ unitId: String(l.unitId), category: l.category, amount: l.amount, was: l.was ?? null }))),
  }),
}));

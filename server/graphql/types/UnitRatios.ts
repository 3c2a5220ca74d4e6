/** UnitRatios: the expense ratio (开支比) and payroll ratio (工资比) of a unit and its child units (brief §5). */
import { builder } from '../builder.ts';
import { GrainEnum, ResultPeriodRef } from './Actuals.ts';
import { readUnitRatios, type UnitRatioRow, type UnitRatios } from '../../results/ratios.ts';
import { percentText } from '../../../schema/achievement.ts';
import { formatMoney } from '../../../schema/money.ts';
import { ofSales } from '../../../schema/ratios.ts';
import { dateToDay } from '../../../schema/dates.ts';

const percentOfSales = (amount: bigint, sales: bigint) => {
  const r = ofSales(amount, sales);
  return r ? percentText(r) : null;
};

const UnitRatioRowRef = builder.objectRef<UnitRatioRow>('UnitRatioRow').implement({
  description: 'A unit’s sales, expenses and pay over the months read; the ratios are exact, rounded half-up to 0.01 % to be shown.',
  fields: (t) => ({
    unitId: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    sales: t.string({ resolve: (r) => formatMoney(r.salesFen) }),
    expenses: t.string({ resolve: (r) => formatMoney(r.expensesFen) }),
    pay: t.string({ description: 'Net pay of the months’ payroll runs (each scope’s newest calculated version).', resolve: (r) => formatMoney(r.payFen) }),
    expenseRatio: t.string({ nullable: true, description: 'Expenses ÷ sales as a percentage (开支比), e.g. "9.60"; null without sales.', resolve: (r) => percentOfSales(r.expensesFen, r.salesFen) }),
    paidSales: t.string({
      description: 'Sales of the months with pay counted in this row (runs are kept per unit, so one child unit may be paid for a month another is not yet): the payroll ratio’s denominator. Equal to sales when every month read has pay; the whole’s is the sum of its rows’.',
      resolve: (r) => formatMoney(r.paidSalesFen),
    }),
    payrollRatio: t.string({
      nullable: true,
      description:
        'Pay ÷ the sales of the same months, as a percentage (工资比), e.g. "33.10": pay ÷ paidSales, so a quarter with one month paid is that month’s pay over that month’s sales. Null without such sales, and null when no month read has pay counted in the row yet (no calculated payroll run: no figure, not 0 %).',
      resolve: (r) => (r.payCounted ? percentOfSales(r.payFen, r.paidSalesFen) : null),
    }),
  }),
});

const UnitRatiosRef = builder.objectRef<UnitRatios>('UnitRatios').implement({
  fields: (t) => ({
    range: t.field({ type: ResultPeriodRef, resolve: (r) => r.range }),
    months: t.exposeStringList('months'),
    paidMonths: t.exposeStringList('paidMonths', { description: 'Of the months, those with pay counted in the unit; a month without is one with no calculated payroll run yet, and its pay is missing, not nil.' }),
    total: t.field({ type: UnitRatioRowRef, description: 'The unit as a whole.', resolve: (r) => r.total }),
    rows: t.field({ type: [UnitRatioRowRef], description: 'Its child units; the unit itself last when people are assigned to it directly.', resolve: (r) => r.rows }),
  }),
});

builder.queryFields((t) => ({
  unitRatios: t.field({
    type: UnitRatiosRef,
    description: 'Expense ratio and payroll ratio of a unit and its child units over whole months (a month, a quarter, a year, or the year to the end of the month of asOf). Read as the Performance sheet is: a manager their subtrees; finance, directors, the general manager and admins every unit.',
    // Not the finance manager: sales are read as the Performance sheet reads them, and that role reads none.
    authScopes: { manager: true, finance: true, director: true, generalManager: true, admin: true },
    args: { unitId: t.arg.id(), period: t.arg.string(), grain: t.arg({ type: GrainEnum }), asOf: t.arg({ type: 'Date', required: false }) },
    resolve: (_r, args, ctx) => readUnitRatios(ctx, { unitId: String(args.unitId), periodKey: args.period, grain: args.grain, asOf: args.asOf ? dateToDay(args.asOf) : null }),
  }),
}));

/** PeriodLock: a closed period; nothing dated in it changes until an admin reopens it. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { fiscalCalendar, lockPeriod, reopenPeriod, setFiscalYearStart } from '../../targets/calendar.ts';

builder.prismaObject('PeriodLock', {
  fields: (t) => ({
    periodKey: t.exposeString('periodKey'),
    lockedAt: t.expose('lockedAt', { type: 'DateTime' }),
    reason: t.exposeString('reason'),
  }),
});

const reason = z.string().trim().min(1, 'Give a reason').max(500);

builder.queryFields((t) => ({
  lockedPeriods: t.prismaField({
    type: ['PeriodLock'],
    authScopes: { signedIn: true },
    resolve: (query, _r, _a, ctx) => ctx.prisma.periodLock.findMany({ ...query, orderBy: { periodKey: 'asc' } }),
  }),
}));

builder.mutationFields((t) => ({
  lockPeriod: t.prismaField({
    type: 'PeriodLock',
    authScopes: { admin: true },
    args: { periodKey: t.arg.string({ validate: z.string().max(16) }), reason: t.arg.string({ validate: reason }) },
    resolve: async (query, _r, args, ctx) => {
      await lockPeriod(ctx, args.periodKey, args.reason);
      return ctx.prisma.periodLock.findUniqueOrThrow({ ...query, where: { periodKey: args.periodKey } });
    },
  }),
  reopenPeriod: t.boolean({
    description: 'Reopens a locked period (audited, with a reason).',
    authScopes: { admin: true },
    args: { periodKey: t.arg.string({ validate: z.string().max(16) }), reason: t.arg.string({ validate: reason }) },
    resolve: (_r, args, ctx) => reopenPeriod(ctx, args.periodKey, args.reason),
  }),
}));

builder.queryFields((t) => ({
  fiscalYearStartMonth: t.int({
    description: 'The month (1-12) fiscal years start in; quarters follow from it.',
    authScopes: { signedIn: true },
    resolve: async (_r, _a, ctx) => (await fiscalCalendar(ctx)).firstMonth,
  }),
}));

builder.mutationFields((t) => ({
  setFiscalYearStartMonth: t.int({
    description: 'Sets the month fiscal years start in (admins); refused once target plans exist, since their periods would move.',
    authScopes: { admin: true },
    args: { month: t.arg.int({ validate: z.number().int().min(1, 'A month from 1 to 12').max(12, 'A month from 1 to 12') }) },
    resolve: (_r, args, ctx) => setFiscalYearStart(ctx, args.month),
  }),
}));

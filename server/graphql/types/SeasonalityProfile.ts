/** SeasonalityProfile: a 12-month spread (e.g. 淡旺季) kept as data, used by the WEIGHTS breakdown. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { checkProfile } from '../../../schema/seasonality.ts';
import { AllocationError } from '../../../schema/allocation.ts';
import { allocationRefusal } from '../../targets/allocation-refusal.ts';
import { badInput } from '../../errors.ts';
import { recordAudit } from '../../audit.ts';

builder.prismaObject('SeasonalityProfile', {
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    monthPercents: t.stringList({ description: 'January … December, summing to 100.', resolve: (p) => JSON.parse(p.monthPercents) as string[] }),
  }),
});

builder.queryFields((t) => ({
  seasonalityProfiles: t.prismaField({
    type: ['SeasonalityProfile'],
    authScopes: { signedIn: true },
    resolve: (query, _r, _a, ctx) => ctx.prisma.seasonalityProfile.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
}));

builder.mutationFields((t) => ({
  saveSeasonalityProfile: t.prismaField({
    type: 'SeasonalityProfile',
    description: 'Creates or replaces a profile (admins).',
    authScopes: { admin: true },
    args: {
      code: t.arg.string({ validate: z.string().regex(/^[A-Z0-9_]{2,32}$/, 'CODE_IN_CAPITALS, 2-32 characters') }),
      name: t.arg.string({ validate: z.string().trim().min(1).max(64) }),
      monthPercents: t.arg.stringList(),
    },
    resolve: async (query, _r, args, ctx) => {
      try {
        checkProfile(args.monthPercents);
      } catch (e) {
        if (e instanceof AllocationError) throw allocationRefusal(e, 'monthPercents');
        throw e;
      }
      const data = { name: args.name, monthPercents: JSON.stringify(args.monthPercents) };
      return ctx.prisma.$transaction(async (tx) => {
        const before = await tx.seasonalityProfile.findUnique({ where: { code: args.code } });
        await tx.seasonalityProfile.upsert({ where: { code: args.code }, create: { code: args.code, ...data }, update: data });
        await recordAudit(tx, ctx.viewer, { entityType: 'SeasonalityProfile', entityId: args.code, action: before ? 'update' : 'create', before, after: data });
        return tx.seasonalityProfile.findUniqueOrThrow({ ...query, where: { code: args.code } });
      });
    },
  }),
}));

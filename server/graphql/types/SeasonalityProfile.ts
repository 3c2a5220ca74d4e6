/** SeasonalityProfile: a 12-month spread (e.g. 淡旺季) kept as data, used by the WEIGHTS breakdown. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { checkProfile, checkProfiles } from '../../../schema/seasonality.ts';
import { AllocationError } from '../../../schema/allocation.ts';
import { allocationRefusal } from '../../targets/allocation-refusal.ts';
import { badInput, dynamicClientError } from '../../errors.ts';
import { recordAudit } from '../../audit.ts';

builder.prismaObject('SeasonalityProfile', {
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    monthPercents: t.stringList({ description: 'January … December, summing to 100.', resolve: (p) => JSON.parse(p.monthPercents) as string[] }),
  }),
});

const SeasonalityProfileInput = builder.inputType('SeasonalityProfileInput', {
  fields: (t) => ({
    code: t.string({ required: true, validate: z.string().max(64) }),
    name: t.string({ required: true, validate: z.string().max(64) }),
    monthPercents: t.stringList({ required: true, validate: z.array(z.string().max(24)).max(31) }),
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
  saveSeasonalityProfiles: t.prismaField({
    type: ['SeasonalityProfile'],
    description:
      'Creates or replaces several profiles at once (admins; the seasonality sheet): all or nothing, refused with every problem by profile (extensions.issues, field profiles.<index>.<field>); only the profiles that differ are written and audited. Returns every profile.',
    authScopes: { admin: true },
    args: { profiles: t.arg({ type: [SeasonalityProfileInput], validate: z.array(z.any()).max(200) }) },
    resolve: async (query, _r, args, ctx) => {
      const profiles = args.profiles.map((p) => ({ code: p.code.trim(), name: p.name.trim(), monthPercents: p.monthPercents.map((m) => m.trim()) }));
      const problems = checkProfiles(profiles);
      if (problems.length) {
        const first = problems[0]!;
        throw dynamicClientError('BAD_USER_INPUT', `${problems.length} problem(s) in the profiles: ${problems.map((p) => `${p.index + 1} ${p.field}: ${p.reason}`).join('; ')}`, {
          field: `profiles.${first.index}.${first.field}`,
          reason: first.reason,
          params: first.params,
          issues: problems.map((p) => ({ reason: p.reason, params: p.params, field: `profiles.${p.index}.${p.field}` })),
        });
      }
      return ctx.prisma.$transaction(async (tx) => {
        const before = new Map((await tx.seasonalityProfile.findMany()).map((p) => [p.code, p]));
        for (const p of profiles) {
          const data = { name: p.name, monthPercents: JSON.stringify(p.monthPercents) };
          const was = before.get(p.code);
          if (was && was.name === data.name && was.monthPercents === data.monthPercents) continue;
          await tx.seasonalityProfile.upsert({ where: { code: p.code }, create: { code: p.code, ...data }, update: data });
          await recordAudit(tx, ctx.viewer, { entityType: 'SeasonalityProfile', entityId: p.code, action: was ? 'update' : 'create', before: was ?? null, after: data });
        }
        return tx.seasonalityProfile.findMany({ ...query, orderBy: { code: 'asc' } });
      });
    },
  }),
}));

/**
 * The result classes (people) and bands (units) as data: one Setting,
 * "results.classes", holding the schemes of schema/achievement.ts; the
 * defaults of domain §5 until an admin changes them. A change is checked
 * with the shared rules, refused whole with a registered reason naming the
 * first problem (all of them in extensions.problems), and audited.
 */
import type { Context } from '../context.ts';
import { memo } from '../context.ts';
import { recordAudit } from '../audit.ts';
import { dynamicClientError } from '../errors.ts';
import { checkClasses, DEFAULT_CLASSES, type ResultClasses } from '../../schema/achievement.ts';

export const RESULT_CLASSES = 'results.classes';

export function resultClasses(ctx: Context): Promise<ResultClasses> {
  return memo(ctx, 'resultClasses', async () => {
    const s = await ctx.prisma.setting.findUnique({ where: { key: RESULT_CLASSES } });
    return s ? (JSON.parse(s.value) as ResultClasses) : DEFAULT_CLASSES;
  });
}

export async function setResultClasses(ctx: Context, classes: ResultClasses): Promise<ResultClasses> {
  const problems = checkClasses(classes);
  if (problems.length) {
    const first = problems[0]!;
    throw dynamicClientError('BAD_USER_INPUT', `The classes were not saved: ${problems.length} problem(s), first ${first.code} (${Object.values(first.params).join(', ')})`, {
      field: 'classes',
      reason: first.code,
      params: first.params,
      problems,
    });
  }
  const value = JSON.stringify({
    persons: { rules: classes.persons.rules.map(({ code, against, percent, inclusive }) => ({ code, against, percent, inclusive })), otherwise: classes.persons.otherwise },
    units: { rules: classes.units.rules.map(({ code, against, percent, inclusive }) => ({ code, against, percent, inclusive })), otherwise: classes.units.otherwise },
  });
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: RESULT_CLASSES } });
    await tx.setting.upsert({ where: { key: RESULT_CLASSES }, create: { key: RESULT_CLASSES, value }, update: { value } });
    await recordAudit(tx, ctx.viewer, { entityType: 'Setting', entityId: RESULT_CLASSES, action: 'update', before: before ? JSON.parse(before.value) : DEFAULT_CLASSES, after: JSON.parse(value) });
  });
  ctx.memo.delete('resultClasses');
  return JSON.parse(value) as ResultClasses;
}

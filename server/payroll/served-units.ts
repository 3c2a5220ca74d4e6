/**
 * What finance who serve named units (brief §8: "payroll of all units they
 * serve") may change: runs of a served unit or one inside it, the pay and
 * attendance of people placed in a served unit, those units' sales and
 * expenses. What reaches the whole company (a compensation plan's document,
 * an assignment by rank or position) stays with finance who serve every unit,
 * and admins. For everyone else these checks pass: their role decides.
 *
 * Reads need nothing here: viewerScope gives such finance the served
 * subtrees, and every query filters by it.
 */
import DataLoader from 'dataloader';
import type { Context } from '../context.ts';
import { memo } from '../context.ts';
import { financeLimitedToServedUnits } from '../access.ts';
import { clientError, forbidden } from '../errors.ts';
import { addDays, dateToDay, dayToDate } from '../../schema/dates.ts';

export interface ServedReach {
  /** Materialised paths of the served subtrees. */
  paths: string[];
  /** Every unit inside them. */
  unitIds: Set<string>;
}

/**
 * The units such finance may change, or null when the viewer is not limited
 * to served units. Only the served ones: a unit they also manage is theirs to
 * see and decide on as a manager, not to run payroll for.
 */
export function servedReach(ctx: Context): Promise<ServedReach | null> {
  return memo(ctx, 'servedReach', async () => {
    if (!financeLimitedToServedUnits(ctx.viewer)) return null;
    const served = await ctx.prisma.orgUnit.findMany({ where: { id: { in: ctx.viewer!.servedUnitIds ?? [] } }, select: { path: true } });
    const paths = served.map((u) => u.path);
    const units = paths.length ? await ctx.prisma.orgUnit.findMany({ where: { OR: paths.map((p) => ({ path: { startsWith: p } })) }, select: { id: true } }) : [];
    return { paths, unitIds: new Set(units.map((u) => u.id)) };
  });
}

export const reaches = (reach: ServedReach | null, unitPath: string) => !reach || reach.paths.some((p) => unitPath.startsWith(p));

/** A payroll run's scope, an expense's unit: refused unless served (the reach read before the caller's transaction). */
export function requireReach(reach: ServedReach | null, unit: { path: string; name: string }) {
  if (!reaches(reach, unit.path)) throw forbidden('UNIT_NOT_SERVED', `You do not serve ${unit.name}: its payroll is kept by the finance staff who serve it`, { unit: unit.name });
}

/**
 * A change to one person's pay for days [from, toExclusive): refused unless
 * they were placed in a served unit on one of those days.
 */
export async function requireServedPerson(ctx: Context, person: { id: string; name: string; employeeNo: string }, from: Date, toExclusive: Date, field = 'personId') {
  const reach = await servedReach(ctx);
  if (!reach) return;
  const placed = await ctx.prisma.assignment.count({
    where: { personId: person.id, unitId: { in: [...reach.unitIds] }, validFrom: { lt: toExclusive }, OR: [{ validTo: null }, { validTo: { gt: from } }] },
  });
  if (!placed) throw personNotServed(person, field);
}

/**
 * A change to one person's pay from a day on, with no end (a plan assigned
 * to them): refused unless they are in a served unit that day and every
 * placement of theirs from then on is in one too (else it would change pay
 * that other finance staff keep, after a transfer out).
 */
export async function requireServedFrom(ctx: Context, person: { id: string; name: string; employeeNo: string }, from: Date, field = 'personId') {
  const reach = await servedReach(ctx);
  if (!reach) return;
  await requireServedPerson(ctx, person, from, dayToDate(addDays(dateToDay(from), 1)), field);
  const elsewhere = await ctx.prisma.assignment.count({ where: { personId: person.id, unitId: { notIn: [...reach.unitIds] }, OR: [{ validTo: null }, { validTo: { gt: from } }] } });
  if (elsewhere) throw personNotServed(person, field);
}

/** PERSON_NOT_SERVED: the person's pay is kept by the finance staff who serve their unit. */
export const personNotServed = (person: { name: string; employeeNo: string }, field = 'personId') =>
  clientError('FORBIDDEN', `${person.name} (${person.employeeNo}) is not in a unit you serve`, { reason: 'PERSON_NOT_SERVED', field, params: { name: person.name, employeeNo: person.employeeNo } });

/** A change to pay across the company: not for finance limited to served units. */
export function requireCompanyWideFinance(ctx: Context, what: string) {
  if (financeLimitedToServedUnits(ctx.viewer)) throw forbidden('COMPANY_WIDE_PAY', `${what} changes pay across the whole company; only finance who serve every unit, or an admin, may do it`);
}

/** Whether a dated row falls to the viewer: its person's unit that day is served (placements as the import read them). */
export function servesPlacement(reach: ServedReach | null, placements: readonly { unitId: string; validFrom: Date; validTo: Date | null }[], day: Date): boolean {
  if (!reach) return true;
  const a = placements.find((x) => x.validFrom <= day && (!x.validTo || x.validTo > day));
  return !!a && reach.unitIds.has(a.unitId);
}

/**
 * Whether a person's pay is the viewer's to read now (their current base
 * salary): always, unless the viewer is finance limited to served units; then
 * only when the person's unit today (or their last, once they have left) is
 * served. The roster shows someone as of any day; a person transferred out
 * since is paid by the finance staff who serve their unit now. One query for
 * the rows of a request (DataLoader).
 */
export async function servesPersonNow(ctx: Context, personId: string): Promise<boolean> {
  const loader = await memo(ctx, 'servesPersonNow', async () => {
    const reach = await servedReach(ctx);
    if (!reach) return null;
    const today = dayToDate(ctx.clock.today());
    return new DataLoader<string, boolean>(async (ids) => {
      const rows = await ctx.prisma.assignment.findMany({ where: { personId: { in: [...ids] } }, select: { personId: true, unitId: true, validFrom: true, validTo: true }, orderBy: { validFrom: 'desc' } });
      return ids.map((id) => {
        const theirs = rows.filter((a) => a.personId === id);
        const now = theirs.find((a) => a.validFrom <= today && (!a.validTo || a.validTo > today)) ?? theirs[0];
        return !!now && reach.unitIds.has(now.unitId);
      });
    });
  });
  return !loader || loader.load(personId);
}

/**
 * Cross-territory sales (窜货, domain §5, issue 11 §5): a sale naming a
 * customer owned outside the selling unit's subtree is flagged when it is
 * imported; managers of either unit see the flag; a manager over the owning
 * unit (or the sales director) decides it once: ACCEPT (the sale stays where
 * it was booked), REASSIGN (its credit moves to the customer's owner, and the
 * monthly sums with it, in the same transaction) or DISMISS. Audited.
 *
 * Flags are made for sales imported (or changed by an import) while the
 * customer has its owner: a transfer of the customer does not re-examine
 * sales already imported.
 */
import { requireAdjustable } from '../payroll/adjustments.ts';
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { recordAudit } from '../audit.ts';
import { activeOn, viewerScope } from '../access.ts';
import { badInput, clientError, forbidden } from '../errors.ts';
import { DECISION_STATUS, isCrossTerritory, type CrossTerritoryDecision } from '../../schema/customers.ts';
import { dateToDay } from '../../schema/dates.ts';
import { fiscalCalendar, requireDayOpen } from '../targets/calendar.ts';
import { refreshSalesMonths } from '../results/rollup.ts';
import { flagsVisible, managesUnit } from './access.ts';

type Tx = Prisma.TransactionClient;
export type FlagStatus = 'OPEN' | 'ACCEPTED' | 'REASSIGNED' | 'DISMISSED';

/** Flags the given sales that are cross-territory and not flagged yet; returns how many were flagged. */
export async function flagCrossTerritorySales(tx: Tx, saleIds: string[]): Promise<number> {
  if (!saleIds.length) return 0;
  let flagged = 0;
  for (let i = 0; i < saleIds.length; i += 500) {
    const sales = await tx.salesRecord.findMany({
      where: { id: { in: saleIds.slice(i, i + 500) }, customerId: { not: null }, crossTerritoryFlag: null },
      select: { id: true, customerId: true, personId: true, unitId: true, unit: { select: { path: true } }, customerRef: { select: { ownerUnitId: true, ownerUnit: { select: { path: true } } } } },
    });
    const data = sales
      .filter((s) => s.customerRef && isCrossTerritory({ sellingUnitPath: s.unit.path }, { owningUnitPath: s.customerRef.ownerUnit.path }))
      .map((s) => ({ saleId: s.id, customerId: s.customerId!, bookedById: s.personId, sellingUnitId: s.unitId, owningUnitId: s.customerRef!.ownerUnitId }));
    if (data.length) await tx.crossTerritoryFlag.createMany({ data });
    flagged += data.length;
  }
  return flagged;
}

const include = {
  sale: { select: { id: true, externalId: true, date: true, amountFen: true, personId: true, unitId: true, person: { select: { name: true, employeeNo: true } }, unit: { select: { name: true } } } },
  customer: { select: { id: true, code: true, name: true, ownerId: true, ownerUnitId: true, owner: { select: { name: true } }, ownerUnit: { select: { path: true } } } },
  bookedBy: { select: { id: true, name: true, employeeNo: true } },
  sellingUnit: { select: { id: true, name: true, path: true } },
  owningUnit: { select: { id: true, name: true, path: true } },
} satisfies Prisma.CrossTerritoryFlagInclude;
type FlagRow = Prisma.CrossTerritoryFlagGetPayload<{ include: typeof include }>;

export interface CrossTerritoryView {
  id: string;
  saleId: string;
  externalId: string;
  date: Date;
  amountFen: bigint;
  /** Who the sale is credited to now (after a reassignment: the customer's owner). */
  sellerId: string;
  sellerName: string;
  sellerEmployeeNo: string;
  /** Who the sale was booked to when it was flagged, in the selling unit (null on a flag reassigned before this was kept). */
  bookedBy: { id: string; name: string; employeeNo: string } | null;
  customerId: string;
  customerCode: string;
  customerName: string;
  customerOwnerName: string;
  sellingUnitId: string;
  sellingUnitName: string;
  owningUnitId: string;
  owningUnitName: string;
  status: FlagStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
  createdAt: Date;
  /** The viewer may decide it: open, a manager over the owning unit or the sales director, and neither their sale nor their customer. */
  canDecide: boolean;
}

function decider(ctx: Context, f: FlagRow): Promise<{ ok: true } | { ok: false; why: 'NOT_DECIDER' | 'OWN' }> {
  const me = ctx.viewer?.personId;
  if (me && (me === f.sale.personId || me === f.customer.ownerId)) return Promise.resolve({ ok: false, why: 'OWN' });
  return managesUnit(ctx, f.owningUnit.path, ['DIRECTOR']).then((ok) => (ok ? { ok: true } : { ok: false, why: 'NOT_DECIDER' }));
}

async function view(ctx: Context, f: FlagRow): Promise<CrossTerritoryView> {
  return {
    id: f.id,
    saleId: f.saleId,
    externalId: f.sale.externalId,
    date: f.sale.date,
    amountFen: f.sale.amountFen,
    sellerId: f.sale.personId,
    sellerName: f.sale.person.name,
    sellerEmployeeNo: f.sale.person.employeeNo,
    bookedBy: f.bookedBy,
    customerId: f.customerId,
    customerCode: f.customer.code,
    customerName: f.customer.name,
    customerOwnerName: f.customer.owner.name,
    sellingUnitId: f.sellingUnitId,
    sellingUnitName: f.sellingUnit.name,
    owningUnitId: f.owningUnitId,
    owningUnitName: f.owningUnit.name,
    status: f.status,
    decidedBy: f.decidedBy,
    decidedAt: f.decidedAt,
    comment: f.comment,
    createdAt: f.createdAt,
    canDecide: f.status === 'OPEN' && (await decider(ctx, f)).ok,
  };
}

/** The flags the viewer may see (a manager: either unit in their subtree), optionally touching a unit's subtree or of one status; newest sale first. */
export async function crossTerritorySales(ctx: Context, args: { unitId?: string | null; status?: FlagStatus | null }): Promise<CrossTerritoryView[]> {
  const scope = await viewerScope(ctx);
  const and: Prisma.CrossTerritoryFlagWhereInput[] = [flagsVisible(scope)];
  if (args.unitId) {
    const unit = await ctx.prisma.orgUnit.findUnique({ where: { id: args.unitId }, select: { path: true } });
    if (!unit) throw badInput(['unitId'], `There is no org unit ${args.unitId}`, 'NO_SUCH_ORG_UNIT', { id: args.unitId });
    and.push({ OR: [{ sellingUnit: { path: { startsWith: unit.path } } }, { owningUnit: { path: { startsWith: unit.path } } }] });
  }
  if (args.status) and.push({ status: args.status });
  const rows = await ctx.prisma.crossTerritoryFlag.findMany({ where: { AND: and }, include, orderBy: [{ sale: { date: 'desc' } }, { id: 'asc' }], take: 2000 });
  return Promise.all(rows.map((f) => view(ctx, f)));
}

const notFound = (id: string) => clientError('NOT_FOUND', `Cross-territory sale ${id} was not found`, { reason: 'CROSS_TERRITORY_NOT_FOUND', params: { id } });

/** Decides an open flag once. REASSIGN credits the sale to the customer's owner, in the unit they were assigned to on the sale's day. */
export async function decideCrossTerritorySale(ctx: Context, id: string, decision: CrossTerritoryDecision, comment: string | null): Promise<CrossTerritoryView> {
  const viewer = ctx.viewer!;
  const scope = await viewerScope(ctx);
  const calendar = await fiscalCalendar(ctx);
  const updated = await ctx.prisma.$transaction(async (tx) => {
    const f = await tx.crossTerritoryFlag.findFirst({ where: { AND: [{ id }, flagsVisible(scope)] }, include });
    if (!f) throw notFound(id);
    const may = await decider(ctx, f);
    if (!may.ok && may.why === 'OWN') throw forbidden('CROSS_TERRITORY_OWN_SALE', 'You cannot decide on a sale of your own or to your own customer');
    if (!may.ok) throw forbidden('CROSS_TERRITORY_NOT_DECIDER', `Only a manager over ${f.owningUnit.name} or the sales director may decide this`, { unit: f.owningUnit.name });
    if (f.status !== 'OPEN') throw badInput(['id'], `This cross-territory sale is already ${f.status.toLowerCase()}`, 'CROSS_TERRITORY_DECIDED', { flagStatus: f.status });
    // The flag is dated by its sale: no decision on it while the sale's day is locked.
    const day = dateToDay(f.sale.date);
    await requireDayOpen(tx, calendar, day, 'id', `Deciding on the sale of ${day}`, day);
    const status = DECISION_STATUS[decision];
    const { count } = await tx.crossTerritoryFlag.updateMany({
      where: { id, status: 'OPEN' },
      data: { status, decidedById: viewer.userId, decidedBy: viewer.personName ?? viewer.username, decidedAt: ctx.clock.now(), comment: comment?.trim() || null },
    });
    if (!count) {
      const now = await tx.crossTerritoryFlag.findUniqueOrThrow({ where: { id }, select: { status: true } });
      throw badInput(['id'], `This cross-territory sale was decided meanwhile (${now.status.toLowerCase()})`, 'CROSS_TERRITORY_DECIDED', { flagStatus: now.status });
    }
    let sale: { before: unknown; after: unknown } | null = null;
    if (decision === 'REASSIGN') sale = await reassignCredit(tx, f, calendar);
    await recordAudit(tx, viewer, {
      entityType: 'CrossTerritoryFlag',
      entityId: id,
      action: decision.toLowerCase(),
      before: { status: f.status, sale: sale?.before ?? null },
      after: { status, comment: comment?.trim() || null, sale: sale?.after ?? null },
    });
    return tx.crossTerritoryFlag.findUniqueOrThrow({ where: { id }, include });
  });
  return view(ctx, updated);
}

/** Moves a sale's credit to the customer's owner (their unit on the sale's day, inside the owning unit), with the monthly sums of both people. */
async function reassignCredit(tx: Tx, f: FlagRow, calendar: Awaited<ReturnType<typeof fiscalCalendar>>) {
  const day = dateToDay(f.sale.date);
  // Moving a sale moves commission: not once either person's payroll for the month is signed.
  for (const personId of [f.sale.personId, f.customer.ownerId]) await requireAdjustable(tx, calendar, personId, day.slice(0, 7), 'Reassigning the sale');
  const a = await tx.assignment.findFirst({ where: { personId: f.customer.ownerId, ...activeOn(f.sale.date) }, select: { unitId: true, unit: { select: { path: true } } } });
  if (!a || !a.unit.path.startsWith(f.owningUnit.path)) {
    throw badInput(['id'], `${f.customer.owner.name} was not in ${f.owningUnit.name} on ${day}`, 'CROSS_TERRITORY_NO_OWNER_ON_DAY', { name: f.customer.owner.name, date: day });
  }
  const before = { saleId: f.saleId, externalId: f.sale.externalId, personId: f.sale.personId, unitId: f.sale.unitId };
  await tx.salesRecord.update({ where: { id: f.saleId }, data: { personId: f.customer.ownerId, unitId: a.unitId } });
  await refreshSalesMonths(tx, [
    { personId: f.sale.personId, date: f.sale.date },
    { personId: f.customer.ownerId, date: f.sale.date },
  ]);
  return { before, after: { ...before, personId: f.customer.ownerId, unitId: a.unitId } };
}

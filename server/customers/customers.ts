/**
 * Customer files (客户档案, issue 11 §5): a customer owned by a person in a
 * unit, with contacts; the owner's claim is PROPOSED until a manager over the
 * owner unit confirms it. Reps add and edit their own; managers those owned
 * in their subtree, and confirm and transfer ownership there. Every change
 * is audited; every refusal leaves the database as it was.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { recordAudit } from '../audit.ts';
import { activeOn, salesLineScope, viewerScope } from '../access.ts';
import { badInput, clientError, dynamicClientError, forbidden, isUniqueViolation } from '../errors.ts';
import { checkCustomerInput, normaliseCustomerCode, type ContactDraft, type CustomerDraft, type CustomerTier, type CustomerType } from '../../schema/customers.ts';
import { dayToDate, type IsoDay } from '../../schema/dates.ts';
import { customersVisible, managesUnit, mayEditCustomer } from './access.ts';

export interface CustomerInput {
  code?: string | null;
  name?: string | null;
  type?: CustomerType | null;
  tier?: CustomerTier | null;
  notes?: string | null;
  contacts?: ContactDraft[] | null;
}

const include = {
  owner: { select: { name: true, employeeNo: true } },
  ownerUnit: { select: { name: true, path: true } },
  contacts: { orderBy: [{ primary: 'desc' }, { name: 'asc' }] },
} satisfies Prisma.CustomerInclude;
type CustomerRow = Prisma.CustomerGetPayload<{ include: typeof include }>;

export interface CustomerView {
  id: string;
  code: string;
  name: string;
  type: CustomerType;
  tier: CustomerTier;
  ownerId: string;
  ownerName: string;
  ownerEmployeeNo: string;
  ownerUnitId: string;
  ownerUnitName: string;
  ownershipStatus: 'PROPOSED' | 'CONFIRMED';
  confirmedBy: string | null;
  confirmedAt: Date | null;
  notes: string | null;
  lastVisitOn: Date | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  contacts: { id: string; name: string; title: string | null; phone: string | null; email: string | null; primary: boolean }[];
}

const view = (c: CustomerRow): CustomerView => ({
  id: c.id,
  code: c.code,
  name: c.name,
  type: c.type,
  tier: c.tier,
  ownerId: c.ownerId,
  ownerName: c.owner.name,
  ownerEmployeeNo: c.owner.employeeNo,
  ownerUnitId: c.ownerUnitId,
  ownerUnitName: c.ownerUnit.name,
  ownershipStatus: c.ownershipStatus,
  confirmedBy: c.confirmedBy,
  confirmedAt: c.confirmedAt,
  notes: c.notes,
  lastVisitOn: c.lastVisitOn,
  revision: c.revision,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  contacts: c.contacts.map((k) => ({ id: k.id, name: k.name, title: k.title, phone: k.phone, email: k.email, primary: k.primary })),
});

/** What the audit trail keeps of a customer. */
const audited = (c: CustomerRow | CustomerView) => {
  const v = 'owner' in c ? view(c) : c;
  return { code: v.code, name: v.name, type: v.type, tier: v.tier, ownerId: v.ownerId, ownerUnitId: v.ownerUnitId, ownershipStatus: v.ownershipStatus, notes: v.notes, contacts: v.contacts, revision: v.revision };
};

// ── reading ─────────────────────────────────────────────────────────────

export const encodeCustomerCursor = (code: string) => Buffer.from(`customer:${code}`).toString('base64url');
function decodeCustomerCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('customer:') || text.length <= 9) throw badInput(['after'], `"${cursor}" is not a customer cursor`, 'BAD_CURSOR');
  return text.slice(9);
}

export interface CustomerPage {
  rows: CustomerView[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One page of the customers the viewer may see, by code; optionally under a unit, of one owner, of a tier, or matching a search. */
export async function customersPage(
  ctx: Context,
  args: { unitId?: string | null; ownerId?: string | null; tier?: CustomerTier | null; search?: string | null; first: number; after?: string | null },
): Promise<CustomerPage> {
  // Customer files are the sales line's (brief §8: finance reads payroll), as plans, logs and reports are.
  const scope = await salesLineScope(ctx);
  const and: Prisma.CustomerWhereInput[] = [customersVisible(scope)];
  if (args.unitId) {
    const unit = await ctx.prisma.orgUnit.findUnique({ where: { id: args.unitId }, select: { path: true } });
    if (!unit) throw badInput(['unitId'], `There is no org unit ${args.unitId}`, 'NO_SUCH_ORG_UNIT', { id: args.unitId });
    and.push({ ownerUnit: { path: { startsWith: unit.path } } });
  }
  if (args.ownerId) and.push({ ownerId: args.ownerId });
  if (args.tier) and.push({ tier: args.tier });
  const search = args.search?.trim();
  if (search) and.push({ OR: [{ name: { contains: search } }, { code: { contains: search.toUpperCase() } }] });
  if (args.after) and.push({ code: { gt: decodeCustomerCursor(args.after) } });
  const rows = await ctx.prisma.customer.findMany({ where: { AND: and }, include, orderBy: { code: 'asc' }, take: args.first + 1 });
  const page = rows.slice(0, args.first);
  return { rows: page.map(view), hasNextPage: rows.length > args.first, endCursor: page.length ? encodeCustomerCursor(page.at(-1)!.code) : null };
}

/** A customer the viewer may see, or NOT_FOUND (one they may not see is not found either). */
async function visibleCustomer(ctx: Context, db: Pick<Context['prisma'], 'customer'>, id: string): Promise<CustomerRow> {
  const scope = await salesLineScope(ctx);
  const c = await db.customer.findFirst({ where: { AND: [{ id }, customersVisible(scope)] }, include });
  if (!c) throw clientError('NOT_FOUND', `Customer ${id} was not found`, { reason: 'CUSTOMER_NOT_FOUND', params: { id } });
  return c;
}

// ── checks ──────────────────────────────────────────────────────────────

function requireValid(input: CustomerDraft, partial: boolean) {
  const problems = checkCustomerInput(input, { partial });
  if (!problems.length) return;
  const [first, ...more] = problems;
  throw dynamicClientError('BAD_USER_INPUT', `The customer was refused: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`, {
    field: `input.${first!.field}`,
    reason: first!.reason,
    params: first!.params,
    ...(more.length ? { problems } : {}),
  });
}

async function requireCodeFree(db: Pick<Context['prisma'], 'customer'>, code: string, exceptId?: string) {
  const taken = await db.customer.findUnique({ where: { code }, select: { id: true, name: true } });
  if (taken && taken.id !== exceptId) throw badInput(['input', 'code'], `The code ${code} is already used by ${taken.name}`, 'CUSTOMER_CODE_TAKEN', { code, name: taken.name });
}

const contactRows = (contacts: ContactDraft[]) =>
  contacts.map((k) => ({
    name: (k.name ?? '').trim(),
    title: k.title?.trim() || null,
    phone: k.phone?.trim() || null,
    email: k.email?.trim() || null,
    primary: !!k.primary,
  }));

/** The unit a person is assigned to today, or null. */
async function unitToday(db: Pick<Context['prisma'], 'assignment'>, personId: string, today: IsoDay) {
  const a = await db.assignment.findFirst({ where: { personId, ...activeOn(dayToDate(today)) }, select: { unit: { select: { id: true, name: true, path: true } } } });
  return a?.unit ?? null;
}

// ── changes ─────────────────────────────────────────────────────────────

/**
 * Adds a customer. A rep adds their own (owner: themself in today's unit),
 * PROPOSED until a manager confirms; a manager, director or admin may name
 * an owner they manage, and the ownership is then confirmed at once.
 */
export async function createCustomer(ctx: Context, input: CustomerInput & { ownerId?: string | null }): Promise<CustomerView> {
  requireValid(input, false);
  const viewer = ctx.viewer!;
  const ownerId = input.ownerId ?? viewer.personId;
  if (!ownerId) throw badInput(['input', 'ownerId'], 'Name the customer’s owner', 'REQUIRED', { field: 'ownerId' });
  const code = normaliseCustomerCode(input.code!);
  await Promise.all([viewerScope(ctx), salesLineScope(ctx)]); // read before the transaction (SQLite has one connection), then memoised
  return ctx.prisma.$transaction(async (tx) => {
    const owner = await tx.person.findUnique({ where: { id: ownerId }, select: { name: true } });
    if (!owner) throw badInput(['input', 'ownerId'], `There is no person ${ownerId}`, 'NO_SUCH_PERSON', { id: ownerId });
    const unit = await unitToday(tx, ownerId, ctx.clock.today());
    if (!unit) throw forbidden('CUSTOMER_OWNER_OUTSIDE', `${owner.name} is not on the roster today`, { name: owner.name });
    const own = ownerId === viewer.personId;
    if (!own && !(await managesUnit(ctx, unit.path))) throw forbidden('CUSTOMER_OWNER_OUTSIDE', `You may not add customers for ${owner.name}`, { name: owner.name });
    await requireCodeFree(tx, code);
    const now = ctx.clock.now();
    const created = await tx.customer.create({
      data: {
        code,
        name: input.name!.trim(),
        type: input.type!,
        tier: input.tier ?? 'GENERAL',
        notes: input.notes?.trim() || null,
        ownerId,
        ownerUnitId: unit.id,
        ...(own ? {} : { ownershipStatus: 'CONFIRMED' as const, confirmedById: viewer.userId, confirmedBy: viewer.personName ?? viewer.username, confirmedAt: now }),
        contacts: { create: contactRows(input.contacts ?? []) },
      },
      include,
    });
    await recordAudit(tx, viewer, { entityType: 'Customer', entityId: created.id, action: 'create', after: audited(created) });
    return view(created);
  }).catch(async (e: unknown) => {
    // Two people adding the same code at once: the second is told, as if it had been there.
    if (!isUniqueViolation(e)) throw e;
    const taken = await ctx.prisma.customer.findUnique({ where: { code }, select: { name: true } });
    throw badInput(['input', 'code'], `The code ${code} is already used`, 'CUSTOMER_CODE_TAKEN', { code, name: taken?.name ?? code });
  });
}

/** Runs a change on a customer the viewer may edit, at the revision they read (else CONFLICT), and audits it. */
async function change(
  ctx: Context,
  id: string,
  revision: number,
  action: string,
  apply: (tx: Prisma.TransactionClient, c: CustomerRow) => Promise<Prisma.CustomerUpdateInput>,
  allowed: (c: CustomerRow, tx: Prisma.TransactionClient) => Promise<void>,
): Promise<CustomerView> {
  await Promise.all([viewerScope(ctx), salesLineScope(ctx)]); // read before the transaction (SQLite has one connection), then memoised
  return ctx.prisma.$transaction(async (tx) => {
    const c = await visibleCustomer(ctx, tx, id);
    await allowed(c, tx);
    if (c.revision !== revision) throw clientError('CONFLICT', `Customer ${id} was changed by someone else (your version ${revision} is stale); reload and try again`, { reason: 'CUSTOMER_CHANGED', params: { id, version: revision } });
    const data = await apply(tx, c);
    const { count } = await tx.customer.updateMany({ where: { id, revision }, data: { revision: revision + 1 } });
    if (!count) throw clientError('CONFLICT', `Customer ${id} was changed by someone else meanwhile; reload and try again`, { reason: 'CUSTOMER_CHANGED', params: { id, version: revision } });
    const updated = await tx.customer.update({ where: { id }, data, include });
    await recordAudit(tx, ctx.viewer, { entityType: 'Customer', entityId: id, action, before: audited(c), after: audited(updated) });
    return view(updated);
  });
}

const requireEditor = (ctx: Context) => async (c: CustomerRow) => {
  if (!(await mayEditCustomer(ctx, { ownerId: c.ownerId, ownerUnitPath: c.ownerUnit.path }))) {
    throw forbidden('CUSTOMER_NOT_YOURS', 'You may change only your own customers or those owned in the units you manage');
  }
};

/** Changes a customer's file (not its owner: transferCustomer). Contacts, when given, replace the list. */
export async function updateCustomer(ctx: Context, id: string, revision: number, input: CustomerInput): Promise<CustomerView> {
  requireValid(input, true);
  return change(
    ctx,
    id,
    revision,
    'update',
    async (tx, c) => {
      const code = input.code != null ? normaliseCustomerCode(input.code) : undefined;
      if (code && code !== c.code) await requireCodeFree(tx, code, c.id);
      if (input.contacts) await tx.customerContact.deleteMany({ where: { customerId: id } });
      return {
        ...(code ? { code } : {}),
        ...(input.name != null ? { name: input.name.trim() } : {}),
        ...(input.type ? { type: input.type } : {}),
        ...(input.tier ? { tier: input.tier } : {}),
        ...(input.notes !== undefined ? { notes: input.notes?.trim() || null } : {}),
        ...(input.contacts ? { contacts: { create: contactRows(input.contacts) } } : {}),
      };
    },
    requireEditor(ctx),
  );
}

/** A manager over the owner unit confirms a rep's claim on a customer (not their own). */
export async function confirmCustomerOwnership(ctx: Context, id: string, revision: number): Promise<CustomerView> {
  const viewer = ctx.viewer!;
  return change(
    ctx,
    id,
    revision,
    'confirm-ownership',
    async () => ({ ownershipStatus: 'CONFIRMED', confirmedById: viewer.userId, confirmedBy: viewer.personName ?? viewer.username, confirmedAt: ctx.clock.now() }),
    async (c) => {
      if (viewer.personId && viewer.personId === c.ownerId) throw forbidden('CUSTOMER_OWN_CONFIRMATION', 'You cannot confirm your own customer; a manager above you must');
      if (!(await managesUnit(ctx, c.ownerUnit.path))) throw forbidden('CUSTOMER_NOT_YOURS', 'Only a manager over the customer’s unit may confirm its ownership');
      if (c.ownershipStatus === 'CONFIRMED') throw badInput(['id'], `The ownership of ${c.name} is already confirmed`, 'CUSTOMER_ALREADY_CONFIRMED', { name: c.name });
    },
  );
}

/**
 * A manager moves a customer (of their subtree) to another owner in their
 * subtree, in the unit the new owner works in today (or a unit above it that
 * the manager names); the ownership is confirmed by the move. Sales already
 * booked keep their credit and flags: only sales imported afterwards are
 * checked against the new owner unit.
 */
export async function transferCustomer(ctx: Context, id: string, revision: number, to: { ownerId: string; ownerUnitId?: string | null }): Promise<CustomerView> {
  const viewer = ctx.viewer!;
  let target: { unitId: string; name: string } | null = null;
  return change(
    ctx,
    id,
    revision,
    'transfer',
    async () => ({
      owner: { connect: { id: to.ownerId } },
      ownerUnit: { connect: { id: target!.unitId } },
      ownershipStatus: 'CONFIRMED',
      confirmedById: viewer.userId,
      confirmedBy: viewer.personName ?? viewer.username,
      confirmedAt: ctx.clock.now(),
    }),
    async (c, tx) => {
      if (!(await managesUnit(ctx, c.ownerUnit.path))) throw forbidden('CUSTOMER_NOT_YOURS', 'Only a manager over the customer’s unit may transfer it');
      // A transfer confirms the new ownership: nobody confirms a customer to themself (a manager above does).
      if (to.ownerId === viewer.personId) throw forbidden('CUSTOMER_OWN_CONFIRMATION', 'You cannot transfer a customer to yourself; a manager above you must');
      const owner = await tx.person.findUnique({ where: { id: to.ownerId }, select: { name: true } });
      if (!owner) throw badInput(['ownerId'], `There is no person ${to.ownerId}`, 'NO_SUCH_PERSON', { id: to.ownerId });
      const works = await unitToday(tx, to.ownerId, ctx.clock.today());
      if (!works) throw forbidden('CUSTOMER_OWNER_OUTSIDE', `${owner.name} is not on the roster today`, { name: owner.name });
      let unit = works;
      if (to.ownerUnitId && to.ownerUnitId !== works.id) {
        const named = await tx.orgUnit.findUnique({ where: { id: to.ownerUnitId }, select: { id: true, name: true, path: true } });
        if (!named) throw badInput(['ownerUnitId'], `There is no org unit ${to.ownerUnitId}`, 'NO_SUCH_ORG_UNIT', { id: to.ownerUnitId });
        if (!works.path.startsWith(named.path)) throw badInput(['ownerUnitId'], `${owner.name} does not work in ${named.name}`, 'CUSTOMER_OWNER_NOT_IN_UNIT', { name: owner.name, unit: named.name });
        unit = named;
      }
      if (!(await managesUnit(ctx, unit.path))) throw forbidden('CUSTOMER_OWNER_OUTSIDE', `${owner.name} is outside the units you manage`, { name: owner.name });
      if (c.ownerId === to.ownerId && c.ownerUnitId === unit.id) throw badInput(['ownerId'], `${c.name} is already owned by ${owner.name} in ${unit.name}`, 'CUSTOMER_SAME_OWNER', { name: c.name });
      target = { unitId: unit.id, name: unit.name };
    },
  );
}

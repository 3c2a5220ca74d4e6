/**
 * Customer files and cross-territory sales (issue 11 §5) through the API, on
 * both databases: who sees which customers (a rep their own, a manager their
 * subtree's, director/admin all, finance — who read payroll — none), adding, editing at a revision,
 * confirming and transferring ownership; a sales import naming a customer
 * owned in another unit's territory is flagged (窜货); the flag is seen by
 * managers of either unit and decided once by the owning side — REASSIGN
 * moves the sale's credit and the actuals with it. Every refusal changes
 * nothing (the harness snapshot and the customer tables).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const FIELDS = 'id code name type tier ownerId ownerName ownerUnitId ownerUnitName ownershipStatus confirmedBy confirmedAt notes revision contacts { name title phone email primary }';
const LIST = `query($unitId: ID, $ownerId: ID, $tier: CustomerTier, $search: String, $first: Int, $after: String) { customers(unitId: $unitId, ownerId: $ownerId, tier: $tier, search: $search, first: $first, after: $after) { nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`;
const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $revision: Int!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, revision: $revision, input: $input) { ${FIELDS} } }`;
const CONFIRM = `mutation($id: ID!, $revision: Int!) { confirmCustomerOwnership(id: $id, revision: $revision) { ${FIELDS} } }`;
const TRANSFER = `mutation($id: ID!, $revision: Int!, $ownerId: ID!, $ownerUnitId: ID) { transferCustomer(id: $id, revision: $revision, ownerId: $ownerId, ownerUnitId: $ownerUnitId) { ${FIELDS} } }`;
const FLAG = 'id externalId date amount sellerId sellerName bookedByName customerCode customerName sellingUnitId sellingUnitName owningUnitId owningUnitName status decidedBy decidedAt comment canDecide locked';
const FLAGS = `query($unitId: ID, $status: CrossTerritoryStatus) { crossTerritorySales(unitId: $unitId, status: $status) { ${FLAG} } }`;
const DECIDE = `mutation($id: ID!, $decision: CrossTerritoryDecision!, $comment: String) { decideCrossTerritorySale(id: $id, decision: $decision, comment: $comment) { ${FLAG} } }`;
const IMPORT = 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created updated unchanged } }';
const ACTUALS = 'query($p: ID!) { actuals(period: "2026-11", grain: MONTH, metric: SALES_AMOUNT, personId: $p) { total } }';

type Who = 'admin' | 'finance' | 'manager' | 'rep' | 'director';
type Person = { id: string; employeeNo: string; name: string; unitId: string };

describe.each(testProviders)('customers on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<Who, string>;
  let area: { id: string; path: string };
  let rep: Person; // the rep user, in the manager's area
  let rep2: Person; // another team of the manager's area
  let rep3: Person; // another area, outside the manager's
  let managerPersonId: string;

  const ok = async (q: string, vars: Record<string, unknown>, who: Who) => {
    const r = await s.gql(q, vars, t[who]);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data;
  };
  /** The customer tables, which the harness snapshot does not cover. */
  const customerTables = async () =>
    JSON.stringify(
      await Promise.all([
        s.db.prisma.customer.findMany({ orderBy: { id: 'asc' } }),
        s.db.prisma.customerContact.findMany({ orderBy: { id: 'asc' } }),
        s.db.prisma.crossTerritoryFlag.findMany({ orderBy: { id: 'asc' } }),
      ]),
      (_k, v) => (typeof v === 'bigint' ? v.toString() : v),
    );
  /** A refusal with nothing changed anywhere; returns its extensions. */
  const refused = async (q: string, vars: Record<string, unknown>, who: Who) => {
    const before = await customerTables();
    const r: GqlResult = await s.refused(q, vars, t[who]);
    expect(await customerTables()).toBe(before);
    return r.errors![0]!.extensions as { code: string; reason: string; params: Record<string, unknown>; field?: string };
  };
  const list = async (who: Who, vars: Record<string, unknown> = {}) => (await ok(LIST, vars, who)).customers.nodes as any[];
  const actual = async (p: Person) => (await ok(ACTUALS, { p: p.id }, 'director')).actuals.total as string;

  const personIn = async (where: object): Promise<Person> => {
    const p = await s.db.prisma.person.findFirstOrThrow({
      where: { position: 'SALES_REP', leaveDate: null, hireDate: { lt: new Date('2026-10-01') }, user: null, ...where },
      orderBy: { employeeNo: 'asc' },
      select: { id: true, employeeNo: true, name: true, assignments: { where: { validTo: null }, select: { unitId: true } } },
    });
    return { id: p.id, employeeNo: p.employeeNo, name: p.name, unitId: p.assignments[0]!.unitId };
  };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'rep', 'director'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    managerPersonId = mgr.personId!;
    area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId, kind: 'AREA' }, select: { id: true, path: true } });
    const repUser = await p.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: { include: { assignments: { where: { validTo: null } } } } } });
    rep = { id: repUser.personId!, employeeNo: repUser.person!.employeeNo, name: repUser.person!.name, unitId: repUser.person!.assignments[0]!.unitId };
    rep2 = await personIn({ assignments: { some: { validTo: null, unitId: { not: rep.unitId }, unit: { path: { startsWith: area.path } } } } });
    rep3 = await personIn({ assignments: { some: { validTo: null, unit: { NOT: { path: { startsWith: area.path } } } } } });
  });
  afterAll(() => s.close());

  let mine: any; // the rep's own customer
  let theirs: any; // rep2's, added by the manager
  let outside: any; // rep3's, added by the director

  it('a rep adds their own customer: proposed, in their unit, audited', async () => {
    mine = (
      await ok(CREATE, { input: { code: ' hz-c001 ', name: ' 杭州新华贸易有限公司 ', type: 'ENTERPRISE', tier: 'CORE', notes: '年度框架协议', contacts: [{ name: '王经理', title: '采购部经理', phone: '138 1234 5678', email: 'wang@example.cn', primary: true }, { name: '李会计' }] } }, 'rep')
    ).createCustomer;
    expect(mine).toMatchObject({ code: 'HZ-C001', name: '杭州新华贸易有限公司', tier: 'CORE', ownerId: rep.id, ownerUnitId: rep.unitId, ownershipStatus: 'PROPOSED', confirmedBy: null, revision: 1 });
    expect(mine.contacts).toEqual([
      { name: '王经理', title: '采购部经理', phone: '138 1234 5678', email: 'wang@example.cn', primary: true },
      { name: '李会计', title: null, phone: null, email: null, primary: false },
    ]);
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'Customer', entityId: mine.id } });
    expect(audit).toMatchObject({ action: 'create', actorName: 'rep' });
  });

  it('a manager adds one for a rep of their subtree (confirmed at once); the director one anywhere', async () => {
    theirs = (await ok(CREATE, { input: { code: 'HZ-C002', name: '西湖商贸', type: 'DEALER', ownerId: rep2.id } }, 'manager')).createCustomer;
    expect(theirs).toMatchObject({ ownerId: rep2.id, ownerUnitId: rep2.unitId, tier: 'GENERAL', ownershipStatus: 'CONFIRMED' });
    expect(theirs.confirmedBy).toBeTruthy();
    outside = (await ok(CREATE, { input: { code: 'XX-C003', name: '远方客户', type: 'INDIVIDUAL', tier: 'IMPORTANT', ownerId: rep3.id } }, 'director')).createCustomer;
    expect(outside.ownerUnitId).toBe(rep3.unitId);
  });

  it('refuses bad input, a taken code and someone outside, changing nothing', async () => {
    expect(await refused(CREATE, { input: { code: 'A B', name: 'x', type: 'ENTERPRISE' } }, 'rep')).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CUSTOMER_CODE_FORMAT', params: { value: 'A B' }, field: 'input.code' });
    expect(await refused(CREATE, { input: { code: 'OK-1', name: 'x', type: 'ENTERPRISE', contacts: [{ name: '赵', phone: 'call me' }] } }, 'rep')).toMatchObject({ reason: 'CONTACT_PHONE_FORMAT', field: 'input.contacts.0.phone' });
    expect(await refused(CREATE, { input: { code: 'hz-c001', name: 'x', type: 'ENTERPRISE' } }, 'rep')).toMatchObject({ reason: 'CUSTOMER_CODE_TAKEN', params: { code: 'HZ-C001', name: '杭州新华贸易有限公司' } });
    expect(await refused(CREATE, { input: { code: 'OK-2', name: 'x', type: 'ENTERPRISE', ownerId: rep3.id } }, 'manager')).toMatchObject({ code: 'FORBIDDEN', reason: 'CUSTOMER_OWNER_OUTSIDE' });
    expect(await refused(CREATE, { input: { code: 'OK-3', name: 'x', type: 'ENTERPRISE', ownerId: rep2.id } }, 'rep')).toMatchObject({ code: 'FORBIDDEN', reason: 'CUSTOMER_OWNER_OUTSIDE' });
    expect(codeOf(await s.gql(CREATE, { input: { code: 'OK-4', name: 'x', type: 'ENTERPRISE' } }, t.finance))).toBe('FORBIDDEN');
  });

  it('filters by scope in the query: a rep their own, a manager their subtree, the director everything, finance (who read payroll, brief §8) nothing', async () => {
    expect((await list('rep')).map((c) => c.code)).toEqual(['HZ-C001']);
    expect((await list('manager')).map((c) => c.code)).toEqual(['HZ-C001', 'HZ-C002']);
    for (const who of ['director', 'admin'] as const) expect((await list(who)).map((c) => c.code)).toEqual(['HZ-C001', 'HZ-C002', 'XX-C003']);
    expect(await list('finance')).toEqual([]);
    // Filters narrow within the scope, never beyond it.
    expect((await list('rep', { ownerId: rep2.id })).length).toBe(0);
    expect((await list('manager', { unitId: rep3.unitId })).length).toBe(0);
    expect((await list('manager', { unitId: rep2.unitId })).map((c) => c.code)).toEqual(['HZ-C002']);
    expect((await list('director', { tier: 'IMPORTANT' })).map((c) => c.code)).toEqual(['XX-C003']);
    expect((await list('director', { search: '西湖' })).map((c) => c.code)).toEqual(['HZ-C002']);
    expect((await list('director', { search: 'c00' })).length).toBe(3);
    // Keyset pages by code.
    const first = (await ok(LIST, { first: 2 }, 'director')).customers;
    expect(first.nodes.map((c: any) => c.code)).toEqual(['HZ-C001', 'HZ-C002']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await ok(LIST, { first: 2, after: first.pageInfo.endCursor }, 'director')).customers;
    expect(next.nodes.map((c: any) => c.code)).toEqual(['XX-C003']);
    expect(next.pageInfo.hasNextPage).toBe(false);
    expect((await s.gql(LIST, { after: 'nonsense' }, t.director)).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('edits at a revision: the owner or their manager; stale revisions and others are refused with nothing changed', async () => {
    const edited = (await ok(UPDATE, { id: mine.id, revision: 1, input: { tier: 'IMPORTANT', notes: '季度回访', contacts: [{ name: '王经理', phone: '0571-88886666', primary: true }] } }, 'rep')).updateCustomer;
    expect(edited).toMatchObject({ tier: 'IMPORTANT', notes: '季度回访', revision: 2, ownershipStatus: 'PROPOSED' });
    expect(edited.contacts).toEqual([{ name: '王经理', title: null, phone: '0571-88886666', email: null, primary: true }]);
    expect(await refused(UPDATE, { id: mine.id, revision: 1, input: { tier: 'CORE' } }, 'rep')).toMatchObject({ code: 'CONFLICT', reason: 'CUSTOMER_CHANGED', params: { id: mine.id, version: 1 } });
    expect(await refused(UPDATE, { id: mine.id, revision: 2, input: { name: '  ' } }, 'rep')).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CUSTOMER_NAME_REQUIRED' });
    expect(await refused(UPDATE, { id: mine.id, revision: 2, input: { code: 'HZ-C002' } }, 'rep')).toMatchObject({ reason: 'CUSTOMER_CODE_TAKEN' });
    // Not the rep's: not even found. Outside the manager's subtree: the same.
    expect(await refused(UPDATE, { id: theirs.id, revision: 1, input: { tier: 'CORE' } }, 'rep')).toMatchObject({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
    expect(await refused(UPDATE, { id: outside.id, revision: 1, input: { tier: 'CORE' } }, 'manager')).toMatchObject({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
    // Finance reads every customer but edits none.
    expect(codeOf(await s.gql(UPDATE, { id: mine.id, revision: 2, input: { tier: 'CORE' } }, t.finance))).toBe('FORBIDDEN');
    mine = (await ok(UPDATE, { id: mine.id, revision: 2, input: { tier: 'CORE' } }, 'manager')).updateCustomer;
    expect(mine).toMatchObject({ tier: 'CORE', revision: 3 });
  });

  it('a manager over the owner unit confirms ownership once; a rep cannot', async () => {
    expect(codeOf(await s.gql(CONFIRM, { id: mine.id, revision: 3 }, t.rep))).toBe('FORBIDDEN');
    expect(await refused(CONFIRM, { id: outside.id, revision: 1 }, 'manager')).toMatchObject({ reason: 'CUSTOMER_NOT_FOUND' });
    mine = (await ok(CONFIRM, { id: mine.id, revision: 3 }, 'manager')).confirmCustomerOwnership;
    expect(mine).toMatchObject({ ownershipStatus: 'CONFIRMED', revision: 4 });
    expect(mine.confirmedBy).toBeTruthy();
    expect(mine.confirmedAt).toBeTruthy();
    expect(await refused(CONFIRM, { id: mine.id, revision: 4 }, 'manager')).toMatchObject({ reason: 'CUSTOMER_ALREADY_CONFIRMED' });
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'Customer', entityId: mine.id, action: 'confirm-ownership' } })).toBe(1);
  });

  it('a manager transfers a customer within their subtree only', async () => {
    expect(await refused(TRANSFER, { id: theirs.id, revision: 1, ownerId: rep3.id }, 'manager')).toMatchObject({ code: 'FORBIDDEN', reason: 'CUSTOMER_OWNER_OUTSIDE' });
    expect(await refused(TRANSFER, { id: theirs.id, revision: 1, ownerId: rep2.id }, 'manager')).toMatchObject({ reason: 'CUSTOMER_SAME_OWNER' });
    expect(await refused(TRANSFER, { id: theirs.id, revision: 1, ownerId: rep.id, ownerUnitId: rep2.unitId }, 'manager')).toMatchObject({ reason: 'CUSTOMER_OWNER_NOT_IN_UNIT' });
    // Taking a customer oneself would confirm one's own ownership: a manager above must.
    expect(await refused(TRANSFER, { id: theirs.id, revision: 1, ownerId: managerPersonId }, 'manager')).toMatchObject({ code: 'FORBIDDEN', reason: 'CUSTOMER_OWN_CONFIRMATION' });
    const moved = (await ok(TRANSFER, { id: theirs.id, revision: 1, ownerId: rep.id }, 'manager')).transferCustomer;
    expect(moved).toMatchObject({ ownerId: rep.id, ownerUnitId: rep.unitId, ownershipStatus: 'CONFIRMED', revision: 2 });
    // …and back, to the area as its owner unit (a unit above the rep's team, inside the subtree).
    theirs = (await ok(TRANSFER, { id: theirs.id, revision: 2, ownerId: rep2.id, ownerUnitId: area.id }, 'manager')).transferCustomer;
    expect(theirs).toMatchObject({ ownerId: rep2.id, ownerUnitId: area.id, revision: 3 });
  });

  let flagIn: any; // sold by rep3 (outside) to the rep's customer: the manager's side owns it
  let flagOut: any; // sold by the rep to rep3's customer: the manager's side sold it

  it('an import naming a customer flags sales outside its territory; unknown codes refuse the row', async () => {
    const unknown = await refused(IMPORT, { r: [{ externalId: 'CT-X', employeeNo: rep3.employeeNo, date: '2026-11-10', amount: '1.00', customerCode: 'NO-SUCH' }] }, 'finance');
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_REJECTED' });
    expect((unknown as any).problems).toEqual([expect.objectContaining({ row: 1, field: 'customerCode', reason: 'UNKNOWN_CUSTOMER_CODE', params: { code: 'NO-SUCH' } })]);

    expect([await actual(rep3), await actual(rep)]).toEqual(['0.00', '0.00']);
    await ok(
      IMPORT,
      {
        r: [
          { externalId: 'CT-1', employeeNo: rep3.employeeNo, date: '2026-11-10', amount: '1200.00', customerCode: 'hz-c001' },
          { externalId: 'CT-2', employeeNo: rep.employeeNo, date: '2026-11-11', amount: '300.00', customerCode: 'HZ-C001' },
          { externalId: 'CT-3', employeeNo: rep.employeeNo, date: '2026-11-12', amount: '450.50', customerCode: 'XX-C003' },
          // The area owns HZ-C002: a sale in any team of the area is inside its territory.
          { externalId: 'CT-4', employeeNo: rep.employeeNo, date: '2026-11-13', amount: '10.00', customerCode: 'HZ-C002' },
          { externalId: 'CT-5', employeeNo: rep3.employeeNo, date: '2026-11-14', amount: '20.00', customer: '散客' },
        ],
      },
      'finance',
    );
    const sale = await s.db.prisma.salesRecord.findUniqueOrThrow({ where: { externalId: 'CT-1' } });
    expect(sale).toMatchObject({ customerId: mine.id, customer: '杭州新华贸易有限公司', personId: rep3.id });
    const flags = (await ok(FLAGS, {}, 'director')).crossTerritorySales as any[];
    expect(flags.map((f) => f.externalId).sort()).toEqual(['CT-1', 'CT-3']);
    flagIn = flags.find((f) => f.externalId === 'CT-1');
    flagOut = flags.find((f) => f.externalId === 'CT-3');
    expect(flagIn).toMatchObject({ amount: '1200.00', sellerId: rep3.id, sellingUnitId: rep3.unitId, owningUnitId: rep.unitId, customerCode: 'HZ-C001', status: 'OPEN', canDecide: true });
    expect([await actual(rep3), await actual(rep)]).toEqual(['1220.00', '760.50']);
    // Importing the same batch again flags nothing twice.
    await ok(IMPORT, { r: [{ externalId: 'CT-1', employeeNo: rep3.employeeNo, date: '2026-11-10', amount: '1200.00', customerCode: 'hz-c001' }] }, 'finance');
    expect(await s.db.prisma.crossTerritoryFlag.count()).toBe(2);
  });

  it('managers of either unit see a flag; only the owning side may decide it', async () => {
    const seen = (await ok(FLAGS, {}, 'manager')).crossTerritorySales as any[];
    expect(seen.map((f) => [f.externalId, f.canDecide])).toEqual([
      ['CT-3', false],
      ['CT-1', true],
    ]);
    expect((await ok(FLAGS, { status: 'OPEN', unitId: rep3.unitId }, 'manager')).crossTerritorySales.length).toBe(2);
    expect((await ok(FLAGS, { status: 'REASSIGNED' }, 'manager')).crossTerritorySales.length).toBe(0);
    for (const who of ['rep', 'finance'] as const) expect(codeOf(await s.gql(FLAGS, {}, t[who]))).toBe('FORBIDDEN');
    expect(await refused(DECIDE, { id: flagOut.id, decision: 'ACCEPT' }, 'manager')).toMatchObject({ code: 'FORBIDDEN', reason: 'CROSS_TERRITORY_NOT_DECIDER', params: { unit: flagOut.owningUnitName } });
    expect(await refused(DECIDE, { id: 'no-flag', decision: 'ACCEPT' }, 'manager')).toMatchObject({ code: 'NOT_FOUND', reason: 'CROSS_TERRITORY_NOT_FOUND' });
    for (const who of ['rep', 'finance', 'admin'] as const) expect(codeOf(await s.gql(DECIDE, { id: flagIn.id, decision: 'DISMISS' }, t[who]))).toBe('FORBIDDEN');
  });

  it('REASSIGN moves the sale’s credit to the customer’s owner, actuals with it, once; audited', async () => {
    const decided = (await ok(DECIDE, { id: flagIn.id, decision: 'REASSIGN', comment: '客户归属本组' }, 'manager')).decideCrossTerritorySale;
    expect(decided).toMatchObject({ status: 'REASSIGNED', sellerId: rep.id, comment: '客户归属本组', canDecide: false });
    // Who sold it stays named: the credit moved, the seller did not.
    expect(decided).toMatchObject({ bookedByName: rep3.name, sellerName: rep.name });
    expect(decided.decidedBy).toBeTruthy();
    expect(await s.db.prisma.salesRecord.findUniqueOrThrow({ where: { externalId: 'CT-1' } })).toMatchObject({ personId: rep.id, unitId: rep.unitId });
    expect([await actual(rep3), await actual(rep)]).toEqual(['20.00', '1960.50']);
    expect(await refused(DECIDE, { id: flagIn.id, decision: 'DISMISS' }, 'manager')).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CROSS_TERRITORY_DECIDED', params: { flagStatus: 'REASSIGNED' } });
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'CrossTerritoryFlag', entityId: flagIn.id } });
    expect(audit.action).toBe('reassign');
    expect(JSON.parse(audit.before!).sale.personId).toBe(rep3.id);
    expect(JSON.parse(audit.after!).sale.personId).toBe(rep.id);
    // The same sale imported again keeps the credit the manager moved.
    await ok(IMPORT, { r: [{ externalId: 'CT-1', employeeNo: rep3.employeeNo, date: '2026-11-10', amount: '1200.00', customerCode: 'hz-c001' }] }, 'finance');
    expect([await actual(rep3), await actual(rep)]).toEqual(['20.00', '1960.50']);
  });

  it('the director decides on the other side; DISMISS changes no figures', async () => {
    const decided = (await ok(DECIDE, { id: flagOut.id, decision: 'DISMISS' }, 'director')).decideCrossTerritorySale;
    expect(decided).toMatchObject({ status: 'DISMISSED', sellerId: rep.id, comment: null });
    expect([await actual(rep3), await actual(rep)]).toEqual(['20.00', '1960.50']);
    expect(managerPersonId).toBeTruthy();
  });

  it('a sales sheet names customers by a 客户编码 column: an unknown code names its cell; a known one outside the territory is flagged', async () => {
    const SHEET = 'mutation($g: SheetGridInput!) { importSalesSheet(grid: $g) { created } }';
    const grid = (code: string) => ({
      sheet: '十一月',
      rows: [
        ['单号', '工号', '日期', '金额', '客户编码'],
        ['SH-CT-1', rep3.employeeNo, '2026-11-20', '88.00', code],
      ],
    });
    const bad = await refused(SHEET, { g: grid('KH-NONE') }, 'finance');
    expect((bad as any).problems).toEqual([expect.objectContaining({ sheet: '十一月', cell: 'E2', field: 'customerCode', reason: 'UNKNOWN_CUSTOMER_CODE', params: { code: 'KH-NONE' } })]);
    await ok(SHEET, { g: grid('HZ-C002') }, 'finance');
    const flags = (await ok(FLAGS, { status: 'OPEN' }, 'manager')).crossTerritorySales as any[];
    expect(flags.map((f) => [f.externalId, f.customerCode, f.owningUnitId, f.canDecide])).toEqual([['SH-CT-1', 'HZ-C002', area.id, true]]);
  });

  it('a reassignment into a locked period is refused, changing nothing; reopened, it goes through', async () => {
    const flag = ((await ok(FLAGS, { status: 'OPEN' }, 'manager')).crossTerritorySales as any[])[0];
    expect(flag.locked).toBe(false);
    await ok('mutation { lockPeriod(periodKey: "2026-11", reason: "月结") { periodKey } }', {}, 'admin');
    // The list says so before anyone tries (the pane offers no decision on it).
    expect(((await ok(FLAGS, { status: 'OPEN' }, 'manager')).crossTerritorySales as any[]).find((f) => f.id === flag.id).locked).toBe(true);
    expect(await refused(DECIDE, { id: flag.id, decision: 'REASSIGN' }, 'manager')).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2026-11' } });
    // Nor is it accepted or dismissed: the flag of a sale in a locked period stays as it was.
    for (const decision of ['ACCEPT', 'DISMISS']) expect(await refused(DECIDE, { id: flag.id, decision }, 'manager')).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2026-11' } });
    await ok('mutation { reopenPeriod(periodKey: "2026-11", reason: "窜货改划") }', {}, 'admin');
    const decided = (await ok(DECIDE, { id: flag.id, decision: 'REASSIGN' }, 'manager')).decideCrossTerritorySale;
    // Owned by the area itself: credited to the owner in the team they work in that day.
    expect(decided).toMatchObject({ status: 'REASSIGNED', sellerId: rep2.id });
    expect(await s.db.prisma.salesRecord.findUniqueOrThrow({ where: { externalId: 'SH-CT-1' } })).toMatchObject({ personId: rep2.id, unitId: rep2.unitId });
  });

  it('a flagged sale imported again to another customer is examined again: an open flag no longer names a customer it was not sold to', async () => {
    await ok(IMPORT, { r: [{ externalId: 'CT-9', employeeNo: rep3.employeeNo, date: '2026-11-21', amount: '66.00', customerCode: 'HZ-C001' }] }, 'finance');
    const open = ((await ok(FLAGS, { status: 'OPEN' }, 'director')).crossTerritorySales as any[]).filter((f) => f.externalId === 'CT-9');
    expect(open.map((f) => [f.customerCode, f.owningUnitId])).toEqual([['HZ-C001', rep.unitId]]);
    // Corrected: the sale was to rep3's own customer, inside their territory: no flag is left open on it.
    await ok(IMPORT, { r: [{ externalId: 'CT-9', employeeNo: rep3.employeeNo, date: '2026-11-21', amount: '66.00', customerCode: 'XX-C003' }] }, 'finance');
    expect(((await ok(FLAGS, {}, 'director')).crossTerritorySales as any[]).filter((f) => f.externalId === 'CT-9')).toEqual([]);
    // Corrected again, to a customer of the manager's area: flagged anew, naming that customer.
    await ok(IMPORT, { r: [{ externalId: 'CT-9', employeeNo: rep3.employeeNo, date: '2026-11-21', amount: '66.00', customerCode: 'HZ-C002' }] }, 'finance');
    const again = ((await ok(FLAGS, { status: 'OPEN' }, 'director')).crossTerritorySales as any[]).filter((f) => f.externalId === 'CT-9');
    expect(again.map((f) => [f.customerCode, f.owningUnitId])).toEqual([['HZ-C002', area.id]]);
  });
});

/**
 * Reps' monthly plans through the API (issue 11 §2): the rep's form (weeks,
 * target, due day), a draft, the shared checks naming each place, submit,
 * the manager's roster of who handed in what (on time, late, due, missing),
 * return with a comment, the next version, accept; who may do what; every
 * refusal with its reason and nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { addDays, today } from '../../schema/dates.ts';
import { planWeeks } from '../../schema/rep-plan.ts';

const PLAN = `id personId personName month version status revision dueOn timeliness target planned belowTargetReason
  weeks { weekKey sales calls visits events } customers { customer sales visits } issues { reason field severity params { name value } }
  decisionComment events { action actor fromStatus toStatus comment } canEdit canDecide`;
const MY = `query($m: String!) { myRepPlan(month: $m) { month weeks { key start end } target dueOn plan { ${PLAN} } earlier { ${PLAN} } } }`;
const SAVE = `mutation($m: String!, $r: Int, $i: RepPlanInput!) { saveRepPlan(month: $m, revision: $r, input: $i) { ${PLAN} } }`;
const SUBMIT = `mutation($id: ID!, $r: Int!) { submitRepPlan(id: $id, revision: $r) { ${PLAN} } }`;
const ACCEPT = `mutation($id: ID!, $r: Int!) { acceptRepPlan(id: $id, revision: $r) { ${PLAN} } }`;
const RETURN = `mutation($id: ID!, $r: Int!, $c: String!) { returnRepPlan(id: $id, revision: $r, comment: $c) { ${PLAN} } }`;
const ROSTER = `query($m: String!, $u: ID) { repPlanRoster(month: $m, unitId: $u) { personId personName status version dueOn timeliness target planned decisionComment canDecide } }`;
const ONE = `query($id: ID!) { repPlan(id: $id) { ${PLAN} } }`;

type Ext = { code?: string; reason?: string; field?: string; params?: Record<string, unknown>; issues?: { reason: string; field: string; params: Record<string, unknown> }[] };
const ext = (r: GqlResult) => (r.errors?.[0]?.extensions ?? {}) as Ext;

/** Months relative to today (China time): the next one is not due before the 28th of this month; the last one was due on the 28th of the one before. */
const now = today();
const thisMonth = now.slice(0, 7);
const nextMonth = addDays(`${thisMonth}-28`, 5).slice(0, 7);
const monthAfter = addDays(`${nextMonth}-28`, 5).slice(0, 7);
const lastMonth = addDays(`${thisMonth}-01`, -1).slice(0, 7);
const laterMonth = addDays(`${monthAfter}-28`, 5).slice(0, 7);

/** A plan input: every week of the month at `perWeek` yuan, one key customer. */
const input = (month: string, perWeek: string, more: Record<string, unknown> = {}) => ({
  weeks: planWeeks(month).map((w) => ({ weekKey: w.key, sales: perWeek, calls: 40, visits: 2, events: 0 })),
  customers: [{ customer: 'KH-001', sales: '1000.00', visits: 2 }],
  ...more,
});

describe.each(testProviders)('rep plans on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'director' | 'manager' | 'rep' | 'otherManager', string>;
  let rep: { id: string; name: string };
  let team: { id: string };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'director', 'manager', 'rep'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const repUser = await p.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } });
    rep = repUser.person!;
    team = await p.orgUnit.findFirstOrThrow({ where: { assignments: { some: { personId: rep.id, validTo: null } } } });
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    expect(team.id === area.id || (await p.orgUnit.findUniqueOrThrow({ where: { id: team.id } })).path.startsWith(area.path)).toBe(true);
    // A manager of another area, signed in.
    const other = await p.orgUnit.findFirstOrThrow({ where: { kind: 'AREA', id: { not: area.id }, managerId: { not: null } } });
    const u = await s.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: 'other-mgr', password: 'correct-horse-battery', roles: ['MANAGER'], personId: other.managerId } }, t.admin);
    expect(u.errors).toBeUndefined();
    t.otherManager = await s.login('other-mgr', 'correct-horse-battery');
    // The rep's own key customer.
    await p.customer.create({ data: { code: 'KH-001', name: '华东建材', type: 'ENTERPRISE', tier: 'CORE', ownerId: rep.id, ownerUnitId: team.id, ownershipStatus: 'CONFIRMED' } });
    // The rep's published base target: 30,000.00 a month for the months the tests use (fixture).
    const months = [lastMonth, nextMonth, monthAfter, laterMonth];
    for (const year of [...new Set(months.map((m) => Number(m.slice(0, 4))))]) {
      await p.targetPlan.create({
        data: {
          year, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: team.id, version: 1, status: 'PUBLISHED', periodLevel: 'month', ownerKind: 'PERSON', total: 0n,
          lines: { create: months.filter((m) => Number(m.slice(0, 4)) === year).map((periodKey) => ({ ownerKind: 'PERSON' as const, ownerId: rep.id, periodKey, amount: 3_000_000n })) },
        },
      });
    }
  });
  afterAll(() => s.close());

  let planId = '';
  let revision = 0;

  it('gives the rep the month’s weeks, their published target and the due day (the 28th of the month before); no plan yet', async () => {
    const r = await s.gql(MY, { m: nextMonth }, t.rep);
    expect(r.errors).toBeUndefined();
    expect(r.data.myRepPlan).toMatchObject({ month: nextMonth, target: '30000.00', dueOn: `${thisMonth}-28`, plan: null, earlier: [] });
    expect(r.data.myRepPlan.weeks.map((w: { key: string }) => w.key)).toEqual(planWeeks(nextMonth).map((w) => w.key));
  });

  it('refuses a plan with bad rows whole, naming each place, and saves nothing', async () => {
    const weeks = input(nextMonth, '5000.00').weeks;
    weeks[1] = { ...weeks[1]!, sales: '-1.00' };
    weeks[2] = { ...weeks[2]!, weekKey: `${monthAfter}-W1` };
    const r = await s.refused(SAVE, { m: nextMonth, i: { ...input(nextMonth, '5000.00'), weeks } }, t.rep);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(ext(r).issues!.map((i) => [i.reason, i.field])).toEqual([
      ['REP_PLAN_NEGATIVE', 'weeks.1.sales'],
      ['REP_PLAN_WEEK_OUTSIDE_MONTH', 'weeks.2.weekKey'],
      ['REP_PLAN_WEEK_MISSING', 'plan'],
    ]);
    const notWhole = await s.refused(SAVE, { m: nextMonth, i: { ...input(nextMonth, '5000.00'), customers: [{ customer: 'KH-001', sales: '1.00', visits: -2 }] } }, t.rep);
    expect(ext(notWhole)).toMatchObject({ reason: 'REP_PLAN_NEGATIVE', field: 'customers.0.visits' });
    expect(ext(await s.refused(SAVE, { m: '2026-13', i: input(nextMonth, '1.00') }, t.rep))).toMatchObject({ reason: 'REP_PLAN_NOT_A_MONTH' });
    // A planned amount beyond the most a plan holds (99,999,999,999.99), in a week or for a customer: refused at its place, nothing saved.
    const huge = input(nextMonth, '5000.00', { customers: [{ customer: 'KH-001', sales: '100000000000.00', visits: 1 }] });
    huge.weeks[0] = { ...huge.weeks[0]!, sales: '1000000000000000.00' };
    const tooLarge = await s.refused(SAVE, { m: nextMonth, i: huge }, t.rep);
    expect(codeOf(tooLarge)).toBe('BAD_USER_INPUT');
    expect(ext(tooLarge).issues!.map((i) => [i.reason, i.field, i.params])).toEqual([
      ['REP_PLAN_OUT_OF_RANGE', 'weeks.0.sales', { amount: '1000000000000000.00', maxAmount: '99999999999.99' }],
      ['REP_PLAN_OUT_OF_RANGE', 'customers.0.sales', { amount: '100000000000.00', maxAmount: '99999999999.99' }],
    ]);
    expect((await s.gql(MY, { m: nextMonth }, t.rep)).data.myRepPlan.plan).toBeNull();
    // A key customer must be one of the rep's own.
    const unknown = await s.refused(SAVE, { m: nextMonth, i: { ...input(nextMonth, '5000.00'), customers: [{ customer: 'KH-404', sales: '1.00', visits: 1 }] } }, t.rep);
    expect(ext(unknown)).toMatchObject({ reason: 'REP_PLAN_CUSTOMER_UNKNOWN', field: 'customers.0.customer', params: { customer: 'KH-404' } });
  });

  it('saves a draft below target; the submission needs the reason, and is refused without it, changing nothing', async () => {
    const saved = await s.gql(SAVE, { m: nextMonth, i: input(nextMonth, '5000.00') }, t.rep);
    expect(saved.errors).toBeUndefined();
    const plan = saved.data.saveRepPlan;
    const weeks = planWeeks(nextMonth).length;
    expect(plan).toMatchObject({ month: nextMonth, version: 1, status: 'DRAFT', target: '30000.00', planned: (5000 * weeks).toFixed(2), timeliness: 'DUE', canEdit: true, canDecide: false });
    expect(plan.issues).toContainEqual({ reason: 'REP_PLAN_REASON_REQUIRED', field: 'belowTargetReason', severity: 'error', params: [{ name: 'amount', value: (5000 * weeks).toFixed(2) }, { name: 'targetAmount', value: '30000.00' }] });
    const refused = await s.refused(SUBMIT, { id: plan.id, r: plan.revision }, t.rep);
    expect(ext(refused)).toMatchObject({ reason: 'REP_PLAN_REASON_REQUIRED', field: 'belowTargetReason' });
    const again = await s.gql(SAVE, { m: nextMonth, r: plan.revision, i: input(nextMonth, '5000.00', { belowTargetReason: '两家重点客户下月停产检修' }) }, t.rep);
    expect(again.errors).toBeUndefined();
    expect(again.data.saveRepPlan).toMatchObject({ id: plan.id, version: 1, revision: plan.revision + 1 });
    // A stale revision is a conflict; so is none at all once a draft exists (a pane that never read it).
    expect(ext(await s.refused(SAVE, { m: nextMonth, r: plan.revision, i: input(nextMonth, '5000.00') }, t.rep))).toMatchObject({ code: 'CONFLICT', reason: 'REP_PLAN_CHANGED' });
    expect(ext(await s.refused(SAVE, { m: nextMonth, i: input(nextMonth, '5000.00') }, t.rep))).toMatchObject({ code: 'CONFLICT', reason: 'REP_PLAN_CHANGED' });
    // A key customer's code is read as the customer files keep it (upper case).
    const lower = await s.gql(SAVE, { m: nextMonth, r: again.data.saveRepPlan.revision, i: input(nextMonth, '5000.00', { belowTargetReason: '两家重点客户下月停产检修', customers: [{ customer: ' kh-001 ', sales: '1000.00', visits: 2 }] }) }, t.rep);
    expect(lower.errors).toBeUndefined();
    expect(lower.data.saveRepPlan.customers).toEqual([{ customer: 'KH-001', sales: '1000.00', visits: 2 }]);
    again.data.saveRepPlan = lower.data.saveRepPlan;
    const submitted = await s.gql(SUBMIT, { id: plan.id, r: again.data.saveRepPlan.revision }, t.rep);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitRepPlan).toMatchObject({ status: 'SUBMITTED', timeliness: 'ON_TIME', canEdit: false });
    expect(submitted.data.submitRepPlan.issues.map((i: { reason: string; severity: string }) => [i.reason, i.severity])).toEqual([['REP_PLAN_BELOW_TARGET', 'warning']]);
    planId = plan.id;
    revision = submitted.data.submitRepPlan.revision;
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'RepPlan', entityId: plan.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'submit']);
    // Submitted: no more edits.
    expect(ext(await s.refused(SAVE, { m: nextMonth, i: input(nextMonth, '6000.00') }, t.rep))).toMatchObject({ reason: 'REP_PLAN_STATUS', params: { repPlanStatus: 'SUBMITTED' } });
  });

  it('shows the manager who handed in what: submitted on time, the others due; reps may not see the roster', async () => {
    const r = await s.gql(ROSTER, { m: nextMonth, u: team.id }, t.manager);
    expect(r.errors).toBeUndefined();
    const rows = r.data.repPlanRoster as { personId: string; status: string | null; timeliness: string; target: string | null }[];
    expect(rows.find((x) => x.personId === rep.id)).toMatchObject({ status: 'SUBMITTED', timeliness: 'ON_TIME', target: '30000.00', planned: expect.any(String), canDecide: true });
    // Plans are the sales line's: finance (payroll, brief §8) may not read the roster.
    expect(ext(await s.gql(ROSTER, { m: nextMonth, u: team.id }, t.finance))).toMatchObject({ reason: 'ROLE_NOT_ALLOWED' });
    const others = rows.filter((x) => x.personId !== rep.id);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((x) => x.status === null && x.timeliness === 'DUE')).toBe(true);
    expect(ext(await s.gql(ROSTER, { m: nextMonth }, t.rep))).toMatchObject({ reason: 'ROLE_NOT_ALLOWED' });
    // Another area's manager sees none of this team.
    expect(ext(await s.gql(ROSTER, { m: nextMonth, u: team.id }, t.otherManager))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await s.gql(ROSTER, { m: nextMonth }, t.otherManager)).data.repPlanRoster.some((x: { personId: string }) => x.personId === rep.id)).toBe(false);
  });

  it('refuses deciding without the right: the rep on their own plan, another area’s manager, a return without a comment', async () => {
    expect(ext(await s.refused(ACCEPT, { id: planId, r: revision }, t.rep))).toMatchObject({ reason: 'ROLE_NOT_ALLOWED' });
    expect(ext(await s.refused(ACCEPT, { id: planId, r: revision }, t.otherManager))).toMatchObject({ code: 'NOT_FOUND', reason: 'REP_PLAN_NOT_FOUND' });
    expect(ext(await s.refused(RETURN, { id: planId, r: revision, c: '  ' }, t.manager))).toMatchObject({ reason: 'REP_PLAN_COMMENT_REQUIRED' });
    expect(ext(await s.gql(ONE, { id: planId }, t.otherManager)).reason).toBe('REP_PLAN_NOT_FOUND');
    // A manager plans their own month too, and never decides on it.
    const own = await s.gql(SAVE, { m: nextMonth, i: { ...input(nextMonth, '8000.00'), customers: [] } }, t.manager);
    expect(own.errors).toBeUndefined();
    const sent = await s.gql(SUBMIT, { id: own.data.saveRepPlan.id, r: own.data.saveRepPlan.revision }, t.manager);
    expect(sent.data.submitRepPlan).toMatchObject({ status: 'SUBMITTED', canDecide: false });
    expect(ext(await s.refused(ACCEPT, { id: own.data.saveRepPlan.id, r: sent.data.submitRepPlan.revision }, t.manager))).toMatchObject({ code: 'FORBIDDEN', reason: 'REP_PLAN_OWN_DECISION' });
  });

  it('returns with a comment the rep sees; editing starts version 2; resubmitted and accepted', async () => {
    const seen = await s.gql(ONE, { id: planId }, t.manager);
    expect(seen.data.repPlan).toMatchObject({ canDecide: true, status: 'SUBMITTED' });
    const returned = await s.gql(RETURN, { id: planId, r: revision, c: '第三周计划偏低，请补充重点客户拜访' }, t.manager);
    expect(returned.errors).toBeUndefined();
    expect(returned.data.returnRepPlan).toMatchObject({ status: 'RETURNED', decisionComment: '第三周计划偏低，请补充重点客户拜访' });
    const mine = (await s.gql(MY, { m: nextMonth }, t.rep)).data.myRepPlan;
    expect(mine.plan).toMatchObject({ version: 1, status: 'RETURNED', decisionComment: '第三周计划偏低，请补充重点客户拜访', canEdit: true });
    expect(mine.plan.events.map((e: { action: string }) => e.action)).toEqual(['create', 'save', 'save', 'submit', 'return']);
    const v2 = await s.gql(SAVE, { m: nextMonth, r: mine.plan.revision, i: input(nextMonth, '7000.00', { customers: [{ customer: 'KH-001', sales: '8000.00', visits: 4 }] }) }, t.rep);
    expect(v2.errors).toBeUndefined();
    expect(v2.data.saveRepPlan).toMatchObject({ version: 2, status: 'DRAFT' });
    const sub = await s.gql(SUBMIT, { id: v2.data.saveRepPlan.id, r: v2.data.saveRepPlan.revision }, t.rep);
    expect(sub.errors).toBeUndefined();
    const accepted = await s.gql(ACCEPT, { id: v2.data.saveRepPlan.id, r: sub.data.submitRepPlan.revision }, t.manager);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.acceptRepPlan).toMatchObject({ status: 'ACCEPTED', version: 2, timeliness: 'ON_TIME' });
    const after = (await s.gql(MY, { m: nextMonth }, t.rep)).data.myRepPlan;
    expect(after.plan).toMatchObject({ version: 2, status: 'ACCEPTED' });
    expect(after.earlier.map((p: { version: number; status: string }) => [p.version, p.status])).toEqual([[1, 'RETURNED']]);
    // Deciding twice is refused.
    expect(ext(await s.refused(ACCEPT, { id: v2.data.saveRepPlan.id, r: accepted.data.acceptRepPlan.revision }, t.manager))).toMatchObject({ reason: 'REP_PLAN_STATUS', params: { repPlanStatus: 'ACCEPTED' } });
  });

  it('flags a plan submitted after its due day as late, and a month nobody submitted for as missing', async () => {
    const saved = await s.gql(SAVE, { m: lastMonth, i: input(lastMonth, '9000.00') }, t.rep);
    expect(saved.errors).toBeUndefined();
    const sub = await s.gql(SUBMIT, { id: saved.data.saveRepPlan.id, r: saved.data.saveRepPlan.revision }, t.rep);
    expect(sub.data.submitRepPlan).toMatchObject({ status: 'SUBMITTED', timeliness: 'LATE' });
    const rows = (await s.gql(ROSTER, { m: lastMonth, u: team.id }, t.manager)).data.repPlanRoster as { personId: string; timeliness: string }[];
    expect(rows.find((x) => x.personId === rep.id)!.timeliness).toBe('LATE');
    expect(rows.filter((x) => x.personId !== rep.id).every((x) => x.timeliness === 'MISSING')).toBe(true);
  });

  it('keeps the due day as data an admin changes, audited; a plan started afterwards takes it', async () => {
    expect(ext(await s.refused('mutation { setRepPlanDueDay(day: 25) }', {}, t.manager))).toMatchObject({ reason: 'ROLE_NOT_ALLOWED' });
    expect(ext(await s.refused('mutation { setRepPlanDueDay(day: 0) }', {}, t.admin))).toMatchObject({ reason: 'REP_PLAN_DUE_DAY_INVALID' });
    expect((await s.gql('mutation { setRepPlanDueDay(day: 25) }', {}, t.admin)).data.setRepPlanDueDay).toBe(25);
    expect((await s.gql('{ repPlanDueDay }', {}, t.rep)).data.repPlanDueDay).toBe(25);
    expect((await s.gql(MY, { m: monthAfter }, t.rep)).data.myRepPlan.dueOn).toBe(`${nextMonth}-25`);
    // The plan already started keeps its day.
    expect((await s.gql(MY, { m: nextMonth }, t.rep)).data.myRepPlan.plan.dueOn).toBe(`${thisMonth}-28`);
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'Setting', entityId: 'repPlans.dueDay' } })).toBe(1);
  });

  it('lets nobody read another rep’s plan, nor finance (payroll, not plans); directors read, only managers over the rep and directors decide', async () => {
    expect(ext(await s.gql(ONE, { id: planId }, t.finance)).reason).toBe('REP_PLAN_NOT_FOUND');
    expect((await s.gql(ONE, { id: planId }, t.director)).data.repPlan.id).toBe(planId);
    const other = await s.db.prisma.person.findFirstOrThrow({ where: { id: { not: rep.id }, position: 'SALES_REP', status: 'ACTIVE', user: null } });
    const theirs = await s.db.prisma.repPlan.create({ data: { personId: other.id, month: nextMonth, version: 1, unitId: team.id, dueOn: new Date(`${thisMonth}-28T00:00:00Z`) } });
    expect(ext(await s.gql(ONE, { id: theirs.id }, t.rep)).reason).toBe('REP_PLAN_NOT_FOUND');
    expect(ext(await s.refused(SUBMIT, { id: theirs.id, r: 1 }, t.rep))).toMatchObject({ reason: 'REP_PLAN_NOT_FOUND' });
  });

  it('keeps an empty plan as a draft but refuses to submit it (REP_PLAN_EMPTY at the first week’s sales), changing nothing', async () => {
    const blank = {
      weeks: planWeeks(laterMonth).map((w) => ({ weekKey: w.key, sales: '0.00', calls: 0, visits: 0, events: 0 })),
      customers: [],
    };
    const saved = await s.gql(SAVE, { m: laterMonth, i: blank }, t.rep);
    expect(saved.errors).toBeUndefined();
    const draft = saved.data.saveRepPlan;
    expect(draft).toMatchObject({ status: 'DRAFT', planned: '0.00', target: '30000.00', canEdit: true });
    // The plan's checks say it is empty, and only that (falling short of the target is beside the point).
    expect(draft.issues).toEqual([{ reason: 'REP_PLAN_EMPTY', field: 'weeks.0.sales', severity: 'error', params: [] }]);
    const refused = await s.refused(SUBMIT, { id: draft.id, r: draft.revision }, t.rep);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(ext(refused)).toMatchObject({ reason: 'REP_PLAN_EMPTY', field: 'weeks.0.sales', params: {} });
    expect(ext(refused).issues!.map((i) => i.reason)).toEqual(['REP_PLAN_EMPTY']);
    // A reason for falling short does not make it a plan.
    const reasoned = await s.gql(SAVE, { m: laterMonth, r: draft.revision, i: { ...blank, belowTargetReason: '本月休假' } }, t.rep);
    expect(reasoned.errors).toBeUndefined();
    expect(ext(await s.refused(SUBMIT, { id: draft.id, r: reasoned.data.saveRepPlan.revision }, t.rep))).toMatchObject({ reason: 'REP_PLAN_EMPTY' });
    // One week's sales and calls make it a plan: submitted.
    const weeks = blank.weeks.map((w, i) => (i === 0 ? { ...w, sales: '30000.00', calls: 10 } : w));
    const filled = await s.gql(SAVE, { m: laterMonth, r: reasoned.data.saveRepPlan.revision, i: { weeks, customers: [] } }, t.rep);
    expect(filled.errors).toBeUndefined();
    const sent = await s.gql(SUBMIT, { id: draft.id, r: filled.data.saveRepPlan.revision }, t.rep);
    expect(sent.errors).toBeUndefined();
    expect(sent.data.submitRepPlan).toMatchObject({ status: 'SUBMITTED', planned: '30000.00' });
  });

  it('moves a draft with its rep: saved again after a move entered for the month, it belongs to the new unit and its manager', async () => {
    const first = (await s.gql(SAVE, { m: monthAfter, i: input(monthAfter, '1000.00') }, t.rep)).data.saveRepPlan;
    expect((await s.gql(ONE, { id: first.id }, t.manager)).data.repPlan.id).toBe(first.id);
    // The rep moves to a team of the other area from the first of that month (last test: the move stays).
    const p = s.db.prisma;
    const otherArea = await p.orgUnit.findFirstOrThrow({ where: { managerId: (await p.user.findUniqueOrThrow({ where: { username: 'other-mgr' } })).personId } });
    const newTeam = await p.orgUnit.findFirstOrThrow({ where: { path: { startsWith: otherArea.path }, kind: 'TEAM' } });
    const from = new Date(`${monthAfter}-01T00:00:00Z`);
    await p.assignment.updateMany({ where: { personId: rep.id, validTo: null }, data: { validTo: from } });
    await p.assignment.create({ data: { personId: rep.id, unitId: newTeam.id, position: 'SALES_REP', validFrom: from } });
    const again = (await s.gql(SAVE, { m: monthAfter, i: input(monthAfter, '1100.00'), r: first.revision }, t.rep)).data.saveRepPlan;
    expect(again.id).toBe(first.id);
    expect((await p.repPlan.findUniqueOrThrow({ where: { id: first.id } })).unitId).toBe(newTeam.id);
    expect((await s.gql(ONE, { id: first.id }, t.otherManager)).data.repPlan.id).toBe(first.id);
    expect(ext(await s.gql(ONE, { id: first.id }, t.manager)).reason).toBe('REP_PLAN_NOT_FOUND');
  });

  it('changes no plan of a locked month until an admin reopens it (brief §2)', async () => {
    const month = '2025-11';
    const draft = (await s.gql(SAVE, { m: month, i: input(month, '1000.00') }, t.rep)).data.saveRepPlan;
    expect(draft).toMatchObject({ status: 'DRAFT', planned: '5000.00' });
    expect((await s.gql('mutation { lockPeriod(periodKey: "2025-11", reason: "月结") { periodKey } }', {}, t.admin)).errors).toBeUndefined();
    const refused = await s.refused(SAVE, { m: month, r: draft.revision, i: input(month, '2000.00') }, t.rep);
    expect(ext(refused)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2025-11' } });
    expect((await s.gql(ONE, { id: draft.id }, t.rep)).data.repPlan).toMatchObject({ planned: '5000.00', revision: draft.revision });
    expect((await s.gql('mutation { reopenPeriod(periodKey: "2025-11", reason: "补计划") }', {}, t.admin)).errors).toBeUndefined();
    expect((await s.gql(SAVE, { m: month, r: draft.revision, i: input(month, '2000.00') }, t.rep)).data.saveRepPlan).toMatchObject({ planned: '10000.00' });
  });
});

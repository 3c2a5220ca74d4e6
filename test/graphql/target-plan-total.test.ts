/**
 * A draft's year target can be corrected (setTargetPlanTotal) when it takes
 * no figure from a parent plan. Found by an outside check: a stretch plan made
 * at 70,000.00 and refused at approval (below the base approved after it)
 * came back as a draft that could neither take lines summing to the right
 * figure (rowTotal: "target is 70000.00") nor be made again (PLAN_EXISTS),
 * nor revised (only approved or published plans are): stuck for good.
 * Lines that no longer sum are reported by the usual checks, not rescaled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { repTeam } from '../support/target-plans.ts';

const PLAN = 'plan { id revision status total canDraft parentTarget { total } } lines { ownerId periodKey amount } events { action actor fromStatus toStatus comment }';
const CREATE = `mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`;
const BREAK = `mutation($id: ID!, $revision: Int!, $owners: BreakdownKind = EQUAL) { breakDownTargetPlan(id: $id, revision: $revision, time: { kind: EQUAL }, owners: { kind: $owners }) { ${PLAN} } }`;
const SAVE = `mutation($id: ID!, $revision: Int!, $lines: [TargetLineInput!]!) { saveTargetLines(id: $id, revision: $revision, lines: $lines) { ${PLAN} } }`;
const VALIDATE = `mutation($id: ID!, $lines: [TargetLineInput!]!) { validateTargetLines(id: $id, lines: $lines) { rule rowKey periodKey expected found } }`;
const SUBMIT = `mutation($id: ID!, $revision: Int!) { submitTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`;
const APPROVE = `mutation($id: ID!, $revision: Int!) { approveTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`;
const PUBLISH = `mutation($id: ID!, $revision: Int!) { publishTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`;
const RETURN = `mutation($id: ID!, $revision: Int!) { returnTargetPlan(id: $id, revision: $revision, comment: "低于基础指标") { ${PLAN} } }`;
const SET_TOTAL = `mutation($id: ID!, $revision: Int!, $total: String!) { setTargetPlanTotal(id: $id, revision: $revision, total: $total) { ${PLAN} } }`;

type Who = 'manager' | 'director' | 'rep' | 'finance';

describe.each(testProviders)('changing a draft’s year target on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<Who, string>;
  let team: string;
  let stretch: any;
  let baseLines: { ownerId: string; periodKey: string; amount: string }[];

  const ok = async (query: string, vars: Record<string, unknown>, who: Who) => {
    const r = await s.gql(query, vars, t[who]);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return Object.values(r.data)[0] as any;
  };
  const reason = (r: { errors?: { extensions?: unknown }[] }) => (r.errors![0]!.extensions as { reason?: string }).reason;
  const sorted = (xs: { ownerId: string; periodKey: string }[]) => [...xs].sort((a, b) => `${a.ownerId}${a.periodKey}`.localeCompare(`${b.ownerId}${b.periodKey}`));

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['manager', 'director', 'rep', 'finance'] as const) t[u] = await s.login(u);
    team = await repTeam(s);
  });
  afterAll(() => s.close());

  it('a stretch plan below the base approved after it is returned, and its lines cannot make the right figure', async () => {
    let p = await ok(CREATE, { input: { year: 2026, metric: 'SALES_AMOUNT', level: 'STRETCH', scopeUnitId: team, total: '70000.00' } }, 'manager');
    p = await ok(BREAK, { id: p.plan.id, revision: p.plan.revision }, 'manager');
    stretch = await ok(SUBMIT, { id: p.plan.id, revision: p.plan.revision }, 'manager');
    let b = await ok(CREATE, { input: { year: 2026, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: team, total: '100000.03' } }, 'manager');
    b = await ok(BREAK, { id: b.plan.id, revision: b.plan.revision }, 'manager');
    baseLines = b.lines;
    b = await ok(SUBMIT, { id: b.plan.id, revision: b.plan.revision }, 'manager');
    expect((await ok(APPROVE, { id: b.plan.id, revision: b.plan.revision }, 'director')).plan.status).toBe('APPROVED');

    const refused = await s.refused(APPROVE, { id: stretch.plan.id, revision: stretch.plan.revision }, t.director);
    expect((refused.errors![0]!.extensions as any).issues[0].rule).toBe('stretchBelowBase');
    stretch = await ok(RETURN, { id: stretch.plan.id, revision: stretch.plan.revision }, 'director');
    expect(stretch.plan).toMatchObject({ status: 'DRAFT', total: '70000.00', canDraft: true, parentTarget: null });
    const save = await s.refused(SAVE, { id: stretch.plan.id, revision: stretch.plan.revision, lines: baseLines }, t.manager);
    expect((save.errors![0]!.extensions as any).issues[0]).toMatchObject({ rule: 'rowTotal', expected: '70000.00', found: '100000.03' });
  });

  it('refuses a stale revision, a total that is no amount, a negative or blank one, and other roles, changing nothing', async () => {
    const v = { id: stretch.plan.id, revision: stretch.plan.revision };
    expect(codeOf(await s.refused(SET_TOTAL, { ...v, revision: v.revision - 1, total: '100000.03' }, t.manager))).toBe('CONFLICT');
    expect(reason(await s.refused(SET_TOTAL, { ...v, total: 'lots' }, t.manager))).toBe('NOT_A_NUMBER');
    expect(reason(await s.refused(SET_TOTAL, { ...v, total: '1.001' }, t.manager))).toBe('TOO_MANY_DECIMALS');
    expect(reason(await s.refused(SET_TOTAL, { ...v, total: '-1' }, t.manager))).toBe('NEGATIVE');
    expect(reason(await s.refused(SET_TOTAL, { ...v, total: '  ' }, t.manager))).toBe('REQUIRED');
    expect(reason(await s.refused(SET_TOTAL, { ...v, total: '100000.03' }, t.rep))).toBe('ROLE_NOT_ALLOWED');
    expect(reason(await s.refused(SET_TOTAL, { ...v, total: '100000.03' }, t.finance))).toBe('ROLE_NOT_ALLOWED');
    expect(reason(await s.refused(SET_TOTAL, { id: 'no-plan', revision: 1, total: '1' }, t.manager))).toBe('TARGET_PLAN_NOT_FOUND');
  });

  it('the plan’s manager changes the draft’s year target, audited; its lines stay as they were and the usual checks name the difference', async () => {
    const before = stretch.lines;
    const changed = await ok(SET_TOTAL, { id: stretch.plan.id, revision: stretch.plan.revision, total: '100000.03' }, 'manager');
    expect(changed.plan).toMatchObject({ status: 'DRAFT', total: '100000.03', revision: stretch.plan.revision + 1 });
    expect(sorted(changed.lines)).toEqual(sorted(before));
    expect(changed.events.at(-1)).toMatchObject({ action: 'setTotal', actor: 'manager', fromStatus: 'DRAFT', toStatus: 'DRAFT', comment: '70000.00 → 100000.03' });
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'TargetPlan', entityId: stretch.plan.id, action: 'setTotal' } });
    expect(audit.actorName).toBe('manager');
    expect(JSON.parse(audit.before!)).toEqual({ total: '70000.00' });
    expect(JSON.parse(audit.after!)).toEqual({ total: '100000.03' });

    // Not rescaled: the old lines are now short of the year target, and say so.
    const issues = await ok(VALIDATE, { id: stretch.plan.id, lines: before }, 'manager');
    expect(issues).toContainEqual(expect.objectContaining({ rule: 'rowTotal', rowKey: team, expected: '100000.03', found: '70000.00' }));
    expect(reason(await s.refused(SUBMIT, { id: stretch.plan.id, revision: changed.plan.revision }, t.manager))).toBe('PLAN_LINES_INVALID');

    // Lines at the new figure are taken, and the plan goes through.
    let p = await ok(SAVE, { id: stretch.plan.id, revision: changed.plan.revision, lines: baseLines }, 'manager');
    p = await ok(SUBMIT, { id: p.plan.id, revision: p.plan.revision }, 'manager');
    expect((await ok(APPROVE, { id: p.plan.id, revision: p.plan.revision }, 'director')).plan.status).toBe('APPROVED');
    stretch = p;
  });

  it('only while the plan is a draft', async () => {
    const approved = (await ok('query($id: ID!) { targetPlan(id: $id) { plan { id revision status } } }', { id: stretch.plan.id }, 'manager')).plan;
    expect(approved.status).toBe('APPROVED');
    const r = await s.refused(SET_TOTAL, { id: approved.id, revision: approved.revision, total: '1.00' }, t.manager);
    expect(r.errors![0]!.extensions).toMatchObject({ reason: 'PLAN_STATUS', params: { planStatus: 'APPROVED' } });
  });

  it('a plan whose year target the parent’s published plan gives keeps it, and says so', async () => {
    // The area's plan, by its teams, published: the team's plan takes its figure from it.
    const area = (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: team } })).parentId!;
    let a = await ok(CREATE, { input: { year: 2026, metric: 'NEW_CUSTOMERS', level: 'BASE', scopeUnitId: area, total: '120', ownerKind: 'UNIT' } }, 'manager');
    a = await ok(BREAK, { id: a.plan.id, revision: a.plan.revision }, 'manager');
    a = await ok(SUBMIT, { id: a.plan.id, revision: a.plan.revision }, 'manager');
    a = await ok(APPROVE, { id: a.plan.id, revision: a.plan.revision }, 'director');
    await ok(PUBLISH, { id: a.plan.id, revision: a.plan.revision }, 'director');
    const child = await ok(CREATE, { input: { year: 2026, metric: 'NEW_CUSTOMERS', level: 'BASE', scopeUnitId: team } }, 'manager');
    expect(child.plan.parentTarget).not.toBeNull();
    const r = await s.refused(SET_TOTAL, { id: child.plan.id, revision: child.plan.revision, total: '200' }, t.manager);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions).toMatchObject({ reason: 'PLAN_TOTAL_FROM_PARENT', params: { parent: expect.any(String), version: 1, total: child.plan.parentTarget.total } });
  });
});

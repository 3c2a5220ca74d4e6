/**
 * Who drafts and who approves a unit's target plan in the demo organisation
 * (domain §3: "draft → submitted (by the unit's manager) → approved (by the
 * manager above)"), whatever the role names of the people who manage the
 * units: the sales centre's manager (the director) drafts and submits its
 * plan, and the company's manager (the general manager) approves and
 * publishes it; the company's own plan, drafted by the general manager, is
 * decided by a director or an admin as before. Found by an outside check:
 * nobody could approve the centre's plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const PLAN = 'plan { id revision status canApprove canPublish canReturn canDraft } events { action actor toStatus }';
const CREATE = `mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`;
const BREAK = `mutation($id: ID!, $revision: Int!) { breakDownTargetPlan(id: $id, revision: $revision, time: { kind: EQUAL }, owners: { kind: EQUAL }) { ${PLAN} } }`;
const SUBMIT = `mutation($id: ID!, $revision: Int!) { submitTargetPlan(id: $id, revision: $revision, comment: "年度目标") { ${PLAN} } }`;
const APPROVE = `mutation($id: ID!, $revision: Int!) { approveTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`;
const PUBLISH = `mutation($id: ID!, $revision: Int!) { publishTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`;
const LIST = `query($year: Int) { targetPlans(year: $year) { id status canApprove canPublish canReturn canDraft } }`;
const UNITS = '{ targetPlanUnits { id name kind } }';

type Who = 'admin' | 'director' | 'gm' | 'manager' | 'finance';

describe.each(testProviders)('the approval chain of the demo organisation on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<Who, string>;
  let company: { id: string; managerId: string | null };
  let centre: { id: string; managerId: string | null };

  const ok = async (query: string, vars: Record<string, unknown>, who: Who) => {
    const r = await s.gql(query, vars, t[who]);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return Object.values(r.data)[0] as any;
  };
  const listed = async (who: Who, id: string, year: number) => (await ok(LIST, { year }, who)).find((p: any) => p.id === id);

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'director', 'gm', 'manager', 'finance'] as const) t[u] = await s.login(u);
    company = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'COMPANY' } });
    centre = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'SALES_CENTRE' } });
  });
  afterAll(() => s.close());

  it('names the general manager as the company’s manager in the demo seed', async () => {
    const gm = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'gm' } });
    expect(gm.personId).not.toBeNull();
    expect(company.managerId).toBe(gm.personId);
  });

  it('the centre’s manager drafts and submits its plan; the company’s manager approves and publishes it', async () => {
    let p = await ok(CREATE, { input: { year: 2027, metric: 'UNITS', level: 'BASE', scopeUnitId: centre.id, total: '700' } }, 'director');
    expect(p.plan).toMatchObject({ status: 'DRAFT', canDraft: true });
    p = await ok(BREAK, { id: p.plan.id, revision: p.plan.revision }, 'director');
    p = await ok(SUBMIT, { id: p.plan.id, revision: p.plan.revision }, 'director');
    expect(p.plan.status).toBe('SUBMITTED');
    expect(p.events.at(-1)).toMatchObject({ action: 'submit', actor: 'director' });

    // The director manages the centre: not theirs to decide. The general manager manages the company above it.
    expect(await listed('director', p.plan.id, 2027)).toMatchObject({ canApprove: false, canReturn: false, canDraft: true });
    expect(await listed('gm', p.plan.id, 2027)).toMatchObject({ canApprove: true, canReturn: true, canDraft: true });
    expect((await s.refused(APPROVE, { id: p.plan.id, revision: p.plan.revision }, t.director)).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TARGET_OWN_SUBMISSION' });

    const approved = await ok(APPROVE, { id: p.plan.id, revision: p.plan.revision }, 'gm');
    expect(approved.plan).toMatchObject({ status: 'APPROVED', canPublish: true });
    expect(approved.events.at(-1)).toMatchObject({ action: 'approve', actor: 'gm' });
    const published = await ok(PUBLISH, { id: p.plan.id, revision: approved.plan.revision }, 'gm');
    expect(published.plan.status).toBe('PUBLISHED');
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'TargetPlan', entityId: p.plan.id, action: 'approve' } });
    expect(audit.actorName).toBe('gm');
  });

  it('the company’s plan is drafted by the general manager and decided above the company’s manager: by a director or an admin', async () => {
    let p = await ok(CREATE, { input: { year: 2028, metric: 'UNITS', level: 'BASE', scopeUnitId: company.id, total: '900' } }, 'gm');
    p = await ok(BREAK, { id: p.plan.id, revision: p.plan.revision }, 'gm');
    p = await ok(SUBMIT, { id: p.plan.id, revision: p.plan.revision }, 'gm');
    expect(await listed('gm', p.plan.id, 2028)).toMatchObject({ canApprove: false });
    expect((await s.refused(APPROVE, { id: p.plan.id, revision: p.plan.revision }, t.gm)).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_APPROVER' });
    expect(await listed('admin', p.plan.id, 2028)).toMatchObject({ canApprove: true });
    expect(await listed('director', p.plan.id, 2028)).toMatchObject({ canApprove: true });
    expect((await ok(APPROVE, { id: p.plan.id, revision: p.plan.revision }, 'admin')).plan.status).toBe('APPROVED');
  });

  it('the director drafts in the centre’s subtree only; nobody drafts above the units they manage', async () => {
    const refused = await s.refused(CREATE, { input: { year: 2029, metric: 'UNITS', level: 'BASE', scopeUnitId: company.id, total: '1' } }, t.director);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_DRAFTER' });
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    expect((await s.refused(CREATE, { input: { year: 2029, metric: 'UNITS', level: 'BASE', scopeUnitId: area.parentId, total: '1' } }, t.manager)).errors![0]!.extensions).toMatchObject({ reason: 'NOT_DRAFTER' });
    // Finance reads plans and drafts none.
    expect((await s.refused(CREATE, { input: { year: 2029, metric: 'UNITS', level: 'BASE', scopeUnitId: centre.id, total: '1' } }, t.finance)).errors![0]!.extensions).toMatchObject({ reason: 'ROLE_NOT_ALLOWED' });
  });

  it('lists the units each viewer may start a plan for, as the pane offers them', async () => {
    const ids = async (who: Who) => (await ok(UNITS, {}, who)).map((u: any) => u.id);
    const all = (await s.db.prisma.orgUnit.findMany({ select: { id: true } })).map((u) => u.id);
    expect((await ids('gm')).sort()).toEqual([...all].sort());
    expect((await ids('admin')).sort()).toEqual([...all].sort());
    const director = await ids('director');
    expect(director).toContain(centre.id);
    expect(director).not.toContain(company.id);
    expect(director).toHaveLength(all.length - 1);
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const subtree = (await s.db.prisma.orgUnit.findMany({ where: { path: { startsWith: area.path } }, select: { id: true } })).map((u) => u.id);
    expect((await ids('manager')).sort()).toEqual([...subtree].sort());
    expect((await s.gql(UNITS, {}, t.finance)).errors![0]!.extensions).toMatchObject({ reason: 'ROLE_NOT_ALLOWED' });
  });
});

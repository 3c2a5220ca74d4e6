/**
 * Drafts and approvals with the numbers, through the API: a manager saves an
 * unfinished draft and gets it back; submitting is a separate step with a
 * comment; the plan list tells each viewer what they may decide, and nobody
 * decides on their own plan (submitted by them, or for a unit they manage).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const PLAN = `plan { id version revision status total submittedBy submittedAt submitComment canApprove canPublish canReturn }
  periods { key } rows { ownerId isScope } lines { ownerId periodKey amount } events { action actor toStatus comment }`;
const CREATE = `mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`;
const DRAFT = `mutation($id: ID!, $revision: Int!, $lines: [TargetLineInput!]!) { saveTargetPlanDraft(id: $id, revision: $revision, lines: $lines) { ${PLAN} } }`;
const BREAK = `mutation($id: ID!, $revision: Int!) { breakDownTargetPlan(id: $id, revision: $revision, time: { kind: EQUAL }, owners: { kind: EQUAL }) { ${PLAN} } }`;
const VIEW = `query($id: ID!) { targetPlan(id: $id) { ${PLAN} } }`;
const LIST = `query($year: Int) { targetPlans(year: $year) { id scopeUnitName status total submittedBy submitComment canApprove canPublish canReturn parentTarget { total } } }`;
const SUBMIT = `mutation($id: ID!, $revision: Int!, $comment: String) { submitTargetPlan(id: $id, revision: $revision, comment: $comment) { ${PLAN} } }`;
const APPROVE = `mutation($id: ID!, $revision: Int!) { approveTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`;
const PUBLISH = `mutation($id: ID!, $revision: Int!) { publishTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`;
const RETURN = `mutation($id: ID!, $revision: Int!) { returnTargetPlan(id: $id, revision: $revision, comment: "no") { ${PLAN} } }`;

describe.each(testProviders)('target drafts and approvals on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'director' | 'manager' | 'rep' | 'finance', string>;
  let area: { id: string; name: string };
  let team: { id: string };
  let centre: { id: string };

  beforeAll(async () => {
    s = await startTestServer(provider, { people: 40 });
    for (const u of ['admin', 'director', 'manager', 'rep', 'finance'] as const) t[u] = await s.login(u);
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    team = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: area.id }, orderBy: { code: 'asc' } });
    centre = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'SALES_CENTRE' } });
  });
  afterAll(() => s.close());

  let plan: any;
  let draftLines: { ownerId: string; periodKey: string; amount: string }[];

  it('saves an unfinished draft: the cells typed are stored, blanks left out, the plan stays a draft; pulling gives them back', async () => {
    const c = await s.gql(CREATE, { input: { year: 2026, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: team.id, total: '1200.00' } }, t.manager);
    expect(c.errors).toBeUndefined();
    plan = c.data.createTargetPlan;
    const person = plan.rows.find((r: any) => !r.isScope).ownerId;
    // Only January and February for one person, and the scope's January; the sums are far off.
    draftLines = [
      { ownerId: team.id, periodKey: '2026-01', amount: '100' },
      { ownerId: person, periodKey: '2026-01', amount: '12.5' },
      { ownerId: person, periodKey: '2026-02', amount: '' },
      { ownerId: person, periodKey: '2026-03', amount: '7.25' },
    ];
    const r = await s.gql(DRAFT, { id: plan.plan.id, revision: plan.plan.revision, lines: draftLines }, t.manager);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const saved = r.data.saveTargetPlanDraft;
    expect(saved.plan).toMatchObject({ status: 'DRAFT', revision: plan.plan.revision + 1, submittedBy: null });
    expect(saved.events.at(-1)).toMatchObject({ action: 'saveDraft', actor: 'manager', toStatus: 'DRAFT' });
    const back = (await s.gql(VIEW, { id: plan.plan.id }, t.manager)).data.targetPlan;
    const sorted = (xs: any[]) => [...xs].sort((a, b) => `${a.ownerId}${a.periodKey}`.localeCompare(`${b.ownerId}${b.periodKey}`));
    expect(sorted(back.lines)).toEqual(
      sorted([
        { ownerId: team.id, periodKey: '2026-01', amount: '100.00' },
        { ownerId: person, periodKey: '2026-01', amount: '12.50' },
        { ownerId: person, periodKey: '2026-03', amount: '7.25' },
      ]),
    );
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'TargetPlan', entityId: plan.plan.id, action: 'saveDraft' } });
    expect(audit.actorName).toBe('manager');
    plan = saved;
  });

  it('refuses a draft with unreadable cells, a stale revision, another role or a plan not in draft, changing nothing', async () => {
    const person = plan.rows.find((r: any) => !r.isScope).ownerId;
    const bad = await s.refused(DRAFT, { id: plan.plan.id, revision: plan.plan.revision, lines: [...draftLines.slice(0, 1), { ownerId: person, periodKey: '2026-01', amount: 'lots' }, { ownerId: person, periodKey: '2026-02', amount: '-1' }] }, t.manager);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const ext = bad.errors![0]!.extensions as any;
    expect(ext.reason).toBe('TARGET_DRAFT_CELLS');
    expect(ext.params).toEqual({ count: 2 });
    expect(ext.issues.map((i: any) => [i.rule, i.periodKey])).toEqual([
      ['notANumber', '2026-01'],
      ['negative', '2026-02'],
    ]);
    const stranger = await s.refused(DRAFT, { id: plan.plan.id, revision: plan.plan.revision, lines: [{ ownerId: 'nobody', periodKey: '2026-01', amount: '1' }] }, t.manager);
    expect((stranger.errors![0]!.extensions as any).issues[0]).toMatchObject({ rule: 'unexpectedOwner', params: { owner: 'nobody' } });
    // Someone who was in the team, but moved out before the plan's year, is named as the plan's own people are, not by id.
    const mover = await s.db.prisma.person.create({ data: { employeeNo: 'MOVED-1', name: '谢梓刚', position: 'SALES_REP', hireDate: new Date('2024-01-01'), status: 'ACTIVE', employmentType: 'FULL_TIME', baseSalaryFen: 300000n } });
    await s.db.prisma.assignment.create({ data: { personId: mover.id, unitId: team.id, position: 'SALES_REP', validFrom: new Date('2024-01-01'), validTo: new Date('2025-06-01') } });
    await s.db.prisma.assignment.create({ data: { personId: mover.id, unitId: centre.id, position: 'SALES_REP', validFrom: new Date('2025-06-01') } });
    const moved = await s.refused(DRAFT, { id: plan.plan.id, revision: plan.plan.revision, lines: [{ ownerId: mover.id, periodKey: '2026-01', amount: '1' }] }, t.manager);
    expect((moved.errors![0]!.extensions as any).issues[0]).toMatchObject({ rule: 'unexpectedOwner', params: { owner: '谢梓刚 (MOVED-1)' } });
    const VALIDATE = `mutation($id: ID!, $lines: [TargetLineInput!]!) { validateTargetLines(id: $id, lines: $lines) { rule params { name value } } }`;
    const validated = (await s.gql(VALIDATE, { id: plan.plan.id, lines: [...draftLines, { ownerId: mover.id, periodKey: '2026-01', amount: '1' }] }, t.manager)).data.validateTargetLines;
    expect(validated.find((i: any) => i.rule === 'unexpectedOwner').params).toContainEqual({ name: 'owner', value: '谢梓刚 (MOVED-1)' });
    const period = await s.refused(DRAFT, { id: plan.plan.id, revision: plan.plan.revision, lines: [{ ownerId: person, periodKey: '2031-01', amount: '1' }] }, t.manager);
    expect((period.errors![0]!.extensions as any).issues[0].rule).toBe('unknownPeriod');
    expect(codeOf(await s.refused(DRAFT, { id: plan.plan.id, revision: plan.plan.revision - 1, lines: draftLines }, t.manager))).toBe('CONFLICT');
    // Finance reads plans and drafts none (the director, who manages the centre above the team, drafts in its subtree).
    expect(codeOf(await s.refused(DRAFT, { id: plan.plan.id, revision: plan.plan.revision, lines: draftLines }, t.finance))).toBe('FORBIDDEN');
    expect(codeOf(await s.refused(DRAFT, { id: plan.plan.id, revision: plan.plan.revision, lines: draftLines }, t.rep))).toBe('FORBIDDEN');
  });

  it('submitting is a separate step with a comment; the approver sees who, when, the comment and may approve; the submitter may not', async () => {
    const b = await s.gql(BREAK, { id: plan.plan.id, revision: plan.plan.revision }, t.manager);
    expect(b.errors).toBeUndefined();
    // A complete draft (every cell) can be submitted as it is.
    const full = b.data.breakDownTargetPlan;
    const again = (await s.gql(DRAFT, { id: plan.plan.id, revision: full.plan.revision, lines: full.lines }, t.manager)).data.saveTargetPlanDraft;
    expect(again.plan.status).toBe('DRAFT');
    const sub = await s.gql(SUBMIT, { id: plan.plan.id, revision: again.plan.revision, comment: '按人数平均' }, t.manager);
    expect(sub.errors).toBeUndefined();
    plan = sub.data.submitTargetPlan;
    expect(plan.plan).toMatchObject({ status: 'SUBMITTED', submittedBy: 'manager', submitComment: '按人数平均' });
    expect(Date.parse(plan.plan.submittedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(codeOf(await s.refused(DRAFT, { id: plan.plan.id, revision: plan.plan.revision, lines: draftLines }, t.manager))).toBe('BAD_USER_INPUT');

    const seen = async (who: keyof typeof t) => (await s.gql(LIST, { year: 2026 }, t[who])).data.targetPlans.find((p: any) => p.id === plan.plan.id);
    expect(await seen('director')).toMatchObject({ total: '1200.00', submittedBy: 'manager', submitComment: '按人数平均', canApprove: true, canPublish: false, canReturn: true });
    expect(await seen('manager')).toMatchObject({ canApprove: false, canPublish: false, canReturn: false });
    expect(codeOf(await s.refused(APPROVE, { id: plan.plan.id, revision: plan.plan.revision }, t.manager))).toBe('FORBIDDEN');
    // A draft is nobody's to decide.
    const drafts = (await s.gql(LIST, { year: 2026 }, t.director)).data.targetPlans.filter((p: any) => p.status === 'DRAFT');
    expect(drafts.every((p: any) => !p.canApprove && !p.canPublish && !p.canReturn)).toBe(true);

    const approved = (await s.gql(APPROVE, { id: plan.plan.id, revision: plan.plan.revision }, t.director)).data.approveTargetPlan;
    expect(approved.plan).toMatchObject({ status: 'APPROVED', canApprove: false, canPublish: true });
    const published = await s.gql(PUBLISH, { id: plan.plan.id, revision: approved.plan.revision }, t.director);
    expect(published.data.publishTargetPlan.plan.status).toBe('PUBLISHED');
  });

  it('the plan of a unit the viewer manages is not theirs to decide, even for a director; refusals change nothing', async () => {
    const c = await s.gql(CREATE, { input: { year: 2027, metric: 'UNITS', level: 'BASE', scopeUnitId: centre.id, total: '700' } }, t.admin);
    expect(c.errors).toBeUndefined();
    let p = (await s.gql(BREAK, { id: c.data.createTargetPlan.plan.id, revision: 1 }, t.admin)).data.breakDownTargetPlan;
    p = (await s.gql(SUBMIT, { id: p.plan.id, revision: p.plan.revision, comment: null }, t.admin)).data.submitTargetPlan;
    const list = async (who: keyof typeof t) => (await s.gql(LIST, { year: 2027 }, t[who])).data.targetPlans.find((x: any) => x.id === p.plan.id);
    // The director manages the sales centre; the admin submitted it.
    expect(await list('director')).toMatchObject({ canApprove: false, canReturn: false });
    expect(await list('admin')).toMatchObject({ canApprove: false, canReturn: false });
    const own = await s.refused(APPROVE, { id: p.plan.id, revision: p.plan.revision }, t.director);
    expect(codeOf(own)).toBe('FORBIDDEN');
    expect(own.errors![0]!.extensions).toMatchObject({ reason: 'TARGET_OWN_UNIT', params: { unit: expect.any(String) } });
    expect((await s.refused(RETURN, { id: p.plan.id, revision: p.plan.revision }, t.admin)).errors![0]!.extensions).toMatchObject({ reason: 'TARGET_OWN_SUBMISSION' });
  });
});

/**
 * KPI scorecards through the API (issue 10 §4): the default indicator sets,
 * an admin's edit, a demo rep's month with computed indicators from sales and
 * a published target, manager scores, submit → return → approve, the exact
 * total and grade, the rep's own view and the promotion proposal; every bad
 * input refused with its registered reason and nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const CARD = `id personId periodKey status revision total totalExact grade canScore canApprove setName
  lines { code name group weight computed value actual basis score comment points maxScore } events { action actor comment toStatus }`;
const OPEN = `mutation($p: ID!, $k: String!) { openScorecard(personId: $p, periodKey: $k) { ${CARD} } }`;
const SCORE = `mutation($id: ID!, $r: Int!, $s: [ScoreInput!]!) { saveScorecardScores(id: $id, revision: $r, scores: $s) { ${CARD} } }`;
const SUBMIT = `mutation($id: ID!, $r: Int!) { submitScorecard(id: $id, revision: $r) { ${CARD} } }`;
const APPROVE = `mutation($id: ID!, $r: Int!) { approveScorecard(id: $id, revision: $r) { ${CARD} } }`;
const RETURN = `mutation($id: ID!, $r: Int!, $c: String!) { returnScorecard(id: $id, revision: $r, comment: $c) { ${CARD} } }`;
const SETS = '{ kpiIndicatorSets { id role name version commentBelowPercent gradeBands { grade min inclusive } indicators { code name group weight computed computation fullMarksAt maxScore } } }';
const SAVE_SET = 'mutation($role: KpiRole!, $v: Int!, $input: KpiIndicatorSetInput!) { saveKpiIndicatorSet(role: $role, version: $v, input: $input) { id version name indicators { code weight } } }';

type Ext = { code?: string; reason?: string; params?: Record<string, unknown>; field?: string; issues?: { reason: string; params: Record<string, unknown>; field: string }[] };
const ext = (r: GqlResult) => (r.errors?.[0]?.extensions ?? {}) as Ext;

/** The manager's scores for the rep set's manager-scored indicators (max 10 each). */
const GOOD_SCORES = [
  { code: 'planQuality', score: '8' },
  { code: 'logsAndReports', score: '9' },
  { code: 'fieldWork', score: '7' },
  { code: 'discipline', score: '10' },
  { code: 'attitude', score: '8' },
  { code: 'teamwork', score: '5', comment: '与同事配合不足，需改进' },
];

describe.each(testProviders)('KPI scorecards on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'director' | 'manager' | 'rep', string>;
  let rep: { id: string; employeeNo: string };
  let lead: { id: string };
  let mgrPerson: { id: string };
  let joiner: { id: string; name: string };
  let outsider: { id: string };
  let financePerson: { id: string };

  beforeAll(async () => {
    s = await startTestServer(provider, { people: 40 });
    for (const u of ['admin', 'finance', 'director', 'manager', 'rep'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const repUser = await p.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } });
    rep = repUser.person!;
    expect(repUser.person!.hireDate.toISOString() < '2026-01-01').toBe(true);
    const team = await p.orgUnit.findFirstOrThrow({ where: { assignments: { some: { personId: rep.id } } } });
    lead = { id: team.managerId! };
    mgrPerson = { id: (await p.user.findUniqueOrThrow({ where: { username: 'manager' } })).personId! };
    const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgrPerson.id } });
    joiner = await p.person.findFirstOrThrow({ where: { hireDate: { gt: new Date('2026-03-31') }, assignments: { some: { unit: { path: { startsWith: area.path } } } } } });
    outsider = await p.person.findFirstOrThrow({ where: { position: 'SALES_REP', status: 'ACTIVE', assignments: { some: { validTo: null, unit: { NOT: { path: { startsWith: area.path } } } } } } });
    financePerson = { id: (await p.user.findUniqueOrThrow({ where: { username: 'finance' } })).personId! };

    // Sales through the API: March 18,750.00 (collected 15,000.00, two new customers), one sale in February and one in April.
    const sale = (externalId: string, date: string, amount: string, collected: string, newCustomer: boolean) => ({ externalId, employeeNo: rep.employeeNo, date, amount, collected, newCustomer });
    const imported = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [
        sale('KPI-1', '2026-03-05', '6000.00', '6000.00', true),
        sale('KPI-2', '2026-03-12', '4000.00', '4000.00', true),
        sale('KPI-3', '2026-03-31', '8750.00', '5000.00', false),
        sale('KPI-4', '2026-02-27', '1000.00', '1000.00', false),
        sale('KPI-5', '2026-04-01', '500.00', '0.00', false),
      ],
    }, t.finance);
    expect(imported.errors).toBeUndefined();

    // Published base targets (fixture): 20,000.00 a month for the rep in the newest version (the first said 18,000.00), 100,000.00 for the team in March.
    const plan = (version: number, perMonth: bigint) =>
      p.targetPlan.create({
        data: {
          year: 2026,
          metric: 'SALES_AMOUNT',
          level: 'BASE',
          scopeUnitId: team.id,
          version,
          status: 'PUBLISHED',
          periodLevel: 'month',
          ownerKind: 'PERSON',
          total: 0n,
          lines: {
            create: [
              ...['2026-01', '2026-02', '2026-03'].map((periodKey) => ({ ownerKind: 'PERSON' as const, ownerId: rep.id, periodKey, amount: perMonth })),
              { ownerKind: 'UNIT' as const, ownerId: team.id, periodKey: '2026-03', amount: 10_000_000n },
            ],
          },
        },
      });
    await plan(1, 1_800_000n);
    await plan(2, 2_000_000n);
  });
  afterAll(() => s.close());

  it('seeds a rep set and a manager set whose weights sum to 100 %: sales 60 % for reps, 20 % for managers', async () => {
    const r = await s.gql(SETS, {}, t.rep);
    expect(r.errors).toBeUndefined();
    const sets = r.data.kpiIndicatorSets as any[];
    expect(sets.map((x) => x.role)).toEqual(['REP', 'MANAGER']);
    const pct = (xs: any[]) => xs.reduce((n, i) => n + Number(i.weight) * 100, 0) / 100;
    for (const set of sets) {
      expect(pct(set.indicators)).toBe(100);
      expect(new Set(set.indicators.map((i: any) => i.group))).toEqual(new Set(['SALES', 'PLANNING', 'PROCESS', 'ADMIN', 'ATTITUDE']));
      expect(set.gradeBands).toEqual([
        { grade: 'EXCELLENT', min: '90', inclusive: true },
        { grade: 'GOOD', min: '80', inclusive: true },
        { grade: 'PASS', min: '60', inclusive: true },
      ]);
      expect(set.commentBelowPercent).toBe(60);
    }
    expect(pct(sets[0].indicators.filter((i: any) => i.group === 'SALES'))).toBe(60);
    expect(pct(sets[1].indicators.filter((i: any) => i.group === 'SALES'))).toBe(20);
    expect(sets[0].indicators.filter((i: any) => i.computed).map((i: any) => i.computation)).toEqual(['SALES_ACHIEVEMENT', 'COLLECTION_RATE', 'NEW_CUSTOMERS']);
    expect(sets[0].indicators.find((i: any) => i.code === 'attitude')).toMatchObject({ name: '工作态度', computed: false, maxScore: 10, fullMarksAt: null });
  });

  it('an admin edits a set: weights not summing to 100 % are refused with the sum, a stale version with CONFLICT, nothing changed; a good edit is audited', async () => {
    const set = (await s.gql(SETS, {}, t.admin)).data.kpiIndicatorSets[0];
    const input = {
      name: set.name,
      commentBelowPercent: set.commentBelowPercent,
      gradeBands: set.gradeBands,
      indicators: set.indicators.map((i: any) => ({ code: i.code, name: i.name, group: i.group, weight: i.weight, computation: i.computation, fullMarksAt: i.fullMarksAt, maxScore: i.maxScore })),
    };
    const off = structuredClone(input);
    off.indicators[0].weight = '40';
    const r = await s.refused(SAVE_SET, { role: 'REP', v: set.version, input: off }, t.admin);
    expect(ext(r)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'KPI_WEIGHTS_NOT_100', params: { sum: '95' }, field: 'input.indicators' });
    const bad = structuredClone(input);
    bad.indicators[3].weight = '10.555';
    bad.indicators[4].maxScore = 0;
    const r2 = await s.refused(SAVE_SET, { role: 'REP', v: set.version, input: bad }, t.admin);
    expect(ext(r2).issues).toEqual([
      { reason: 'KPI_WEIGHT_INVALID', params: { indicator: '月度工作计划质量', value: '10.555' }, field: 'input.indicators.3.weight' },
      { reason: 'KPI_MAX_SCORE_INVALID', params: { indicator: '工作日志与周报按时提交' }, field: 'input.indicators.4.maxScore' },
    ]);
    expect(codeOf(await s.refused(SAVE_SET, { role: 'REP', v: set.version + 1, input }, t.admin))).toBe('CONFLICT');
    const ok = await s.gql(SAVE_SET, { role: 'REP', v: set.version, input: { ...input, name: '销售代表考核（2026版）' } }, t.admin);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.saveKpiIndicatorSet).toMatchObject({ version: set.version + 1, name: '销售代表考核（2026版）' });
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'KpiIndicatorSet', entityId: set.id } });
    expect(audit.map((a) => a.action)).toEqual(['update']);
    expect(JSON.parse(audit[0]!.before!).name).toBe(set.name);
  });

  let card: any;

  it('opens a demo rep’s March scorecard with achievement, collection rate and new customers filled in from data', async () => {
    const r = await s.gql(OPEN, { p: rep.id, k: '2026-03' }, t.manager);
    expect(r.errors).toBeUndefined();
    card = r.data.openScorecard;
    expect(card).toMatchObject({ periodKey: '2026-03', status: 'DRAFT', total: null, grade: null, canScore: true, canApprove: false, setName: '销售代表考核（2026版）' });
    const line = (code: string) => card.lines.find((l: any) => l.code === code);
    // 18,750.00 of the newest published target 20,000.00 = 93.75 % → 45 × 15/16 = 42.1875.
    expect(line('salesAchievement')).toMatchObject({ computed: true, actual: '18750.00', basis: '20000.00', value: '93.75', points: '42.19' });
    // Collections 15,000.00 of 18,750.00 = 80 % → 10 × 0.8.
    expect(line('collectionRate')).toMatchObject({ actual: '15000.00', basis: '18750.00', value: '80.00', points: '8.00' });
    // Two new customers of three a month → 5 × 2/3.
    expect(line('newCustomers')).toMatchObject({ actual: '2', basis: null, value: '2', points: '3.33' });
    expect(line('attitude')).toMatchObject({ computed: false, score: null, points: null, maxScore: 10 });
    // Opening again returns the same scorecard and changes nothing.
    const again = await s.gql(OPEN, { p: rep.id, k: '2026-03' }, t.manager);
    expect(again.data.openScorecard).toMatchObject({ id: card.id, revision: card.revision });
  });

  it('refuses bad scores — out of range, not whole, no comment below the threshold, a computed indicator — naming the indicator, changing nothing', async () => {
    const bad = async (scores: unknown[]) => ext(await s.refused(SCORE, { id: card.id, r: card.revision, s: scores }, t.manager));
    expect(await bad([{ code: 'attitude', score: '11' }])).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'KPI_SCORE_OUT_OF_RANGE',
      params: { indicator: '工作态度', value: '11', max: 10 },
      field: 'scores.0.score',
    });
    expect(await bad([{ code: 'planQuality', score: '8' }, { code: 'attitude', score: '7.5' }])).toMatchObject({ reason: 'KPI_SCORE_NOT_WHOLE', params: { indicator: '工作态度', value: '7.5' }, field: 'scores.1.score' });
    expect(await bad([{ code: 'teamwork', score: '5' }])).toMatchObject({ reason: 'KPI_COMMENT_REQUIRED', params: { indicator: '团队协作', threshold: '6' }, field: 'scores.0.comment' });
    expect(await bad([{ code: 'salesAchievement', score: '40' }])).toMatchObject({ reason: 'KPI_COMPUTED_INDICATOR', params: { indicator: '销售额目标达成率' } });
    expect(await bad([{ code: 'attitude', score: '-1' }])).toMatchObject({ reason: 'KPI_SCORE_OUT_OF_RANGE', params: { value: '-1', max: 10 } });
    // Incomplete: it cannot be submitted yet.
    const incomplete = await s.refused(SUBMIT, { id: card.id, r: card.revision }, t.manager);
    expect(ext(incomplete)).toMatchObject({ reason: 'KPI_SCORE_MISSING', params: { indicator: '月度工作计划质量' } });
    expect(ext(incomplete).issues).toHaveLength(6);
  });

  it('refuses scoring someone outside your subtree, and your own scorecard', async () => {
    expect(ext(await s.refused(OPEN, { p: outsider.id, k: '2026-03' }, t.manager))).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_YOUR_UNITS' });
    expect(ext(await s.refused(OPEN, { p: mgrPerson.id, k: '2026-03' }, t.manager))).toMatchObject({ code: 'FORBIDDEN', reason: 'KPI_OWN_SCORECARD' });
    // The director opens the outsider's scorecard; the manager may neither score nor submit it.
    const other = (await s.gql(OPEN, { p: outsider.id, k: '2026-03' }, t.director)).data.openScorecard;
    expect(ext(await s.refused(SUBMIT, { id: other.id, r: other.revision }, t.manager))).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_YOUR_UNITS' });
    expect(ext(await s.refused(SCORE, { id: other.id, r: other.revision, s: [{ code: 'attitude', score: '9' }] }, t.manager))).toMatchObject({ reason: 'OUTSIDE_YOUR_UNITS' });
    expect(codeOf(await s.gql(`{ scorecard(id: "${other.id}") { id } }`, {}, t.manager))).toBe('NOT_FOUND');
  });

  it('refuses a period that is not a month or quarter, a person not employed in it, a position without a set', async () => {
    for (const k of ['2026-13', '2026-W11', '2026'])
      expect(ext(await s.refused(OPEN, { p: rep.id, k }, t.manager))).toMatchObject({ reason: 'KPI_NOT_A_SCORING_PERIOD', params: { value: k }, field: 'periodKey' });
    expect(ext(await s.refused(OPEN, { p: joiner.id, k: '2026-03' }, t.manager))).toMatchObject({ reason: 'KPI_NOT_EMPLOYED', params: { name: joiner.name, period: '2026-03' } });
    expect(ext(await s.refused(OPEN, { p: financePerson.id, k: '2026-03' }, t.director))).toMatchObject({ reason: 'KPI_NO_SET', params: { position: 'FINANCE' } });
    // Nothing dated in a locked period changes.
    expect((await s.gql('mutation { lockPeriod(periodKey: "2026-05", reason: "月结") { periodKey } }', {}, t.admin)).errors).toBeUndefined();
    expect(ext(await s.refused(OPEN, { p: rep.id, k: '2026-05' }, t.manager))).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2026-05' } });
    expect(ext(await s.refused(OPEN, { p: rep.id, k: '2026-Q2' }, t.manager))).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2026-05' } });
  });

  it('scores, submits, returns with a comment, approves: an exact total 85.02 and grade GOOD; never approving your own', async () => {
    const saved = await s.gql(SCORE, { id: card.id, r: card.revision, s: GOOD_SCORES }, t.manager);
    expect(saved.errors).toBeUndefined();
    card = saved.data.saveScorecardScores;
    // 42.1875 + 8 + 10/3 + (8 + 4.5 + 3.5 + 5 + 8 + 2.5) = 4081/48 = 85.0208…
    expect(card).toMatchObject({ total: '85.02', totalExact: '4081/48', grade: 'GOOD', status: 'DRAFT' });
    expect(card.lines.find((l: any) => l.code === 'teamwork')).toMatchObject({ score: 5, comment: '与同事配合不足，需改进', points: '2.50' });
    expect(codeOf(await s.refused(SCORE, { id: card.id, r: card.revision - 1, s: GOOD_SCORES }, t.manager))).toBe('CONFLICT');

    card = (await s.gql(SUBMIT, { id: card.id, r: card.revision }, t.manager)).data.submitScorecard;
    expect(card).toMatchObject({ status: 'SUBMITTED', grade: 'GOOD', canScore: false, canApprove: false });
    expect(ext(await s.refused(APPROVE, { id: card.id, r: card.revision }, t.manager))).toMatchObject({ code: 'FORBIDDEN', reason: 'KPI_OWN_SUBMISSION' });
    expect(ext(await s.refused(SCORE, { id: card.id, r: card.revision, s: GOOD_SCORES }, t.manager))).toMatchObject({ reason: 'SCORECARD_STATUS', params: { scorecardStatus: 'SUBMITTED' } });
    expect(ext(await s.refused(RETURN, { id: card.id, r: card.revision, c: '  ' }, t.director))).toMatchObject({ reason: 'COMMENT_REQUIRED' });

    const seen = (await s.gql(`{ scorecard(id: "${card.id}") { canApprove } }`, {}, t.director)).data.scorecard;
    expect(seen.canApprove).toBe(true);
    card = (await s.gql(RETURN, { id: card.id, r: card.revision, c: '拜访记录不全，请补充后再提交' }, t.director)).data.returnScorecard;
    expect(card).toMatchObject({ status: 'DRAFT' });
    expect(card.events.at(-1)).toMatchObject({ action: 'return', actor: 'director', comment: '拜访记录不全，请补充后再提交', toStatus: 'DRAFT' });
    // Back with its manager: the director who returned it neither scores nor submits it (nobody above could decide their submission).
    expect((await s.gql(`{ scorecard(id: "${card.id}") { canScore } }`, {}, t.director)).data.scorecard.canScore).toBe(false);
    expect(ext(await s.refused(SUBMIT, { id: card.id, r: card.revision }, t.director))).toMatchObject({ code: 'FORBIDDEN', reason: 'KPI_RETURNED_BY_YOU' });
    expect(ext(await s.refused(SCORE, { id: card.id, r: card.revision, s: GOOD_SCORES }, t.director))).toMatchObject({ reason: 'KPI_RETURNED_BY_YOU' });
    expect((await s.gql(`{ scorecard(id: "${card.id}") { canScore status } }`, {}, t.manager)).data.scorecard).toEqual({ canScore: true, status: 'DRAFT' });

    card = (await s.gql(SUBMIT, { id: card.id, r: card.revision }, t.manager)).data.submitScorecard;
    const approved = await s.gql(APPROVE, { id: card.id, r: card.revision }, t.director);
    expect(approved.errors).toBeUndefined();
    card = approved.data.approveScorecard;
    expect(card).toMatchObject({ status: 'APPROVED', total: '85.02', grade: 'GOOD' });
    expect(card.events.map((e: any) => e.action)).toEqual(['open', 'score', 'submit', 'return', 'submit', 'approve']);
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'Scorecard', entityId: card.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action).sort()).toEqual(['approve', 'open', 'return', 'score', 'submit', 'submit']);
    // The trail records the total as the API shows it (85.02), not the stored exact fraction; so does every entry that carries one.
    const trail = (await s.gql('query($id: ID!) { auditTrail(entityType: "Scorecard", entityId: $id) { action after } }', { id: card.id }, t.director)).data.auditTrail as { action: string; after: string }[];
    expect(JSON.parse(trail.find((e) => e.action === 'approve')!.after)).toMatchObject({ status: 'APPROVED', total: '85.02', grade: 'GOOD' });
    for (const e of trail) {
      const total = (JSON.parse(e.after) as { total?: string | null }).total;
      if (total != null) expect(total, e.action).toMatch(/^\d+\.\d{2}$/);
    }
    expect(ext(await s.refused(APPROVE, { id: card.id, r: card.revision }, t.director))).toMatchObject({ reason: 'SCORECARD_STATUS', params: { scorecardStatus: 'APPROVED' } });
  });

  it('shows the grade on the rep’s own view and beside their promotion proposal', async () => {
    const mine = await s.gql('{ myScorecards { periodKey total grade status lines { code score } } }', {}, t.rep);
    expect(mine.data.myScorecards).toEqual([expect.objectContaining({ periodKey: '2026-03', total: '85.02', grade: 'GOOD', status: 'APPROVED' })]);
    expect((await s.gql('{ myScorecards { id } }', {}, t.manager)).data.myScorecards).toEqual([]);
    // 18,750.00 in March lifts the SR rep to SE; the proposal shows the grade, the ladder is unchanged.
    const proposals = (await s.gql('{ promotionProposals(month: "2026-03") { personId from to latestGrade latestGradePeriod } }', {}, t.manager)).data.promotionProposals;
    expect(proposals.find((x: any) => x.personId === rep.id)).toEqual({ personId: rep.id, from: 'SR', to: 'SE', latestGrade: 'GOOD', latestGradePeriod: '2026-03' });
    const february = (await s.gql('{ promotionProposals(month: "2026-02") { personId } }', {}, t.manager)).data.promotionProposals;
    expect(february.find((x: any) => x.personId === rep.id)).toBeUndefined();
  });

  it('a quarter counts its three months; a team lead’s sales indicator is the team’s achievement', async () => {
    const q = (await s.gql(OPEN, { p: rep.id, k: '2026-Q1' }, t.manager)).data.openScorecard;
    const line = (c: any, code: string) => c.lines.find((l: any) => l.code === code);
    // 19,750.00 of 3 × 20,000.00.
    expect(line(q, 'salesAchievement')).toMatchObject({ actual: '19750.00', basis: '60000.00', value: '32.92' });
    // Two new customers of 3 a month × 3 months → 5 × 2/9.
    expect(line(q, 'newCustomers')).toMatchObject({ value: '2', points: '1.11' });
    const teamCard = (await s.gql(OPEN, { p: lead.id, k: '2026-03' }, t.manager)).data.openScorecard;
    // The team sold 18,750.00 of its 100,000.00 → 20 × 0.1875.
    expect(line(teamCard, 'teamSalesAchievement')).toMatchObject({ actual: '18750.00', basis: '100000.00', value: '18.75', points: '3.75' });
  });

  it('reads the same target as the results screens: the newest published version only, never an older one that still has the line', async () => {
    // Version 3 of the team's plan gives the rep no February line (January and March only).
    await s.db.prisma.targetPlan.create({
      data: {
        year: 2026, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { assignments: { some: { personId: rep.id } } } })).id,
        version: 3, status: 'PUBLISHED', periodLevel: 'month', ownerKind: 'PERSON', total: 0n,
        lines: { create: ['2026-01', '2026-03'].map((periodKey) => ({ ownerKind: 'PERSON' as const, ownerId: rep.id, periodKey, amount: 2_100_000n })) },
      },
    });
    const ach = `query($p: String!, $id: ID!) { achievement(period: $p, grain: MONTH, metric: SALES_AMOUNT, personId: $id) { rows { cells { periodKey actual base } } } }`;
    const line = (c: any) => c.lines.find((l: any) => l.code === 'salesAchievement');
    for (const [month, base] of [['2026-01', '21000.00'], ['2026-02', null]] as const) {
      const card = (await s.gql(OPEN, { p: rep.id, k: month }, t.manager)).data.openScorecard;
      const results = await s.gql(ach, { p: month, id: rep.id }, t.manager);
      expect(results.errors).toBeUndefined();
      const cell = results.data.achievement.rows[0].cells[0];
      expect(cell.base).toBe(base);
      // February: version 2 had 20,000.00 for the rep, but version 3 is the plan now: no target, no achievement.
      expect(line(card)).toMatchObject({ actual: cell.actual, basis: base });
    }
  });
  it('a draft opened again shows the figures as they are now: a sale imported since fills its computed indicators in again, audited', async () => {
    const line = (c: any, code: string) => c.lines.find((l: any) => l.code === code);
    const first = (await s.gql(OPEN, { p: rep.id, k: '2026-04' }, t.manager)).data.openScorecard;
    // April: 500.00 sold, collected 0.00, no new customer.
    expect(line(first, 'newCustomers')).toMatchObject({ actual: '0' });
    expect(line(first, 'collectionRate')).toMatchObject({ actual: '0.00', basis: '500.00' });
    const imported = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [{ externalId: 'KPI-6', employeeNo: rep.employeeNo, date: '2026-04-20', amount: '1500.00', collected: '1000.00', newCustomer: true }],
    }, t.finance);
    expect(imported.errors).toBeUndefined();
    const again = (await s.gql(OPEN, { p: rep.id, k: '2026-04' }, t.manager)).data.openScorecard;
    expect(again.id).toBe(first.id);
    // 1,000.00 collected of 2,000.00 sold; one new customer of three a month → 5 × 1/3.
    expect(line(again, 'newCustomers')).toMatchObject({ actual: '1', points: '1.67' });
    expect(line(again, 'collectionRate')).toMatchObject({ actual: '1000.00', basis: '2000.00', value: '50.00' });
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'Scorecard', entityId: first.id, action: 'refresh' } });
    expect(audit).toHaveLength(1);
    // Nothing moved since: opening once more records nothing.
    await s.gql(OPEN, { p: rep.id, k: '2026-04' }, t.manager);
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'Scorecard', entityId: first.id, action: 'refresh' } })).toBe(1);
  });
});

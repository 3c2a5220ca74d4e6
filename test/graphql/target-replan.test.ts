/**
 * A re-plan after months were closed (brief §2, §3): a breakdown that would
 * touch a locked month is refused unless the manager asks to keep the
 * locked months; then every line in them keeps its figure and the method
 * spreads the rest of the year over the open months, exact to the fen.
 * Locked figures it cannot keep (above the year, above an owner's share, or
 * held by an owner no longer in the scope) are refused by reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { PLAN, targetPlans, repTeam } from '../support/target-plans.ts';
import { formatMoney, parseMoney } from '../../schema/money.ts';

type Line = { ownerId: string; periodKey: string; amount: string };
const fen = (a: string) => BigInt(a.replace('.', ''));
const BREAK = `mutation($id: ID!, $revision: Int!, $keep: Boolean) {
  breakDownTargetPlan(id: $id, revision: $revision, time: { kind: EQUAL }, owners: { kind: EQUAL }, keepLocked: $keep) { ${PLAN} } }`;

describe.each(testProviders)('a re-plan keeping locked months on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'manager' | 'director' | 'admin', string>;
  let plans: ReturnType<typeof targetPlans>;
  let team: string;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['manager', 'director', 'admin'] as const) t[u] = await s.login(u);
    plans = targetPlans(s, t);
    team = await repTeam(s);
  });
  afterAll(() => s.close());

  it('keeps January and February as published and spreads the rest of the year over March–December', async () => {
    // Version 1: 1,000.00 a month for everyone employed, more in January (a strong start).
    const first = await plans.draft(team, 'BASE', 'SALES_AMOUNT', (_o, p, employed) => (employed ? (p.key === '2026-01' ? 1500 : 1000) : 0));
    const v1 = (await plans.publish(first.view.plan.id, first.view.plan.revision)).plan;
    for (const m of ['2026-01', '2026-02']) await plans.gqlOk(`mutation { lockPeriod(periodKey: "${m}", reason: "已结账") { periodKey } }`, {}, t.admin);
    const v2 = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!) { reviseTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`, { id: v1.id, revision: v1.revision }, t.manager)).reviseTargetPlan;
    const before: Line[] = v2.lines;

    // Without asking to keep them: refused, naming January, and nothing changes.
    const refused = await s.refused(BREAK, { id: v2.plan.id, revision: v2.plan.revision }, t.manager);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2026-01' } });
    const unchanged = (await plans.gqlOk(`query($id: ID!) { targetPlan(id: $id) { ${PLAN} } }`, { id: v2.plan.id }, t.manager)).targetPlan;
    expect(unchanged.plan.revision).toBe(v2.plan.revision);
    expect(unchanged.lines).toEqual(before);
    // Moving 10.00 from one person's January to another's: validation names both cells, by row and column; a save is refused
    // with them (PERIOD_LOCKED, as before) and nothing changes.
    const [a, b] = before.filter((l) => l.periodKey === '2026-01' && l.ownerId !== team && parseMoney(l.amount) >= 1000n);
    const shift = (amount: string, fen: bigint) => formatMoney(parseMoney(amount) + fen);
    const moved = before.map((l) => (l === a ? { ...l, amount: shift(l.amount, -1000n) } : l === b ? { ...l, amount: shift(l.amount, 1000n) } : l));
    const VALIDATE = `mutation($id: ID!, $lines: [TargetLineInput!]!) { validateTargetLines(id: $id, lines: $lines) { rule row column rowKey periodKey expected found } }`;
    const issues = (await plans.gqlOk(VALIDATE, { id: v2.plan.id, lines: moved }, t.manager)).validateTargetLines;
    expect(issues.map((i: any) => [i.rule, i.rowKey, i.periodKey, i.expected, i.found]).sort()).toEqual(
      [
        ['lockedPeriod', a!.ownerId, '2026-01', a!.amount, shift(a!.amount, -1000n)],
        ['lockedPeriod', b!.ownerId, '2026-01', b!.amount, shift(b!.amount, 1000n)],
      ].sort(),
    );
    expect(issues.every((i: any) => i.row !== null && i.column !== null)).toBe(true);
    const save = await s.refused(`mutation($id: ID!, $r: Int!, $lines: [TargetLineInput!]!) { saveTargetLines(id: $id, revision: $r, lines: $lines) { plan { id } } }`, { id: v2.plan.id, r: v2.plan.revision, lines: moved }, t.manager);
    const ext = save.errors![0]!.extensions as any;
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2026-01' } });
    expect(ext.issues.map((i: any) => [i.rule, i.rowKey]).sort()).toEqual([['lockedPeriod', a!.ownerId], ['lockedPeriod', b!.ownerId]].sort());
    expect((await plans.gqlOk(`query($id: ID!) { targetPlan(id: $id) { ${PLAN} } }`, { id: v2.plan.id }, t.manager)).targetPlan.lines).toEqual(before);

    // The preview without keeping them is refused the same way, not answered with January rewritten.
    const unkept = await s.refused(`query($id: ID!) { targetPlanBreakdownPreview(id: $id, time: { kind: EQUAL }, owners: { kind: EQUAL }) { total } }`, { id: v2.plan.id }, t.manager);
    expect(unkept.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2026-01' } });

    // The preview and the breakdown keeping them agree.
    const preview = (await plans.gqlOk(`query($id: ID!) { targetPlanBreakdownPreview(id: $id, time: { kind: EQUAL }, owners: { kind: EQUAL }, keepLocked: true) { total lines { ownerId periodKey amount } } }`, { id: v2.plan.id }, t.manager)).targetPlanBreakdownPreview;
    const after = (await plans.gqlOk(BREAK, { id: v2.plan.id, revision: v2.plan.revision, keep: true }, t.manager)).breakDownTargetPlan;
    const key = (l: Line) => `${l.ownerId}|${l.periodKey}`;
    expect(new Map(preview.lines.map((l: Line) => [key(l), l.amount]))).toEqual(new Map(after.lines.map((l: Line) => [key(l), l.amount])));

    // Every line of January and February is as it was, for every row.
    const was = new Map(before.map((l) => [key(l), l.amount]));
    const locked = after.lines.filter((l: Line) => l.periodKey === '2026-01' || l.periodKey === '2026-02');
    expect(locked.length).toBe(before.filter((l) => l.periodKey === '2026-01' || l.periodKey === '2026-02').length);
    for (const l of locked) expect(l.amount, key(l)).toBe(was.get(key(l)));

    // The team's row: the year unchanged; March–December share what January and February left, equally to the fen.
    const row = new Map<string, bigint>((after.lines as Line[]).filter((l) => l.ownerId === team).map((l) => [l.periodKey, fen(l.amount)]));
    const total = fen(after.plan.total);
    expect(after.plan.total).toBe(v1.total);
    const open = [...row].filter(([k]) => k >= '2026-03').map(([, v]) => v);
    expect(open).toHaveLength(10);
    expect(open.reduce((a, b) => a + b, 0n)).toBe(total - row.get('2026-01')! - row.get('2026-02')!);
    const max = open.reduce((a, b) => (a > b ? a : b));
    const min = open.reduce((a, b) => (a < b ? a : b));
    expect(max - min <= 1n).toBe(true);
    // Each month's people add up to the team's month.
    for (const [periodKey, v] of row) {
      const people = after.lines.filter((l: Line) => l.ownerId !== team && l.periodKey === periodKey).reduce((a: bigint, l: Line) => a + fen(l.amount), 0n);
      expect(people, periodKey).toBe(v);
    }

    // Through to published: the locked months' figures are the ones in force.
    const published = (await plans.publish(after.plan.id, after.plan.revision)).plan;
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 2 });
    const audit = await s.db.prisma.auditEvent.findFirst({ where: { entityId: v2.plan.id, action: 'breakDown' }, orderBy: { at: 'desc' } });
    expect(JSON.parse(String(audit!.after))).toMatchObject({ keptPeriods: ['2026-01', '2026-02'] });
    for (const m of ['2026-01', '2026-02']) await plans.gqlOk(`mutation { reopenPeriod(periodKey: "${m}", reason: "下一项检查") }`, {}, t.admin);
  });
  it('splits units the same way: each unit keeps its locked months and gets the rest of its year, by the weights of the open months', async () => {
    const area = (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: team } })).parentId!;
    const created = (await plans.gqlOk(`mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`, {
      input: { year: 2026, metric: 'COLLECTIONS', level: 'BASE', scopeUnitId: area, total: '1200000.00', ownerKind: 'UNIT' },
    }, t.admin)).createTargetPlan.plan;
    const v1 = (await plans.gqlOk(BREAK, { id: created.id, revision: created.revision }, t.admin)).breakDownTargetPlan.plan;
    await plans.gqlOk('mutation($id: ID!, $revision: Int!) { submitTargetPlan(id: $id, revision: $revision) { plan { id } } }', { id: v1.id, revision: v1.revision }, t.admin);
    const submitted = (await plans.gqlOk(`query($id: ID!) { targetPlan(id: $id) { ${PLAN} } }`, { id: v1.id }, t.director)).targetPlan.plan;
    const approved = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!) { approveTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`, { id: v1.id, revision: submitted.revision }, t.director)).approveTargetPlan.plan;
    const published = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!) { publishTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`, { id: v1.id, revision: approved.revision }, t.director)).publishTargetPlan.plan;
    for (const m of ['2026-01', '2026-02']) await plans.gqlOk(`mutation { lockPeriod(periodKey: "${m}", reason: "已结账") { periodKey } }`, {}, t.admin);
    const v2 = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!) { reviseTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`, { id: published.id, revision: published.revision }, t.admin)).reviseTargetPlan;
    // January and February hold 100,000.00 each; the open months are weighted 10 % each except December (20 %),
    // the percentages of January and February (0 and 0 here) set aside: 1,000,000.00 left.
    const percents = Array.from({ length: 12 }, (_, i) => ({ key: `2026-${String(i + 1).padStart(2, '0')}`, percent: i < 2 ? '0' : i === 11 ? '20' : i === 10 ? '0' : '10' }));
    const after = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!, $p: [KeyPercentInput!]) {
      breakDownTargetPlan(id: $id, revision: $revision, time: { kind: WEIGHTS, percents: $p }, owners: { kind: EQUAL }, keepLocked: true) { ${PLAN} } }`, { id: v2.plan.id, revision: v2.plan.revision, p: percents }, t.admin)).breakDownTargetPlan;
    const row = (owner: string) => new Map<string, string>((after.lines as Line[]).filter((l) => l.ownerId === owner).map((l) => [l.periodKey, l.amount]));
    const scope = row(area);
    expect([scope.get('2026-01'), scope.get('2026-02'), scope.get('2026-03'), scope.get('2026-11'), scope.get('2026-12')]).toEqual(['100000.00', '100000.00', '100000.00', '0.00', '200000.00']);
    const was = new Map((v2.lines as Line[]).map((l) => [`${l.ownerId}|${l.periodKey}`, l.amount]));
    const units = [...new Set((after.lines as Line[]).map((l) => l.ownerId))].filter((o) => o !== area);
    expect(units.length).toBeGreaterThan(1);
    for (const u of units) {
      const r = row(u);
      expect(r.get('2026-01')).toBe(was.get(`${u}|2026-01`));
      expect(r.get('2026-02')).toBe(was.get(`${u}|2026-02`));
      // Each unit's year is what the equal split gave it before.
      const year = (m: Map<string, string>) => [...m].filter(([k]) => /^2026-\d\d$/.test(k)).reduce((a, [, v]) => a + fen(v), 0n);
      expect(year(r)).toBe(year(new Map((v2.lines as Line[]).filter((l) => l.ownerId === u).map((l) => [l.periodKey, l.amount]))));
    }
    for (const m of ['2026-01', '2026-02']) await plans.gqlOk(`mutation { reopenPeriod(periodKey: "${m}", reason: "下一项检查") }`, {}, t.admin);
  });
  it('saves a change to March in a quarters-and-months plan while January is locked (the first quarter is a sum), not one to January', async () => {
    const created = (await plans.gqlOk(`mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`, {
      input: { year: 2026, metric: 'NEW_CUSTOMERS', level: 'BASE', scopeUnitId: team, total: '1200', ownerKind: 'PERSON', periodLevel: 'quarter,month' },
    }, t.manager)).createTargetPlan.plan;
    const v1 = (await plans.gqlOk(BREAK, { id: created.id, revision: created.revision }, t.manager)).breakDownTargetPlan.plan;
    const published = (await plans.publish(v1.id, v1.revision)).plan;
    await plans.gqlOk('mutation { lockPeriod(periodKey: "2026-01", reason: "已结账") { periodKey } }', {}, t.admin);
    const v2 = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!) { reviseTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`, { id: published.id, revision: published.revision }, t.manager)).reviseTargetPlan;
    const someone = (v2.lines as Line[]).find((l) => l.ownerId !== team && l.periodKey === '2026-03' && Number(l.amount) > 0)!.ownerId;
    // One new customer moves from March to April: March, April, Q1 and Q2 change for that person and the team.
    const shift = (from: string, to: string) =>
      (v2.lines as Line[]).map((l) => {
        if (l.ownerId !== someone && l.ownerId !== team) return l;
        const q = (m: string) => `2026-Q${Math.ceil(Number(m.slice(5)) / 3)}`;
        const d = (l.periodKey === from || l.periodKey === q(from) ? -1 : 0) + (l.periodKey === to || l.periodKey === q(to) ? 1 : 0);
        return { ...l, amount: String(Number(l.amount) + d) };
      });
    const saved = (await plans.gqlOk(plans.SAVE, { id: v2.plan.id, revision: v2.plan.revision, lines: shift('2026-03', '2026-04') }, t.manager)).saveTargetLines;
    expect(saved.lines.find((l: Line) => l.ownerId === team && l.periodKey === '2026-Q1').amount).toBe(String(Number(v2.lines.find((l: Line) => l.ownerId === team && l.periodKey === '2026-Q1').amount) - 1));
    const refused = await s.refused(plans.SAVE, { id: v2.plan.id, revision: saved.plan.revision, lines: shift('2026-01', '2026-04') }, t.manager);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2026-01' } });
    await plans.gqlOk('mutation { reopenPeriod(periodKey: "2026-01", reason: "下一项检查") }', {}, t.admin);
  });
  it('refuses, changing nothing, when a unit’s locked months already hold more than its new share of the year', async () => {
    const area = (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: team } })).parentId!;
    const created = (await plans.gqlOk(`mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`, {
      input: { year: 2026, metric: 'GROSS_MARGIN', level: 'BASE', scopeUnitId: area, total: '100000.00', ownerKind: 'UNIT' },
    }, t.admin)).createTargetPlan.plan;
    const units = [...new Set((await plans.gqlOk(`query($id: ID!) { targetPlan(id: $id) { rows { ownerId isScope } } }`, { id: created.id }, t.admin)).targetPlan.rows.filter((r: { isScope: boolean }) => !r.isScope).map((r: { ownerId: string }) => r.ownerId))] as string[];
    expect(units.length).toBeGreaterThan(1);
    // Half the year in January; the first unit takes 90 % of it all.
    const months = Array.from({ length: 12 }, (_, i) => ({ key: `2026-${String(i + 1).padStart(2, '0')}`, percent: i === 0 ? '50' : i === 11 ? '5' : '4.5' }));
    const shares = (first: string) => units.map((u, i) => ({ key: u, percent: i === 0 ? first : i === 1 ? String(100 - Number(first)) : '0' }));
    const BY = `mutation($id: ID!, $revision: Int!, $t: [KeyPercentInput!], $o: [KeyPercentInput!], $keep: Boolean) {
      breakDownTargetPlan(id: $id, revision: $revision, time: { kind: WEIGHTS, percents: $t }, owners: { kind: WEIGHTS, percents: $o }, keepLocked: $keep) { ${PLAN} } }`;
    const v1 = (await plans.gqlOk(BY, { id: created.id, revision: created.revision, t: months, o: shares('90') }, t.admin)).breakDownTargetPlan.plan;
    await plans.gqlOk('mutation { lockPeriod(periodKey: "2026-01", reason: "已结账") { periodKey } }', {}, t.admin);
    // January gave the first unit 45,000.00; a new split giving it 10 % of the year (10,000.00) cannot keep that.
    const refused = await s.refused(BY, { id: v1.id, revision: v1.revision, t: months, o: shares('10'), keep: true }, t.admin);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LOCKED_ABOVE_SHARE', params: { locked: '45000.00', share: '10000.00' } });
    await plans.gqlOk('mutation { reopenPeriod(periodKey: "2026-01", reason: "下一项检查") }', {}, t.admin);
  });
  it('refuses, by name and period and changing nothing, to keep a locked month whose figures belong to a unit moved out of the scope', async () => {
    const area = (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: team } })).parentId!;
    const created = (await plans.gqlOk(`mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`, {
      input: { year: 2026, metric: 'UNITS', level: 'BASE', scopeUnitId: area, total: '12000', ownerKind: 'UNIT' },
    }, t.admin)).createTargetPlan.plan;
    const v1 = (await plans.gqlOk(BREAK, { id: created.id, revision: created.revision }, t.admin)).breakDownTargetPlan.plan;
    await plans.gqlOk('mutation { lockPeriod(periodKey: "2026-01", reason: "已结账") { periodKey } }', {}, t.admin);
    // The team, holding January's figures, moves to another area.
    const moved = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: team } });
    const elsewhere = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: area } })).kind, id: { not: area } } });
    const MOVE = 'mutation($id: ID!, $parentId: ID!, $version: Int!) { moveOrgUnit(id: $id, parentId: $parentId, version: $version) { version } }';
    const away = (await plans.gqlOk(MOVE, { id: team, parentId: elsewhere.id, version: moved.version }, t.admin)).moveOrgUnit;
    try {
      const before = await databaseSnapshot(s.db);
      const gone = { code: 'BAD_USER_INPUT', reason: 'LOCKED_OWNER_GONE', params: { owner: moved.name, period: '2026-01' } };
      expect((await s.refused(BREAK, { id: v1.id, revision: v1.revision, keep: true }, t.admin)).errors![0]!.extensions).toMatchObject(gone);
      const preview = await s.refused(`query($id: ID!) { targetPlanBreakdownPreview(id: $id, time: { kind: EQUAL }, owners: { kind: EQUAL }, keepLocked: true) { total } }`, { id: v1.id }, t.admin);
      expect(preview.errors![0]!.extensions).toMatchObject(gone);
      expect(await databaseSnapshot(s.db)).toBe(before);
    } finally {
      await plans.gqlOk(MOVE, { id: team, parentId: area, version: away.version }, t.admin);
      await plans.gqlOk('mutation { reopenPeriod(periodKey: "2026-01", reason: "下一项检查") }', {}, t.admin);
    }
  });
});
